// The wizard's store: the open application, autosave of every change (debounced per field or
// row, serialised per key), undo/redo of every edit (see history.ts), and the live assessment
// that comes back with every save (one command saves and checks: one round trip per edit).
// Owns no UI; commands come in through `deps` so tests can replace them.
import { markRaw, reactive, toRaw } from 'vue'
import * as api from '../api'
import { toAppError, type AppError, type Assessment, type Conflict } from '../api'
import type { Application } from '../bindings/Application'
import type { ApplicationField } from '../bindings/ApplicationField'
import type { RowData } from '../bindings/RowData'
import type { RowKind } from '../bindings/RowKind'
import type { FieldIssue } from '../bindings/FieldIssue'
import type { EvidenceItem } from '../bindings/EvidenceItem'
import type { SavedRow } from '../bindings/SavedRow'
import type { UsccReading } from '../bindings/UsccReading'
import type { RegistryCheck } from '../bindings/RegistryCheck'
import type { Resource as ConflictResource } from '../bindings/Resource'
import { keyedDebouncer } from './debounce'
import { createHistory, type Step } from './history'
import { recordTiming } from './timing'
import { labelOf, SEVERITY } from '../bindings/labels'

/** Fields and rows changed again while their save is on its way reach the database this long
 *  after the last change (the first change of a quiet field is saved at once). */
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
  /** Saves one field and answers its issues with the check after it (one round trip). */
  saveFieldChecked: typeof api.saveFieldChecked
  /** Saves one roster row and answers it as stored with the check after it. */
  saveRowChecked: typeof api.saveRowChecked
  deleteRow: typeof api.deleteRow
  /** The check alone: after loading and after a delete. */
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
  /** The supporting materials with their files, as the last check listed them. */
  materials: EvidenceItem[]
  checkError: AppError | null
  /** What the core said of each row at its last save (by row uid): issues at fields, region. */
  saved: Record<string, Pick<SavedRow, 'issues' | 'uscc_region' | 'uscc_reading'>>
  /** What the core said of each application field at its last save (by field key). */
  fieldIssues: Record<string, FieldIssue[]>
  /** performance.now() of the last local change and of the last assessment shown. */
  lastEditAt: number
  lastCheckAt: number
}

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(toRaw(value))) as T
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The new assessment sharing every criterion that did not change with the one shown (the same
 * object), so the panel re-renders only the criteria that changed. Not made deeply reactive: it
 * is replaced whole on every check, never changed in place.
 */
export function shareAssessment(shown: Assessment | null, next: Assessment): Assessment {
  if (shown && same(shown, next)) return shown
  const before = new Map((shown?.criteria ?? []).map((c) => [c.id, c]))
  const criteria = next.criteria.map((c) => {
    const old = before.get(c.id)
    return old && same(old, c) ? old : c
  })
  // The other parts too (presentation, notices, …): what reads them is not re-run for nothing.
  const parts: Record<string, unknown> = { ...next }
  if (shown) {
    const old = shown as unknown as Record<string, unknown>
    for (const key of Object.keys(parts)) if (key !== 'criteria' && same(old[key], parts[key])) parts[key] = old[key]
  }
  return markRaw({ ...(parts as unknown as Assessment), criteria })
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

/** The change that puts back a field's present value (for undo). */
export function currentField(app: Application, change: ApplicationField): ApplicationField {
  switch (change.field) {
    case 'programme': return { field: 'programme', value: app.programme }
    case 'category': return { field: 'category', value: app.category }
    case 'centre_name': return { field: 'centre_name', value: app.centre_name }
    case 'field': return { field: 'field', value: app.field }
    case 'sub_area': return { field: 'sub_area', value: app.sub_area }
    case 'reference_date': return { field: 'reference_date', value: app.reference_date ?? null }
    case 'city': return { field: 'city', value: app.city }
    case 'recommendation_letter': return { field: 'recommendation_letter', value: app.recommendation_letter }
    case 'attestation': {
      const criterion = change.value.criterion
      return { field: 'attestation', value: { criterion, confirmed: app.attestations[criterion] ?? false } }
    }
    case 'narrative': {
      const section = change.value.section
      return { field: 'narrative', value: { section, text: app.narratives[section] ?? '' } }
    }
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
    materials: [],
    checkError: null,
    saved: {},
    fieldIssues: {},
    lastEditAt: 0,
    lastCheckAt: 0,
  })

  const debouncer = keyedDebouncer()
  const history = createHistory()
  /** Each row as it was after its last recorded edit (the "before" of the next one). */
  const snapshots = new WeakMap<object, object>()
  const chains = new Map<string, Promise<void>>()
  /** A save; it answers the check that came back with it, numbered when it was sent. */
  type Job = () => Promise<{ seq: number; check: RegistryCheck } | void>
  /** The latest change waiting behind the save of its key that is on its way (last one wins). */
  const queued = new Map<string, Job>()
  const failed = new Map<string, Job>()
  const uids = new WeakMap<object, string>()
  const removed = new WeakSet<object>()
  let nextUid = 1
  let checkRunning = false
  let checkAgain = false
  /** Checks are numbered when asked for; an answer older than the one shown is dropped (the
   *  shell answers in order, but a check alone and a save's check may cross). */
  let checkSeq = 0
  let shownSeq = 0
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

  /** Runs `job` after the previous job of `key`; counts it as a pending save. A job that answers
   *  a check (the save's own) shows it; one that does not asks for a check. */
  function enqueue(key: string, job: Job): Promise<void> {
    const gen = generation
    state.pendingSaves++
    const run = async (): Promise<void> => {
      if (gen !== generation) return
      try {
        const start = deps.now()
        const answered = await job()
        const end = deps.now()
        recordTiming('save', start, end)
        failed.delete(key)
        state.savedAt = new Date()
        if (failed.size === 0) state.saveError = null
        if (answered) {
          // Saved and checked in one command: the check is part of the save's round trip. When
          // a newer change of this key waits to be saved, its answer supersedes this one: not
          // rendering this one lets that save start at once.
          recordTiming('check', end, end)
          if (!queued.has(key)) showCheck(answered.seq, gen, answered.check)
        } else requestCheck()
      } catch (e) {
        const error = toAppError(e)
        failed.set(key, job)
        state.saveError = error
        deps.notifyError(error)
        // The panel may have skipped the answer of the save before this one: ask for it.
        requestCheck()
      }
    }
    const next = (chains.get(key) ?? Promise.resolve()).then(run).finally(() => {
      state.pendingSaves--
      if (chains.get(key) === next) chains.delete(key)
    })
    chains.set(key, next)
    return next
  }

  /**
   * Schedules a save; counted as pending from now. A short-wait change is saved at once when
   * nothing of `key` is being saved (the panel follows a keystroke without a timer's delay);
   * while one is on its way, later changes wait right behind it, without a timer, and the last
   * one wins. Long texts wait for their debounce.
   */
  function scheduleSave(key: string, wait: number, job: Job): void {
    state.lastEditAt = deps.now()
    if (wait <= SAVE_DEBOUNCE_MS && !debouncer.has(key)) {
      if (!chains.has(key)) {
        void enqueue(key, job)
        return
      }
      const waiting = queued.has(key)
      queued.set(key, job)
      if (!waiting) {
        let latest = job
        void enqueue(key, () => {
          latest = queued.get(key) ?? latest
          queued.delete(key)
          return latest()
        })
      }
      return
    }
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
    state.materials = []
    state.checkError = null
    state.saved = {}
    state.fieldIssues = {}
    try {
      const app = await deps.loadApplication(id)
      if (state.id !== id) return
      state.app = app
      history.clear()
      for (const roster of Object.keys(ROSTER_KIND) as Roster[]) for (const row of app[roster]) snapshots.set(toRaw(row), plain(row))
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
    const before = plain(currentField(app, change))
    applyField(app, change)
    const after = plain(change)
    history.record({
      key: fieldKey(change),
      label: '修改',
      undo: () => setField(before),
      redo: () => setField(after),
    })
    const wait = change.field === 'narrative' ? NARRATIVE_DEBOUNCE_MS : SAVE_DEBOUNCE_MS
    const payload = plain(change)
    const key = fieldKey(change)
    scheduleSave(key, wait, async () => {
      const seq = ++checkSeq
      const answer = await deps.saveFieldChecked(id, payload)
      state.fieldIssues[key] = answer.saved.issues
      return { seq, check: answer.check }
    })
  }

  /** The core's message for an application field ("centre_name") at its last save, or null. */
  function fieldIssueAt(path: string): string | null {
    for (const issues of Object.values(state.fieldIssues)) {
      const found = issues.find((i) => i.path === path && i.level === 'error')
      if (found) return found.message
    }
    return null
  }

  function saveJob<R extends Roster>(roster: R, row: RowOf<R>): Job {
    const id = state.id as number
    return async () => {
      if (removed.has(toRaw(row))) return
      const data = { kind: ROSTER_KIND[roster], row: plain(row) } as RowData
      const seq = ++checkSeq
      const answer = await deps.saveRowChecked(id, data)
      const saved = answer.saved
      if (row.id === undefined || row.id === null) row.id = saved.id
      takeStored(row, data, saved)
      const uid = uidOf(row)
      const said = { issues: saved.issues, uscc_region: saved.uscc_region, uscc_reading: saved.uscc_reading }
      // Unchanged, it stays the same object: the row's cells do not re-render.
      if (!same(state.saved[uid], said)) state.saved[uid] = said
      return { seq, check: answer.check }
    }
  }

  /** Takes the row as the core stored it: codes in their identity form (full-width to ASCII,
   *  blanks out, upper case) and a person's birth date and gender read from the resident ID.
   *  Only while the row is as it was sent: a row changed since has a later save on its way,
   *  whose answer brings them. Nothing when a value could not be stored (the row keeps what
   *  was typed, beside the core's issue). */
  function takeStored(row: object, sent: RowData, saved: SavedRow): void {
    if (!saved.stored || saved.row.kind !== sent.kind) return
    const local = row as Record<string, unknown>
    const was = { ...sent.row, id: undefined }
    if (!same({ ...plain(local), id: undefined }, was)) return
    const snapshot = snapshots.get(toRaw(row)) as Record<string, unknown> | undefined
    for (const [key, value] of Object.entries(saved.row.row as Record<string, unknown>)) {
      if (key === 'id' || same(local[key], value)) continue
      local[key] = plain(value)
      if (snapshot) snapshot[key] = plain(value)
    }
  }

  /** The core's issues of a row at its last save (paths relative to the row). */
  function issuesOf(row: object): FieldIssue[] {
    return state.saved[uidOf(row)]?.issues ?? []
  }

  /** The core's error for one field of a row ("id_doc.number"), or null. */
  function issueAt(row: object, path: string): string | null {
    return issuesOf(row).find((i) => i.path === path && i.level === 'error')?.message ?? null
  }

  /** The core's warning for one field of a row (accepted and counted, but implausible), or null. */
  function warningAt(row: object, path: string): string | null {
    return issuesOf(row).find((i) => i.path === path && i.level === 'warning')?.message ?? null
  }

  /** What a host unit's valid credit code says (place by name, registration, fitting kinds). */
  function usccReadingOf(row: object): UsccReading | null {
    return state.saved[uidOf(row)]?.uscc_reading ?? null
  }

  /** The registering region (6-digit division code) of a host unit's valid credit code. */
  function usccRegionOf(row: object): string | null {
    return state.saved[uidOf(row)]?.uscc_region ?? null
  }

  /** The row of `roster` with this uid, as it is now (undo may have put a copy back). */
  function rowByUid<R extends Roster>(roster: R, uid: string): RowOf<R> | undefined {
    return (state.app?.[roster] as RowOf<R>[] | undefined)?.find((r) => uidOf(r) === uid)
  }

  /** Inserts a row at `index` (the end when absent) and saves it; `uid` keeps an undone row's
   *  identity so the history's other steps still find it. */
  function insertRow<R extends Roster>(roster: R, row: RowOf<R>, index?: number, uid?: string): RowOf<R> {
    const app = state.app as Application
    const list = app[roster] as RowOf<R>[]
    const at = index === undefined ? list.length : Math.max(0, Math.min(index, list.length))
    list.splice(at, 0, row)
    const added = list[at] as RowOf<R>
    if (uid) uids.set(toRaw(added), uid)
    snapshots.set(toRaw(added), plain(added))
    state.lastEditAt = deps.now()
    void enqueue(uidOf(added), saveJob(roster, added))
    return added
  }

  /** A copy of a row without its database id, to insert again. */
  function withoutId<R extends Roster>(row: RowOf<R>): RowOf<R> {
    const copy = plain(row)
    delete copy.id
    return copy
  }

  /** Records the insertion of `added` (undo deletes it, redo puts it back). */
  function recordAdd<R extends Roster>(roster: R, added: RowOf<R>, label: string): void {
    const uid = uidOf(added)
    let kept: { row: RowOf<R>; index: number } | null = null
    history.record({
      key: null,
      label,
      undo: async () => {
        const row = rowByUid(roster, uid)
        if (!row) return
        const index = (state.app?.[roster] as RowOf<R>[]).findIndex((r) => toRaw(r) === toRaw(row))
        kept = { row: withoutId(row), index }
        await deleteRow(roster, row)
      },
      redo: () => {
        if (kept) insertRow(roster, withoutId(kept.row), kept.index, uid)
      },
    })
  }

  /** Appends a row and inserts it at once (so later edits update it). */
  function addRow<R extends Roster>(roster: R, row: RowOf<R>): RowOf<R> {
    if (!state.app) return row
    const added = insertRow(roster, row)
    recordAdd(roster, added, '添加一行')
    return added
  }

  /** Saves a row after the debounce; call after changing it in place. */
  function updateRow<R extends Roster>(roster: R, row: RowOf<R>): void {
    if (!state.app) return
    const raw = toRaw(row)
    const uid = uidOf(row)
    const before = snapshots.get(raw) as RowOf<R> | undefined
    const after = plain(row)
    snapshots.set(raw, after)
    if (before) {
      const put = (values: RowOf<R>) => () => {
        const target = rowByUid(roster, uid)
        if (!target) return
        const id = target.id
        for (const k of Object.keys(target)) if (!(k in values)) delete (target as Record<string, unknown>)[k]
        Object.assign(target, plain(values))
        if (id === undefined || id === null) delete target.id
        else target.id = id
        updateRow(roster, target)
      }
      history.record({ key: `row:${uid}`, label: '修改', undo: put(before), redo: put(after) })
    }
    scheduleSave(uid, SAVE_DEBOUNCE_MS, saveJob(roster, row))
  }

  /** Deletes a row in the database and the local list; resolves with what it held, or null. */
  async function deleteRow<R extends Roster>(roster: R, row: RowOf<R>): Promise<RowData | null> {
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
      removed.add(toRaw(row))
      return { kind: ROSTER_KIND[roster], row: plain(row) } as RowData
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

  /** Deletes a row; resolves with what it held (for undo), or null when nothing was deleted.
   *  Undo puts it back where it was. */
  async function removeRow<R extends Roster>(roster: R, row: RowOf<R>, label = '删除一行'): Promise<RowData | null> {
    const list = state.app?.[roster] as RowOf<R>[] | undefined
    const index = list?.findIndex((r) => toRaw(r) === toRaw(row)) ?? -1
    const uid = uidOf(row)
    const data = await deleteRow(roster, row)
    if (data) {
      const kept = withoutId(data.row as RowOf<R>)
      history.record({
        key: null,
        label,
        undo: () => {
          insertRow(roster, withoutId(kept), index, uid)
        },
        redo: async () => {
          const again = rowByUid(roster, uid)
          if (again) await deleteRow(roster, again)
        },
      })
    }
    return data
  }

  /** Undoes the last edit (Ctrl+Z); false when there was none. */
  function undo(): Promise<boolean> {
    flush()
    return history.undo()
  }

  /** Redoes the last undone edit (Ctrl+Y); false when there was none. */
  function redo(): Promise<boolean> {
    flush()
    return history.redo()
  }

  async function requestCheck(): Promise<void> {
    if (state.id === null) return
    if (checkRunning) {
      checkAgain = true
      return
    }
    checkRunning = true
    const gen = generation
    const id = state.id
    try {
      const seq = ++checkSeq
      const start = deps.now()
      const checked = await deps.checkApplication(id)
      recordTiming('check', start, deps.now())
      showCheck(seq, gen, checked)
    } catch (e) {
      if (gen === generation) {
        state.checkError = toAppError(e)
      }
    } finally {
      checkRunning = false
      if (checkAgain) {
        checkAgain = false
        void requestCheck()
      }
    }
  }

  /** Shows a check's answer unless a newer one is shown or another application was opened.
   *  What did not change keeps its object, so only what changed re-renders. */
  function showCheck(seq: number, gen: number, checked: RegistryCheck): void {
    if (gen !== generation || seq < shownSeq) return
    shownSeq = seq
    state.assessment = shareAssessment(state.assessment, checked.assessment)
    if (!same(state.conflicts, checked.conflicts)) state.conflicts = checked.conflicts
    const materials = checked.materials ?? []
    if (!same(state.materials, materials)) state.materials = materials
    state.checkError = null
    state.lastCheckAt = deps.now()
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
      .filter(
        (c) =>
          (c.first.record?.resource === resource && c.first.record.row_id === rowId) ||
          // A record listed twice in this application: the repeated row is flagged too.
          (c.kind === 'repeated_in_application' && c.second.record?.resource === resource && c.second.record.row_id === rowId),
      )
      .map((c) => (c.severity === 'excludes' ? c.message : `${labelOf(SEVERITY, c.severity)}：${c.message}`))
  }

  return {
    state, load, conflictsOfRow, issuesOf, issueAt, warningAt, fieldIssueAt, usccRegionOf, usccReadingOf, setField, addRow, updateRow, removeRow,
    requestCheck, flush, retry, settled, uidOf, undo, redo,
    /** Steps that can be undone/redone (reactive), and the step just recorded. */
    history: history.state,
    lastStep: history.last,
    undoStep: (step: Step) => { flush(); return history.undoStep(step) },
    /** Every edit made inside `edit` is undone as one step (e.g. a whole paste). */
    batch: history.batch,
    /** The next edit starts a new undo step (the focus moved). */
    sealHistory: history.seal,
  }
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>

/** The store wired to the real commands. */
export function defaultDeps(notifyError: (error: AppError) => void): StoreDeps {
  return {
    loadApplication: api.loadApplication,
    saveFieldChecked: api.saveFieldChecked,
    saveRowChecked: api.saveRowChecked,
    deleteRow: api.deleteRow,
    checkApplication: api.checkApplication,
    notifyError,
    now: () => performance.now(),
  }
}
