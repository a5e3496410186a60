import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as api from '../api'
import type { Assessment, Conflict } from '../api'
import type { ApplicationField } from '../bindings/ApplicationField'
import type { SavedFieldChecked } from '../bindings/SavedFieldChecked'
import type { Application } from '../bindings/Application'
import type { Person } from '../bindings/Person'
import type { Instrument } from '../bindings/Instrument'
import type { RowData } from '../bindings/RowData'
import {
  createApplicationStore,
  NARRATIVE_DEBOUNCE_MS,
  SAVE_DEBOUNCE_MS,
  shareAssessment,
  type StoreDeps,
} from './application'

function application(): Application {
  return {
    programme: 'P1', category: 'field', centre_name: '', field: '', sub_area: '', directions: [], city: '',
    recommendation_letter: false, attestations: {}, narratives: {}, host_units: [], people: [],
    instruments: [], sites: [], rd_investments: [], achievements: [],
    created_at: '2024-05-01T00:00:00Z', updated_at: '2024-05-01T00:00:00Z',
  }
}

function person(name: string): Person {
  return {
    name, id_doc: { kind: 'resident_id', number: '140107197203152673' }, employer_name: '',
    education: 'doctorate', title: 'full_senior', role: 'fixed', full_time: true, discipline: '',
    honours: [], awards_first_completer: [], projects_first_pi: [],
  }
}

const assessment = { verdict: 'incomplete', criteria: [] } as unknown as Assessment

/** The store's commands, with the save and the check it answers as two mocks each saving
 *  command calls (`updateApplicationField` / `saveRow`, then `checkApplication`). */
type Mocks = StoreDeps & { updateApplicationField: typeof api.updateApplicationField; saveRow: typeof api.saveRow }

function deps(overrides: Partial<Mocks> = {}): Mocks {
  let nextRowId = 100
  const base = {
    loadApplication: vi.fn(async () => application()),
    updateApplicationField: vi.fn(async () => ({ issues: [] })) as typeof api.updateApplicationField,
    saveRow: vi.fn(async (_id: number, row: RowData) => {
      const id = row.row.id ?? nextRowId++
      return { id, row: { ...row, row: { ...row.row, id } } as RowData, issues: [], uscc_region: null, uscc_reading: null, stored: true }
    }) as typeof api.saveRow,
    deleteRow: vi.fn(async (_a: number, kind, id: number) => ({ kind, row: { ...person('删'), id } }) as RowData),
    checkApplication: vi.fn(async () => ({ assessment, conflicts: [], materials: [] })),
    notifyError: vi.fn(),
    now: () => performance.now(),
    ...overrides,
  } as Mocks
  return {
    ...base,
    saveFieldChecked: vi.fn(async (id: number, change: ApplicationField) => {
      const saved = await base.updateApplicationField(id, change)
      return { saved, check: await base.checkApplication(id) }
    }),
    saveRowChecked: vi.fn(async (id: number, row: RowData) => {
      const saved = await base.saveRow(id, row)
      return { saved, check: await base.checkApplication(id) }
    }),
    ...overrides,
  }
}

async function loaded(d: StoreDeps) {
  const store = createApplicationStore(d)
  await store.load(7)
  await vi.runAllTimersAsync()
  vi.mocked(d.checkApplication).mockClear()
  return store
}

describe('application store: autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('saves the first change at once, and the last value of a burst once, right after it without a timer', async () => {
    let answer: () => void = () => {}
    const d = deps({
      updateApplicationField: vi.fn(() => new Promise<{ issues: [] }>((resolve) => (answer = () => resolve({ issues: [] })))),
    })
    const store = await loaded(d)
    for (const v of ['山', '山西', '山西省']) store.setField({ field: 'centre_name', value: v })
    expect(store.state.app?.centre_name).toBe('山西省')
    expect(store.state.pendingSaves).toBe(2)
    await vi.advanceTimersByTimeAsync(0)
    expect(d.updateApplicationField).toHaveBeenCalledTimes(1)
    expect(d.updateApplicationField).toHaveBeenCalledWith(7, { field: 'centre_name', value: '山' })
    // The first save answers: the burst's last value goes at once, with no timer run.
    answer()
    await vi.advanceTimersByTimeAsync(0)
    expect(d.updateApplicationField).toHaveBeenCalledTimes(2)
    expect(d.updateApplicationField).toHaveBeenLastCalledWith(7, { field: 'centre_name', value: '山西省' })
    answer()
    await vi.runAllTimersAsync()
    expect(d.updateApplicationField).toHaveBeenCalledTimes(2)
    expect(store.state.pendingSaves).toBe(0)
    expect(store.state.savedAt).toBeInstanceOf(Date)
  })

  it('checks right after a keystroke on a quiet field, without waiting for a timer', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'city', value: '吕梁市' })
    await vi.advanceTimersByTimeAsync(0)
    expect(d.updateApplicationField).toHaveBeenCalledWith(7, { field: 'city', value: '吕梁市' })
    expect(d.checkApplication).toHaveBeenCalledWith(7)
  })

  it('refreshes the check after each save, well within 150 ms of the last keystroke', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'city', value: '太原市' })
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS)
    expect(d.checkApplication).toHaveBeenCalledWith(7)
    expect(SAVE_DEBOUNCE_MS).toBeLessThan(150)
    expect(store.state.assessment).toEqual(assessment)
  })

  it('flags a saved roster row with the conflicts the check found for it, by row id', async () => {
    const side = (rowId: number) => ({
      owner: { type: 'application' as const, id: 7, name: '本中心', programme: 'P1' },
      record: { resource: 'person' as const, row_id: rowId, label: '张三', number: '身份证号 …1234' },
    })
    const other = { owner: { type: 'application' as const, id: 9, name: '另一中心', programme: 'P1' } }
    const conflicts = [
      { kind: 'person_in_two_applications', criterion: 'no-double-resources', severity: 'excludes', subject: '张三', first: side(11), second: other, message: '张三已是另一中心的固定人员' },
      { kind: 'possible_same_person', criterion: 'no-double-resources', severity: 'warning', subject: '张三', first: side(11), second: other, message: '可能是同一人' },
      { kind: 'person_in_two_applications', criterion: 'no-double-resources', severity: 'excludes', subject: '李四', first: side(12), second: other, message: '李四重复' },
      { kind: 'repeated_in_application', criterion: 'no-double-resources', severity: 'warning', subject: '王五', first: side(13), second: side(14), message: '王五重复列出，只计一次' },
    ] as Conflict[]
    const d = deps({ checkApplication: vi.fn(async () => ({ assessment, conflicts, materials: [] })) })
    const store = await loaded(d)
    store.setField({ field: 'city', value: '太原市' })
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS)
    expect(store.conflictsOfRow('person', 11)).toEqual(['张三已是另一中心的固定人员', '提示：可能是同一人'])
    expect(store.conflictsOfRow('person', 12)).toEqual(['李四重复'])
    // Listed twice in this application: both rows say so.
    expect(store.conflictsOfRow('person', 13)).toEqual(['提示：王五重复列出，只计一次'])
    expect(store.conflictsOfRow('person', 14)).toEqual(['提示：王五重复列出，只计一次'])
    expect(store.conflictsOfRow('instrument', 11)).toEqual([])
    expect(store.conflictsOfRow('person', undefined)).toEqual([])
  })

  it('makes one round trip per edit: the save answers the check the panel shows', async () => {
    const after = { verdict: 'eligible', criteria: [] } as unknown as Assessment
    const d = deps({
      saveRowChecked: vi.fn(async (_id: number, row: RowData) => ({
        saved: { id: 100, row, issues: [], uscc_region: null, uscc_reading: null, stored: true },
        check: { assessment: after, conflicts: [], materials: [] },
      })),
    })
    const store = await loaded(d)
    store.addRow('people', person('张三'))
    await vi.runAllTimersAsync()
    expect(d.saveRowChecked).toHaveBeenCalledTimes(1)
    expect(d.checkApplication).not.toHaveBeenCalled()
    expect(store.state.assessment).toEqual(after)
  })

  it('shows the check of the last save of a burst, not of the saves it superseded', async () => {
    const answers: Array<() => void> = []
    const verdicts: string[] = []
    const d = deps({
      saveFieldChecked: vi.fn((_id: number, change: ApplicationField) => new Promise<SavedFieldChecked>((resolve) => {
        const check = { assessment: { verdict: String(change.value), criteria: [] } as unknown as Assessment, conflicts: [], materials: [] }
        answers.push(() => resolve({ saved: { issues: [] }, check }))
      })),
    })
    const store = await loaded(d)
    store.setField({ field: 'city', value: '太' })
    await vi.advanceTimersByTimeAsync(0)
    store.setField({ field: 'city', value: '太原' })
    store.setField({ field: 'city', value: '太原市' })
    answers[0]?.()
    await vi.advanceTimersByTimeAsync(0)
    verdicts.push(String(store.state.assessment?.verdict))
    answers[1]?.()
    await vi.advanceTimersByTimeAsync(0)
    verdicts.push(String(store.state.assessment?.verdict))
    // The first answer came while 太原市 waited: not shown; the last save's answer is.
    expect(verdicts).toEqual(['incomplete', '太原市'])
    expect(d.saveFieldChecked).toHaveBeenCalledTimes(2)
  })

  it('keeps an unchanged criterion the same object, so only changed criteria re-render', () => {
    const c = (id: string, found: string) => ({ id, title: id, status: 'met', found, message: found })
    const presentation = () => ({ centre_label: '基地名称' })
    const shown = { verdict: 'eligible', presentation: presentation(), criteria: [c('staff', '30 人'), c('instruments', '原值合计 1000 万元')] } as unknown as Assessment
    const next = { verdict: 'eligible', presentation: presentation(), criteria: [c('staff', '30 人'), c('instruments', '原值合计 1012 万元')] } as unknown as Assessment
    const shared = shareAssessment(shown, next)
    expect(shared.presentation).toBe(shown.presentation)
    expect(shared.criteria[0]).toBe(shown.criteria[0])
    expect(shared.criteria[1]).not.toBe(shown.criteria[1])
    expect(shared.criteria[1]).toEqual(next.criteria[1])
    // Nothing changed: the assessment shown stays as it is.
    expect(shareAssessment(shared, JSON.parse(JSON.stringify(shared)) as Assessment)).toBe(shared)
  })

  it('lets long texts wait longer', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'narrative', value: { section: 'goals', text: '目标' } })
    await vi.advanceTimersByTimeAsync(NARRATIVE_DEBOUNCE_MS - 1)
    expect(d.updateApplicationField).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(d.updateApplicationField).toHaveBeenCalledTimes(1)
    expect(store.state.app?.narratives.goals).toBe('目标')
  })

  it('keeps separate fields apart and saves attestations per criterion', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'attestation', value: { criterion: 'integrity', confirmed: true } })
    store.setField({ field: 'attestation', value: { criterion: 'declassified', confirmed: true } })
    await vi.runAllTimersAsync()
    expect(d.updateApplicationField).toHaveBeenCalledTimes(2)
    expect(store.state.app?.attestations).toEqual({ integrity: true, declassified: true })
  })

  it('inserts a new row at once, then updates it by its id', async () => {
    const d = deps()
    const store = await loaded(d)
    const row = store.addRow('people', person('张三'))
    row.name = '张三丰'
    store.updateRow('people', row)
    await vi.runAllTimersAsync()
    const calls = vi.mocked(d.saveRow).mock.calls
    expect(calls).toHaveLength(2)
    // The insert carries whatever the row holds when it runs; only the update has the id.
    expect(calls[0]?.[1]).toMatchObject({ kind: 'person' })
    expect(calls[0]?.[1].row.id).toBeUndefined()
    expect(calls[1]?.[1]).toMatchObject({ kind: 'person', row: { name: '张三丰', id: 100 } })
    expect(store.state.app?.people[0]?.id).toBe(100)
  })

  it('keeps the core\'s issues of each row and takes the birth date and gender it derived', async () => {
    const d = deps({
      saveRow: vi.fn(async (_id: number, data: RowData) => {
        const row = data.row as Person
        if (row.id_doc.number === '110105194912310021') {
          return { id: 100, row: { ...data, row: { ...row, id: 100 } } as RowData, issues: [{ path: 'id_doc.number', field: '身份证号码', message: '校验位错误，按前17位计算应为X，现为1', level: 'error' as const }], uscc_region: null, uscc_reading: null, stored: true }
        }
        const derived = { ...row, id: 100, birth_date: '1949-12-31', gender: 'female' as const }
        return { id: 100, row: { kind: 'person', row: derived } as RowData, issues: [], uscc_region: null, uscc_reading: null, stored: true }
      }),
    })
    const store = await loaded(d)
    const row = store.addRow('people', { ...person('张三'), id_doc: { kind: 'resident_id', number: '110105194912310021' } })
    await vi.runAllTimersAsync()
    expect(store.issueAt(row, 'id_doc.number')).toBe('校验位错误，按前17位计算应为X，现为1')
    expect(store.issuesOf(row)).toHaveLength(1)
    expect(row.birth_date).toBeUndefined()

    row.id_doc.number = '11010519491231002X'
    store.updateRow('people', row)
    await vi.runAllTimersAsync()
    expect(store.issueAt(row, 'id_doc.number')).toBeNull()
    expect(row.birth_date).toBe('1949-12-31')
    expect(row.gender).toBe('female')
  })

  it('does not overwrite a number typed while the save was on its way', async () => {
    let typeMore = (): void => {}
    const d = deps({
      saveRow: vi.fn(async (_id: number, data: RowData) => {
        typeMore()
        const derived = { ...(data.row as Person), id: 100, birth_date: '1949-12-31', gender: 'female' as const }
        return { id: 100, row: { kind: 'person', row: derived } as RowData, issues: [], uscc_region: null, uscc_reading: null, stored: true }
      }),
    })
    const store = await loaded(d)
    const row = store.addRow('people', { ...person('张三'), id_doc: { kind: 'resident_id', number: '11010519491231002X' } })
    typeMore = () => { row.id_doc.number = '36042619910101007' }
    await vi.runAllTimersAsync()
    expect(row.id_doc.number).toBe('36042619910101007')
    expect(row.birth_date).toBeUndefined()
  })

  it('shows a code as the core stored it, and keeps what was typed while the save was on its way', async () => {
    // The core's identity form of a code (a stand-in here: the real one is src/validate/normalize.rs).
    const identity = (t: string) => t.normalize('NFKC').replace(/\s/g, '').toUpperCase()
    let typeMore = (): void => {}
    const d = deps({
      saveRow: vi.fn(async (_id: number, data: RowData) => {
        typeMore()
        const row = data.row as Person
        const stored = { ...row, id: 100, id_doc: { ...row.id_doc, number: identity(row.id_doc.number) } }
        return { id: 100, row: { kind: 'person', row: stored } as RowData, issues: [], uscc_region: null, uscc_reading: null, stored: true }
      }),
    })
    const store = await loaded(d)
    const row = store.addRow('people', { ...person('张三'), id_doc: { kind: 'resident_id', number: '１４０１ ０７１９７２０３１５２６７ｘ' } })
    await vi.runAllTimersAsync()
    expect(row.id_doc.number).toBe('14010719720315267X')
    // Undo after a later edit goes back to the stored form, not to what was typed.
    row.name = '张三丰'
    store.updateRow('people', row)
    await vi.runAllTimersAsync()
    await store.undo()
    expect(row.id_doc.number).toBe('14010719720315267X')

    typeMore = () => { row.id_doc.number = '1401 07' }
    row.id_doc.number = '1401'
    store.updateRow('people', row)
    await vi.runAllTimersAsync()
    expect(row.id_doc.number).toBe('1401 07')
  })

  it('keeps a value the core could not store as typed, beside its issue', async () => {
    const d = deps({
      saveRow: vi.fn(async (_id: number, data: RowData) => {
        const stored = { ...data.row, id: 100, original_value: 0 }
        const issue = { path: 'original_value', field: '原值（万元）', message: '原值不能为负数', level: 'error' as const }
        return { id: 100, row: { kind: 'instrument', row: stored } as RowData, issues: [issue], uscc_region: null, uscc_reading: null, stored: false }
      }),
    })
    const store = await loaded(d)
    const row = store.addRow('instruments', {
      name: '质谱仪', model: '', serial_number: '', asset_number: '', owner_uscc: '', original_value: -5, site: '',
    } as Instrument)
    await vi.runAllTimersAsync()
    expect(row.original_value).toBe(-5)
    expect(store.issueAt(row, 'original_value')).toBe('原值不能为负数')
  })

  it('deletes a row and puts it back as a new row on undo', async () => {
    const d = deps()
    const store = await loaded(d)
    const row = store.addRow('people', person('李四'))
    await vi.runAllTimersAsync()
    const data = await store.removeRow('people', row)
    expect(d.deleteRow).toHaveBeenCalledWith(7, 'person', 100)
    expect(store.state.app?.people).toHaveLength(0)
    expect(data).not.toBeNull()
    await store.undo()
    await vi.runAllTimersAsync()
    expect(store.state.app?.people).toHaveLength(1)
    const last = vi.mocked(d.saveRow).mock.calls.at(-1)
    expect(last?.[1].row.id).toBeUndefined()
  })

  it('keeps the change and reports a failed save in Chinese, and retries', async () => {
    const error = { code: 'db_error', message: '数据库写入失败，本次修改未保存' }
    const d = deps({ updateApplicationField: vi.fn().mockRejectedValueOnce(error).mockResolvedValue({ issues: [] }) })
    const store = await loaded(d)
    store.setField({ field: 'city', value: '吕梁市' })
    await vi.runAllTimersAsync()
    expect(store.state.saveError).toEqual(error)
    expect(d.notifyError).toHaveBeenCalledWith(error)
    expect(store.state.app?.city).toBe('吕梁市')
    store.retry()
    await vi.runAllTimersAsync()
    expect(store.state.saveError).toBeNull()
    expect(d.updateApplicationField).toHaveBeenCalledTimes(2)
  })

  it('keeps the core\'s issues of an application field until the next save of that field', async () => {
    const issue = { path: 'centre_name', field: '中心名称', message: '未填写，请填写拟建中心的名称', level: 'error' as const }
    const d = deps({ updateApplicationField: vi.fn().mockResolvedValueOnce({ issues: [issue] }).mockResolvedValue({ issues: [] }) })
    const store = await loaded(d)
    store.setField({ field: 'centre_name', value: '' })
    await vi.runAllTimersAsync()
    expect(store.fieldIssueAt('centre_name')).toBe('未填写，请填写拟建中心的名称')
    store.setField({ field: 'centre_name', value: '吕梁市中试基地' })
    await vi.runAllTimersAsync()
    expect(store.fieldIssueAt('centre_name')).toBeNull()
  })

  it('never shows a raw error', async () => {
    const d = deps({ saveRow: vi.fn().mockRejectedValue(new TypeError('x is undefined')) })
    const store = await loaded(d)
    store.addRow('people', person('王五'))
    await vi.runAllTimersAsync()
    expect(store.state.saveError?.message).toContain('发生意外错误')
  })

  it('runs pending saves at once on flush', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'field', value: '材料' })
    store.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(d.updateApplicationField).toHaveBeenCalledTimes(1)
    await store.settled()
    expect(store.state.pendingSaves).toBe(0)
  })

  it('shows a load error and keeps the window usable', async () => {
    const d = deps({ loadApplication: vi.fn().mockRejectedValue({ code: 'not_found', message: '未找到编号为 7 的申报书' }) })
    const store = createApplicationStore(d)
    await store.load(7)
    expect(store.state.loadError?.message).toBe('未找到编号为 7 的申报书')
    expect(store.state.loading).toBe(false)
  })
})

describe('application store: undo and redo of every edit', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('undoes a cell typed key by key in one step, saving the old value, and redoes it', async () => {
    const d = deps()
    const store = await loaded(d)
    const row = store.addRow('people', person('张'))
    await vi.runAllTimersAsync()
    store.sealHistory()
    for (const name of ['张伟', '张伟伟', '张伟']) {
      row.name = name
      store.updateRow('people', row)
    }
    await vi.runAllTimersAsync()
    vi.mocked(d.checkApplication).mockClear()
    expect(await store.undo()).toBe(true)
    await vi.runAllTimersAsync()
    expect(store.state.app?.people[0]?.name).toBe('张')
    expect(vi.mocked(d.saveRow).mock.calls.at(-1)?.[1].row).toMatchObject({ name: '张', id: 100 })
    expect(d.checkApplication).toHaveBeenCalled()
    expect(store.history.redo).toHaveLength(1)
    expect(await store.redo()).toBe(true)
    await vi.runAllTimersAsync()
    expect(store.state.app?.people[0]?.name).toBe('张伟')
    expect(vi.mocked(d.saveRow).mock.calls.at(-1)?.[1].row).toMatchObject({ name: '张伟', id: 100 })
  })

  it('keeps edits apart once the focus moved, and a new edit drops what was undone', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'centre_name', value: '甲' })
    store.sealHistory()
    store.setField({ field: 'centre_name', value: '甲乙' })
    await store.undo()
    expect(store.state.app?.centre_name).toBe('甲')
    store.setField({ field: 'city', value: '吕梁市' })
    expect(store.history.redo).toHaveLength(0)
    expect(await store.redo()).toBe(false)
    await store.undo()
    await store.undo()
    expect(store.state.app?.centre_name).toBe('')
    expect(store.state.app?.city).toBe('')
    await vi.runAllTimersAsync()
    expect(d.updateApplicationField).toHaveBeenLastCalledWith(7, { field: 'centre_name', value: '' })
    expect(await store.undo()).toBe(false)
  })

  it('undoes and redoes a confirmation and a narrative', async () => {
    const d = deps()
    const store = await loaded(d)
    store.setField({ field: 'attestation', value: { criterion: 'c1', confirmed: true } })
    store.sealHistory()
    store.setField({ field: 'narrative', value: { section: 'overview', text: '概况' } })
    await store.undo()
    await store.undo()
    expect(store.state.app?.attestations.c1).toBe(false)
    expect(store.state.app?.narratives.overview).toBe('')
    await store.redo()
    expect(store.state.app?.attestations.c1).toBe(true)
  })

  it('undoes a whole paste in one step and redoes it', async () => {
    const d = deps()
    const store = await loaded(d)
    store.batch('导入 3 人', () => ['甲', '乙', '丙'].forEach((n) => store.addRow('people', person(n))))
    await vi.runAllTimersAsync()
    expect(store.history.undo).toEqual(['导入 3 人'])
    await store.undo()
    await vi.runAllTimersAsync()
    expect(store.state.app?.people).toHaveLength(0)
    expect(d.deleteRow).toHaveBeenCalledTimes(3)
    await store.redo()
    await vi.runAllTimersAsync()
    expect(store.state.app?.people.map((p) => p.name)).toEqual(['甲', '乙', '丙'])
  })

  it('puts a deleted row back where it was, and an edit made to it before is still undoable', async () => {
    const d = deps({
      deleteRow: vi.fn(async (_a: number, kind, id: number) => ({ kind, row: { ...person('乙'), id } }) as RowData),
    })
    const store = await loaded(d)
    for (const n of ['甲', '乙', '丙']) store.addRow('people', person(n))
    await vi.runAllTimersAsync()
    const second = store.state.app!.people[1]!
    second.name = '乙'
    store.updateRow('people', second)
    store.sealHistory()
    await store.removeRow('people', second, '删除「乙」')
    expect(store.lastStep()?.label).toBe('删除「乙」')
    await store.undo()
    await vi.runAllTimersAsync()
    expect(store.state.app?.people.map((p) => p.name)).toEqual(['甲', '乙', '丙'])
    // The row came back as a new row: it is saved without the old id.
    expect(vi.mocked(d.saveRow).mock.calls.at(-1)?.[1].row.id).toBeUndefined()
    await store.redo()
    await vi.runAllTimersAsync()
    expect(store.state.app?.people.map((p) => p.name)).toEqual(['甲', '丙'])
  })

  it('undoes a step offered in a message only while nothing followed it', async () => {
    const d = deps()
    const store = await loaded(d)
    store.addRow('people', person('甲'))
    await vi.runAllTimersAsync()
    const step = store.lastStep()!
    store.setField({ field: 'city', value: '吕梁市' })
    expect(await store.undoStep(step)).toBe('later')
    expect(store.state.app?.people).toHaveLength(1)
    await store.undo()
    expect(await store.undoStep(step)).toBe('undone')
    await vi.runAllTimersAsync()
    expect(store.state.app?.people).toHaveLength(0)
    expect(await store.undoStep(step)).toBe('already')
  })
})
