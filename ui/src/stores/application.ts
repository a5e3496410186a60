// The wizard's store: the open application, autosave of every change (debounced per field or
// row, serialised per key), undoable row deletes, and the live assessment refreshed after
// every save. Owns no UI; commands come in through `deps` so tests can replace them.
import { reactive, toRaw } from 'vue'
import * as api from '../api'
import { isCommandMissing, toAppError, type AppError, type Assessment, type Conflict } from '../api'
import type { Application } from '../bindings/Application'
import type { ApplicationField } from '../bindings/ApplicationField'
import type { RowData } from '../bindings/RowData'
import type { RowKind } from '../bindings/RowKind'
import type { FieldIssue } from '../bindings/FieldIssue'
import type { SavedRow } from '../bindings/SavedRow'
import type { Resource as ConflictResource } from '../bindings/Resource'
import { keyedDebouncer } from './debounce'

/** Fields and rows reach the database this long after the last change. */
export const SAVE_DEBOUNCE_MS = 50
/** Long texts decide no criterion, so they may wait longer. */
export const NARRATIVE_DEBOUNCE_MS = 400

/** The rosters of an application and the RowKind of their rows. */
export const ROSTER_KIND = {
  directions: 'direction',
  host_units: 'host_unit',
  people: 'person',
  instruments: 'instrument',
  sites: 'site',
  rd_investments: 'rd_investment',
  achievements: 'achievement',
} as const satisfies Record<string, RowKind>

export type Roster = keyof typeof ROSTER_KIND
export type RowOf<R extends Roster> = Application[R][number]

export interface StoreDeps {
  loadApplication: typeof api.loadApplication
  updateApplicationField: typeof api.updateApplicationField
  saveRow: typeof api.saveRow
  deleteRow: typeof api.deleteRow
  checkApplication: typeof api.checkApplication
  /** Shows a save error to the user (a quiet message). */
  notifyError: (error: AppError) => void
  now: () => number
}

export interface StoreState {
  id: number | null
  app: Application | null
  loading: boolean
  loadError: AppError | null
  /** Saves scheduled or running. */
  pendingSaves: number
  savedAt: Date | null
  saveError: AppError | null
  assessment: Assessment | null
  /** Resources of this application claimed elsewhere (other applications, the registry). */
  conflicts: Conflict[]
  checkError: AppError | null
  /** The shell has no checkApplication yet. */
  checkMissing: boolean
  /** What the core said of each row at its last save (by row uid): issues at fields, region. */
  saved: Record<string, Pick<SavedRow, 'issues' | 'uscc_region'>>
  /** performance.now() of the last local change and of the last assessment shown. */
  lastEditAt: number
  lastCheckAt: number
}

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(toRaw(value))) as T
}

/** Applies one field change to the local copy. */
export function applyField(app: Application, change: ApplicationField): void {
  switch (change.field) {
    case 'programme': app.programme = change.value; break
    case 'category': app.category = change.value; break
    case 'centre_name': app.centre_name = change.value; break
    case 'field': app.field = change.value; break
    case 'sub_area': app.sub_area = change.value; break
    case 'reference_date':
      if (change.value === null) delete app.reference_date
      else app.reference_date = change.value
      break
    case 'city': app.city = change.value; break
    case 'recommendation_letter': app.recommendation_letter = change.value; break
    case 'attestation': app.attestations[change.value.criterion] = change.value.confirmed; break
    case 'narrative': app.narratives[change.value.section] = change.value.text; break
  }
}

function fieldKey(change: ApplicationField): string {
  if (change.field === 'attestation') return `field:attestation:${change.value.criterion}`
  if (change.field === 'narrative') return `field:narrative:${change.value.section}`
  return `field:${change.field}`
}

export function createApplicationStore(deps: StoreDeps) {
  const state = reactive<StoreState>({
    id: null,
    app: null,
    loading: false,
    loadError: null,
    pendingSaves: 0,
    savedAt: null,
    saveError: null,
    assessment: null,
    conflicts: [],
    checkError: null,
    checkMissing: false,
    saved: {},
    lastEditAt: 0,
    lastCheckAt: 0,
  })

  const debouncer = keyedDebouncer()
  const chains = new Map<string, Promise<void>>()
  const failed = new Map<string, () => Promise<void>>()
  const uids = new WeakMap<object, string>()
  const removed = new WeakSet<object>()
  let nextUid = 1
  let checkRunning = false
  let checkAgain = false
  /** Bumped on every load so late answers for another application are dropped. */
  let generation = 0

  function uidOf(row: object): string {
    const raw = toRaw(row)
    let uid = uids.get(raw)
    if (!uid) {
      uid = `row${nextUid++}`
      uids.set(raw, uid)
    }
    return uid
  }

  /** Runs `job` after the previous job of `key`; counts it as a pending save. */
  function enqueue(key: string, job: () => Promise<void>): Promise<void> {
    const gen = generation
    state.pendingSaves++
    const run = async (): Promise<void> => {
      if (gen !== generation) return
      try {
        await job()
        failed.delete(key)
        state.savedAt = new Date()
        if (failed.size === 0) state.saveError = null
        requestCheck()
      } catch (e) {
        const error = toAppError(e)
        failed.set(key, job)
        state.saveError = error
        deps.notifyError(error)
      }
    }
    const next = (chains.get(key) ?? Promise.resolve()).then(run).finally(() => {
      state.pendingSaves--
      if (chains.get(key) === next) chains.delete(key)
    })
    chains.set(key, next)
    return next
  }

  /** Schedules a debounced save; counted as pending from now. */
  function scheduleSave(key: string, wait: number, job: () => Promise<void>): void {
    state.lastEditAt = deps.now()
    const wasPending = debouncer.has(key)
    if (!wasPending) state.pendingSaves++
    debouncer.schedule(key, wait, () => {
      state.pendingSaves--
      void enqueue(key, job)
    })
  }

  async function load(id: number): Promise<void> {
    flush()
    generation++
    state.id = id
    state.loading = true
    state.loadError = null
    state.assessment = null
    state.conflicts = []
    state.checkError = null
    state.saved = {}
    try {
      const app = await deps.loadApplication(id)
      if (state.id !== id) return
      state.app = app
      requestCheck()
    } catch (e) {
      state.loadError = toAppError(e)
    } finally {
      state.loading = false
    }
  }

  function setField(change: ApplicationField): void {
    const app = state.app
    const id = state.id
    if (!app || id === null) return
    applyField(app, change)
    const wait = change.field === 'narrative' ? NARRATIVE_DEBOUNCE_MS : SAVE_DEBOUNCE_MS
    const payload = plain(change)
    scheduleSave(fieldKey(change), wait, () => deps.updateApplicationField(id, payload))
  }

  function saveJob<R extends Roster>(roster: R, row: RowOf<R>): () => Promise<void> {
    const id = state.id as number
    return async () => {
      if (removed.has(toRaw(row))) return
      const data = { kind: ROSTER_KIND[roster], row: plain(row) } as RowData
      const saved = await deps.saveRow(id, data)
      if (row.id === undefined || row.id === null) row.id = saved.id
      takeDerived(row, data, saved)
      state.saved[uidOf(row)] = { issues: saved.issues, uscc_region: saved.uscc_region }
    }
  }

  /** Copies what the core derived (a person's birth date and gender from the resident ID) into
   *  the local row, unless the user changed the ID number since the save was sent. */
  function takeDerived(row: object, sent: RowData, saved: SavedRow): void {
    if (sent.kind !== 'person' || saved.row.kind !== 'person') return
    const local = row as Extract<RowData, { kind: 'person' }>['row']
    if (local.id_doc.number !== sent.row.id_doc.number || local.id_doc.kind !== sent.row.id_doc.kind) return
    const stored = saved.row.row
    if (stored.birth_date) local.birth_date = stored.birth_date
    if (stored.gender) local.gender = stored.gender
  }

  /** The core's issues of a row at its last save (paths relative to the row). */
  function issuesOf(row: object): FieldIssue[] {
    return state.saved[uidOf(row)]?.issues ?? []
  }

  /** The core's message for one field of a row ("id_doc.number"), or null. */
  function issueAt(row: object, path: string): string | null {
    return issuesOf(row).find((i) => i.path === path)?.message ?? null
  }

  /** The registering region (6-digit division code) of a host unit's valid credit code. */
  function usccRegionOf(row: object): string | null {
    return state.saved[uidOf(row)]?.uscc_region ?? null
  }

  /** Appends a row and inserts it at once (so later edits update it). */
  function addRow<R extends Roster>(roster: R, row: RowOf<R>): RowOf<R> {
    const app = state.app
    if (!app) return row
    const list = app[roster] as RowOf<R>[]
    list.push(row)
    const added = list[list.length - 1] as RowOf<R>
    state.lastEditAt = deps.now()
    void enqueue(uidOf(added), saveJob(roster, added))
    return added
  }

  /** Saves a row after the debounce; call after changing it in place. */
  function updateRow<R extends Roster>(roster: R, row: RowOf<R>): void {
    if (!state.app) return
    scheduleSave(uidOf(row), SAVE_DEBOUNCE_MS, saveJob(roster, row))
  }

  /** Deletes a row; resolves with what it held (for undo), or null when nothing was deleted. */
  async function removeRow<R extends Roster>(roster: R, row: RowOf<R>): Promise<RowData | null> {
    const app = state.app
    const id = state.id
    if (!app || id === null) return null
    const uid = uidOf(row)
    debouncer.flushKey(uid)
    await chains.get(uid)
    const list = app[roster] as RowOf<R>[]
    const index = list.findIndex((r) => toRaw(r) === toRaw(row))
    if (row.id === undefined || row.id === null) {
      if (index >= 0) list.splice(index, 1)
      return null
    }
    state.lastEditAt = deps.now()
    try {
      const data = await deps.deleteRow(id, ROSTER_KIND[roster], row.id)
      removed.add(toRaw(row))
      const at = list.findIndex((r) => toRaw(r) === toRaw(row))
      if (at >= 0) list.splice(at, 1)
      state.savedAt = new Date()
      requestCheck()
      return data
    } catch (e) {
      const error = toAppError(e)
      deps.notifyError(error)
      return null
    }
  }

  /** Undo of a delete: inserts the row again (at the end of its roster). */
  function restoreRow(data: RowData): void {
    const roster = (Object.keys(ROSTER_KIND) as Roster[]).find((r) => ROSTER_KIND[r] === data.kind)
    if (!roster) return
    const copy = plain(data.row) as RowOf<typeof roster>
    delete copy.id
    addRow(roster, copy)
  }

  async function requestCheck(): Promise<void> {
    if (state.checkMissing || state.id === null) return
    if (checkRunning) {
      checkAgain = true
      return
    }
    checkRunning = true
    const gen = generation
    const id = state.id
    try {
      const checked = await deps.checkApplication(id)
      if (gen === generation) {
        state.assessment = checked.assessment
        state.conflicts = checked.conflicts
        state.checkError = null
        state.lastCheckAt = deps.now()
      }
    } catch (e) {
      if (gen === generation) {
        if (isCommandMissing(e)) state.checkMissing = true
        else state.checkError = toAppError(e)
      }
    } finally {
      checkRunning = false
      if (checkAgain) {
        checkAgain = false
        void requestCheck()
      }
    }
  }

  /** Runs every pending save now. */
  function flush(): void {
    debouncer.flush()
  }

  /** Retries the saves that failed. */
  function retry(): void {
    const jobs = [...failed.entries()]
    failed.clear()
    state.saveError = null
    for (const [key, job] of jobs) void enqueue(key, job)
  }

  /** Resolves when no save is scheduled or running (for tests and before leaving). */
  async function settled(): Promise<void> {
    flush()
    while (chains.size > 0) await Promise.all([...chains.values()])
  }

  /** What the check found against one saved roster row: one Chinese sentence per conflict. */
  function conflictsOfRow(resource: ConflictResource, rowId: number | undefined): string[] {
    if (rowId === undefined) return []
    return state.conflicts
      .filter((c) => c.first.record?.resource === resource && c.first.record.row_id === rowId)
      .map((c) => (c.severity === 'excludes' ? c.message : `提示：${c.message}`))
  }

  return { state, load, conflictsOfRow, issuesOf, issueAt, usccRegionOf, setField, addRow, updateRow, removeRow, restoreRow, requestCheck, flush, retry, settled, uidOf }
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>

/** The store wired to the real commands. */
export function defaultDeps(notifyError: (error: AppError) => void): StoreDeps {
  return {
    loadApplication: api.loadApplication,
    updateApplicationField: api.updateApplicationField,
    saveRow: api.saveRow,
    deleteRow: api.deleteRow,
    checkApplication: api.checkApplication,
    notifyError,
    now: () => performance.now(),
  }
}
