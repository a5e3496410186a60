import { DOMWrapper, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive } from 'vue'
import { previewPaste, type ImportPreview } from '../../api'
import type * as Api from '../../api'
import type { Person } from '../../bindings/Person'
import type { ApplicationStore } from '../../stores/application'
import { STORE_KEY } from './context'
import PasteDialog from './PasteDialog.vue'

// Only the command wrapper is mocked: the dialog renders what the core answers.
vi.mock('../../api', async (importOriginal) => ({ ...(await importOriginal<typeof Api>()), previewPaste: vi.fn() }))

function person(name: string, number: string, id?: number): Person {
  return {
    ...(id === undefined ? {} : { id }),
    name, id_doc: { kind: 'resident_id', number }, employer_name: '', education: 'doctorate', title: 'full_senior',
    role: 'fixed', full_time: true, discipline: '', honours: [], awards_first_completer: [], projects_first_pi: [],
  }
}

const stored = person('赵六', '11010519491231002X', 41)

/** The core's answer to a corrected sheet: one new person, 赵六 updated, one bad ID. */
function answer(): ImportPreview {
  return {
    kind: 'staff', header_line: 1, columns: [], fields: [], platforms: [],
    rows: [
      { line: 2, row: { kind: 'person', row: { ...person('赵六', '11010519491231002X'), title: 'intermediate' } }, updates: 41 },
      { line: 3, row: { kind: 'person', row: person('孙八', '14010519850612003X') } },
    ],
    errors: [{ line: 4, field: '身份证号码', message: '校验位错误，按前17位计算应为X，现为1' }],
    warnings: [{ line: 3, field: '性别', message: '填写为女，与身份证号码第17位所示的男不一致：已按身份证记为男，如身份证号码有误请改正后重新导入' }],
    added: 1, updated: 1, rejected: 1,
  }
}

function fakeStore() {
  const app = reactive({ people: [stored] })
  return {
    state: reactive({ id: 7, app }),
    batch: vi.fn((_label: string, edit: () => void) => edit()),
    addRow: vi.fn(),
    updateRow: vi.fn(),
    lastStep: vi.fn(() => null),
    undoStep: vi.fn(),
  }
}

const page = () => new DOMWrapper(document.body)
let mounted: VueWrapper | null = null

async function pasteInto(store: ReturnType<typeof fakeStore>, text: string) {
  mounted = mount(PasteDialog, {
    props: { modelValue: true },
    attachTo: document.body,
    global: { plugins: [[ElementPlus, { locale: zhCn }]], provide: { [STORE_KEY as symbol]: store as unknown as ApplicationStore } },
  })
  await flushPromises()
  await page().find('textarea[data-test="paste-text"], [data-test="paste-text"] textarea').setValue(text)
  await vi.waitFor(() => expect(previewPaste).toHaveBeenCalled())
  await flushPromises()
}

describe('PasteDialog renders the core\'s preview of a paste', () => {
  beforeEach(() => {
    mounted?.unmount()
    mounted = null
    document.body.innerHTML = ''
    vi.mocked(previewPaste).mockReset()
  })

  it('sends the pasted text to the core and shows new, updated and refused rows with the core\'s messages', async () => {
    vi.mocked(previewPaste).mockResolvedValue(answer())
    await pasteInto(fakeStore(), '姓名\t身份证号码\n赵六\t11010519491231002X')

    expect(previewPaste).toHaveBeenCalledWith(7, 'staff', '姓名\t身份证号码\n赵六\t11010519491231002X')
    expect(page().find('[data-test="paste-counts"]').text()).toBe('新增 1 行 · 更新 1 行 · 错误 1 行')
    const table = page().find('[data-test="paste-preview"]').text()
    expect(table).toContain('赵六')
    expect(table).toContain('孙八')
    expect(page().findAll('[data-test="paste-update"]')).toHaveLength(1)
    expect(page().find('[data-test="paste-errors"]').text()).toBe('第 4 行：身份证号码校验位错误，按前17位计算应为X，现为1')
    // A kept row the core corrected says so, and still counts.
    expect(page().find('[data-test="paste-warnings"]').text()).toBe(
      '提示：第 3 行：性别填写为女，与身份证号码第17位所示的男不一致：已按身份证记为男，如身份证号码有误请改正后重新导入',
    )
    expect(page().find('[data-test="paste-save"]').text()).toBe('导入 2 行')
  })

  it('shows the core\'s refusal of the whole paste (a missing column) and offers nothing to import', async () => {
    vi.mocked(previewPaste).mockRejectedValue({ code: 'import_missing_columns', message: '粘贴的内容缺少必填列“学历”：请复制时带上表头行' })
    await pasteInto(fakeStore(), '姓名\t身份证号码')
    expect(page().find('[data-test="paste-error"]').text()).toContain('缺少必填列“学历”')
    expect(page().find('[data-test="paste-save"]').attributes('disabled')).toBeDefined()
  })

  it('adds the new rows and updates the matched person in place, as one step of the history', async () => {
    vi.mocked(previewPaste).mockResolvedValue(answer())
    const store = fakeStore()
    await pasteInto(store, 'x')
    await page().find('[data-test="paste-save"]').trigger('click')

    expect(store.batch).toHaveBeenCalledTimes(1)
    expect(store.addRow).toHaveBeenCalledTimes(1)
    expect(vi.mocked(store.addRow).mock.calls[0]?.[1]).toMatchObject({ name: '孙八' })
    expect(store.updateRow).toHaveBeenCalledWith('people', expect.objectContaining({ id: 41, title: 'intermediate' }))
    expect(store.state.app.people).toHaveLength(1)
  })
})
