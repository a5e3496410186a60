import { DOMWrapper, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElSelect } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive } from 'vue'
import { commitRosterImport, pickSaveFile, previewRosterImport, saveRosterTemplate, type ImportKind, type ImportPreview } from '../../api'
import type * as Api from '../../api'
import type { Person } from '../../bindings/Person'
import type { ApplicationStore } from '../../stores/application'
import { STORE_KEY } from './context'
import RosterImportDialog from './RosterImportDialog.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  previewRosterImport: vi.fn(),
  commitRosterImport: vi.fn(),
  saveRosterTemplate: vi.fn(),
  pickSaveFile: vi.fn(),
}))

function person(name: string, id: string): Person {
  return {
    name, id_doc: { kind: 'resident_id', number: id }, employer_name: '太原某某钢铁有限公司',
    education: 'doctorate', title: 'full_senior', role: 'fixed', full_time: true, discipline: '',
    honours: [], awards_first_completer: [], projects_first_pi: [],
  }
}

function preview(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    kind: 'staff',
    header_line: 2,
    columns: [
      { column: 'A', header: '姓名', field: 'name', label: '姓名' },
      { column: 'B', header: '证件号', field: 'id_number', label: '身份证号码' },
      { column: 'C', header: '备注' },
    ],
    fields: [
      { key: 'name', label: '姓名', required: true },
      { key: 'id_number', label: '身份证号码', required: true },
      { key: 'discipline', label: '专业', required: false },
    ],
    rows: [
      { line: 3, row: { kind: 'person', row: person('张三', '110101199003074514') } },
      { line: 4, row: { kind: 'person', row: person('李四', '110101198507151234') } },
    ],
    platforms: [],
    errors: [{ line: 17, field: '身份证号码', message: '校验位错误，按前17位计算应为X，现为5' }],
    warnings: [],
    added: 2,
    updated: 0,
    rejected: 1,
    ...overrides,
  }
}

function fakeStore() {
  return {
    state: reactive({ id: 7 }),
    settled: vi.fn(async () => {}),
    load: vi.fn(async () => {}),
  }
}

async function mountDialog(store: ReturnType<typeof fakeStore> | null = fakeStore(), kind: ImportKind = 'staff') {
  const wrapper = mount(RosterImportDialog, {
    props: { kind, modelValue: true },
    attachTo: document.body,
    global: {
      plugins: [[ElementPlus, { locale: zhCn }]],
      provide: store ? { [STORE_KEY as symbol]: store as unknown as ApplicationStore } : {},
    },
  })
  await flushPromises()
  mounted = wrapper
  return { wrapper, store }
}

/** The dialog is teleported to <body>: what the user sees is looked up there. */
const page = () => new DOMWrapper(document.body)
let mounted: VueWrapper | null = null

async function choose(name = '人员.xlsx') {
  const input = page().find('[data-test="import-file"]')
  Object.defineProperty(input.element, 'files', { value: [new File([new Uint8Array([80, 75, 3])], name)], configurable: true })
  await input.trigger('change')
  await vi.waitFor(() => expect(previewRosterImport).toHaveBeenCalled())
  await flushPromises()
}

describe('RosterImportDialog', () => {
  beforeEach(() => {
    mounted?.unmount()
    mounted = null
    document.body.innerHTML = ''
    vi.mocked(previewRosterImport).mockReset()
    vi.mocked(commitRosterImport).mockReset()
    vi.mocked(saveRosterTemplate).mockReset()
    vi.mocked(pickSaveFile).mockReset()
  })

  it('previews the rows, the per-row errors and the column matches, writing nothing', async () => {
    vi.mocked(previewRosterImport).mockResolvedValue(preview())
    await mountDialog()
    await choose()

    expect(previewRosterImport).toHaveBeenCalledWith(7, 'staff', '人员.xlsx', [80, 75, 3], { columns: {} })
    const rows = page().find('[data-test="import-rows"]').text()
    expect(rows).toContain('张三')
    expect(rows).toContain('李四')
    expect(rows).toContain('博士研究生')
    expect(page().find('[data-test="import-errors"]').text()).toBe('第 17 行：身份证号码校验位错误，按前17位计算应为X，现为5')
    expect(page().find('[data-test="import-counts"]').text()).toBe('新增 2 行 · 更新 0 行 · 错误 1 行')
    const columns = page().find('[data-test="import-columns"]').text()
    expect(columns).toContain('证件号')
    expect(columns).toContain('身份证号码')
    expect(columns).toContain('（忽略此列）')
    expect(page().find('[data-test="import-commit"]').text()).toBe('导入 2 行')
    expect(commitRosterImport).not.toHaveBeenCalled()
  })

  it('previews again when the user changes the field of a column', async () => {
    vi.mocked(previewRosterImport).mockResolvedValue(preview())
    await mountDialog()
    await choose()
    mounted!.findAllComponents(ElSelect)[2]!.vm.$emit('update:modelValue', 'discipline')
    await flushPromises()
    expect(previewRosterImport).toHaveBeenLastCalledWith(7, 'staff', '人员.xlsx', [80, 75, 3], {
      columns: { 备注: 'discipline' },
    })
  })

  it('imports the good rows on confirmation and reloads the application', async () => {
    vi.mocked(previewRosterImport).mockResolvedValue(preview())
    vi.mocked(commitRosterImport).mockResolvedValue(2)
    const { wrapper, store } = await mountDialog()
    await choose()
    await page().find('[data-test="import-commit"]').trigger('click')
    await flushPromises()

    expect(store!.settled).toHaveBeenCalled()
    expect(commitRosterImport).toHaveBeenCalledWith(7, 'staff', '人员.xlsx', [80, 75, 3], { columns: {} })
    expect(store!.load).toHaveBeenCalledWith(7)
    expect(wrapper.emitted('imported')).toEqual([[2]])
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })

  it('shows why a file cannot be read, and offers no import', async () => {
    vi.mocked(previewRosterImport).mockRejectedValue({
      code: 'import_no_header',
      message: '文件“人员.xlsx”中没有找到人员名单的表头行：请使用模板，或确认表头含有姓名、身份证号码等列',
    })
    await mountDialog()
    await choose()
    expect(page().find('[data-test="import-error"]').text()).toContain('没有找到人员名单的表头行')
    expect(page().find('[data-test="import-commit"]').attributes('disabled')).toBeDefined()
  })

  it('shows a file missing a required column with its columns, so the user can map one to it', async () => {
    const missing = '文件“人员.xlsx”缺少必填列“姓名”：请在表头中添加，或在列对应关系中指定哪一列对应它'
    vi.mocked(previewRosterImport).mockResolvedValueOnce(
      preview({
        columns: [{ column: 'A', header: '人员名字' }, { column: 'B', header: '证件号', field: 'id_number', label: '身份证号码' }],
        rows: [], errors: [], added: 0, rejected: 0, missing_columns: missing,
      }),
    )
    vi.mocked(previewRosterImport).mockResolvedValueOnce(preview())
    await mountDialog()
    await choose()
    expect(page().find('[data-test="import-missing"]').text()).toBe(missing)
    expect(page().find('[data-test="import-columns"]').text()).toContain('人员名字')
    expect(page().find('[data-test="import-commit"]').attributes('disabled')).toBeDefined()

    mounted!.findAllComponents(ElSelect)[0]!.vm.$emit('update:modelValue', 'name')
    await flushPromises()
    expect(previewRosterImport).toHaveBeenLastCalledWith(7, 'staff', '人员.xlsx', [80, 75, 3], {
      columns: { 人员名字: 'name' },
    })
    expect(page().find('[data-test="import-missing"]').exists()).toBe(false)
    expect(page().find('[data-test="import-commit"]').text()).toBe('导入 2 行')
  })

  it('saves the template where the user chooses', async () => {
    vi.mocked(pickSaveFile).mockResolvedValue('/home/u/人员名单模板.xlsx')
    vi.mocked(saveRosterTemplate).mockResolvedValue(undefined)
    await mountDialog()
    await page().find('[data-test="import-template"]').trigger('click')
    await flushPromises()
    expect(pickSaveFile).toHaveBeenCalledWith('保存人员名单模板', '人员名单模板.xlsx', [{ name: 'Excel 表格', extensions: ['xlsx'] }])
    expect(saveRosterTemplate).toHaveBeenCalledWith('staff', '/home/u/人员名单模板.xlsx')
  })

  it('saves nothing when the save dialog is cancelled', async () => {
    vi.mocked(pickSaveFile).mockResolvedValue(null)
    await mountDialog()
    await page().find('[data-test="import-template"]').trigger('click')
    await flushPromises()
    expect(saveRosterTemplate).not.toHaveBeenCalled()
  })

  describe('the registry of existing platforms (outside the wizard)', () => {
    const PLATFORM = {
      name: '山西省煤化工重点实验室', level: 'provincial', kind: 'key_lab', host_name: '太原某某大学',
      host_uscc: '12140000MB0000001X', members: [], instruments: [], sites: [],
    } as unknown as ImportPreview['platforms'][number]

    it('imports the platforms into the registry', async () => {
      vi.mocked(previewRosterImport).mockResolvedValue(preview({ kind: 'platforms', rows: [], errors: [], platforms: [PLATFORM] }))
      vi.mocked(commitRosterImport).mockResolvedValue(1)
      const { wrapper } = await mountDialog(null, 'platforms')
      await choose('名录.xlsx')
      expect(previewRosterImport).toHaveBeenCalledWith(0, 'platforms', '名录.xlsx', [80, 75, 3], { columns: {} })
      expect(page().find('[data-test="import-platforms"]').text()).toContain('山西省煤化工重点实验室')
      expect(page().find('[data-test="import-commit"]').text()).toBe('导入 1 个平台')
      await page().find('[data-test="import-commit"]').trigger('click')
      await flushPromises()
      expect(commitRosterImport).toHaveBeenCalledWith(0, 'platforms', '名录.xlsx', [80, 75, 3], { columns: {} })
      expect(wrapper.emitted('imported')).toEqual([[1]])
    })

    it('imports no platform while any row has an error', async () => {
      vi.mocked(previewRosterImport).mockResolvedValue(preview({ kind: 'platforms', rows: [], platforms: [PLATFORM] }))
      await mountDialog(null, 'platforms')
      await choose('名录.xlsx')
      expect(page().find('[data-test="import-errors"]').text()).toContain('第 17 行')
      expect(page().find('[data-test="import-commit"]').text()).toBe('导入 0 个平台')
      expect(page().find('[data-test="import-commit"]').attributes('disabled')).toBeDefined()
    })
  })
})
