import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { importPack, listProgrammes, previewPackImport, removeUserPack, type PackDiff, type ProgrammeSummary } from '../api'
import type * as Api from '../api'
import ProgrammesView from './ProgrammesView.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  listProgrammes: vi.fn(),
  importPack: vi.fn(),
  previewPackImport: vi.fn(),
  removeUserPack: vi.fn(),
}))

function programme(id: string, extra: Partial<ProgrammeSummary> = {}): ProgrammeSummary {
  return {
    id, name: `${id} 技术创新中心`, issuer: '山西省科学技术厅', document: '《申报通知》（2024年3月11日）',
    effective_from: '2024-03-11', effective_until: '2024-05-10', online_deadline: '2024-05-06',
    paper_deadline: '2024-05-10', year_round: false, conditions_built_in: true, main_conditions: [], notes: [],
    categories: [], fields: [], reference_date: null, contacts: [],
    deadline: {
      status: 'expired', next: '2024-05-10', next_label: '纸质材料截止', days_left: -936, countdown: '已截止', soon: false,
      text: '网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）',
    },
    presentation: { platform: '中心', name_label: '中心名称', director_label: '中心主任', inputs: [], commitment: null },
    ...extra,
  }
}

const P1 = programme('P1')
const STAR = programme('P7-star-space', {
  year_round: true, online_deadline: null, paper_deadline: null, effective_until: null,
  deadline: { status: 'year_round', next: null, next_label: '', days_left: null, countdown: '', soon: false, text: '常年受理' },
})
const P1_USER = programme('P1', {
  name: 'P1 技术创新中心（2025）',
  user: { id: 'P1', name: 'P1 技术创新中心（2025）', file_name: 'P1-2025.toml', loaded_at: '2025-03-01T02:00:00Z', replaces_builtin: true, version: '2025年申报通知 2025-03-10' },
})

async function mountView() {
  const wrapper = mount(ProgrammesView, { global: { plugins: [[ElementPlus, { locale: zhCn }]] } })
  await flushPromises()
  return wrapper
}

function bodyRows(wrapper: Awaited<ReturnType<typeof mountView>>): string[] {
  return wrapper.findAll('.el-table__body tr').map((tr) => tr.findAll('td').map((td) => td.text()).join('|'))
}

async function pick(wrapper: Awaited<ReturnType<typeof mountView>>, name: string, text: string) {
  const input = wrapper.find('[data-test="pack-file"]')
  const file = new File([text], name, { type: 'application/toml' })
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  // FileReader answers on a later task.
  await vi.waitFor(() => expect(previewPackImport).toHaveBeenCalled())
  await flushPromises()
}

describe('ProgrammesView', () => {
  beforeEach(() => {
    vi.mocked(listProgrammes).mockReset().mockResolvedValue([P1, STAR])
    vi.mocked(importPack).mockReset()
    vi.mocked(previewPackImport).mockReset().mockResolvedValue(null)
    vi.mocked(removeUserPack).mockReset()
    vi.restoreAllMocks()
  })

  it('lists every programme with its dates, deadlines and source', async () => {
    const wrapper = await mountView()
    const rows = bodyRows(wrapper)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain('2024年3月11日 至 2024年5月10日')
    expect(rows[0]).toContain('网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日')
    expect(rows[0]).toContain('内置')
    expect(rows[1]).toContain('常年受理')
    expect(rows[1]).toContain('2024年3月11日 至 长期')
    expect(wrapper.findAll('[data-test="remove"]')).toHaveLength(0)
  })

  it('imports a pack file and reloads the list', async () => {
    const wrapper = await mountView()
    vi.mocked(importPack).mockResolvedValue({ pack: P1_USER.user!, replaced_import: false, message: '已导入申报规则 P1' })
    vi.mocked(listProgrammes).mockResolvedValue([P1_USER, STAR])
    await pick(wrapper, 'P1-2025.toml', 'id = "P1"')
    expect(importPack).toHaveBeenCalledWith('P1-2025.toml', 'id = "P1"')
    expect(listProgrammes).toHaveBeenCalledTimes(2)
    expect(bodyRows(wrapper)[0]).toContain('用户导入')
    expect(bodyRows(wrapper)[0]).toContain('P1-2025.toml')
    expect(wrapper.findAll('[data-test="remove"]')).toHaveLength(1)
  })

  it('shows the core\'s message with line and key when the file is refused', async () => {
    const wrapper = await mountView()
    const message = '规则包含有未知的键：bad.toml 第 12 行，键 criteria[0].threshhold（未知的键）'
    vi.mocked(importPack).mockRejectedValue({ code: 'pack_unknown_key', message })
    await pick(wrapper, 'bad.toml', 'threshhold = 1')
    expect(wrapper.find('[data-test="import-error"]').text()).toContain(message)
    expect(listProgrammes).toHaveBeenCalledTimes(1)
  })

  it('removes a user pack after a confirmation and reloads', async () => {
    vi.mocked(listProgrammes).mockResolvedValue([P1_USER, STAR])
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    vi.mocked(removeUserPack).mockResolvedValue(undefined)
    const wrapper = await mountView()
    vi.mocked(listProgrammes).mockResolvedValue([P1, STAR])
    await wrapper.find('[data-test="remove"]').trigger('click')
    await flushPromises()
    expect(String(confirm.mock.calls[0]?.[0])).toContain('恢复按内置规则')
    expect(removeUserPack).toHaveBeenCalledWith('P1')
    expect(bodyRows(wrapper)[0]).toContain('内置')
  })

  it('removes nothing when the user cancels', async () => {
    vi.mocked(listProgrammes).mockResolvedValue([P1_USER, STAR])
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const wrapper = await mountView()
    await wrapper.find('[data-test="remove"]').trigger('click')
    await flushPromises()
    expect(removeUserPack).not.toHaveBeenCalled()
  })

  it('shows what a pack replacing one in force changes, and imports it only when accepted', async () => {
    const diff: PackDiff = {
      id: 'P5', old_name: '吕梁市技术创新中心', new_name: '吕梁市技术创新中心',
      programme: ['失效日期：— → 2025-06-06'],
      criteria: [
        { change: 'changed', id: 'area', title: '使用面积不少于800平方米', details: ['阈值 area_min ≥ 500 平方米 → area_min ≥ 800 平方米'] },
        { change: 'removed', id: 'field', title: '领域类重点在所列产业集群', citation: '《吕梁市平台申报通知》二（三）' },
        { change: 'added', id: 'staff-count', title: '固定研发人员不少于10人', kind: 'hard', check: 'fixed_staff_min ≥ 10 人', citation: '《2025年通知》二（三）3' },
      ],
    }
    vi.mocked(previewPackImport).mockResolvedValue(diff)
    vi.mocked(importPack).mockResolvedValue({ pack: P1_USER.user!, replaced_import: false, message: '已导入申报规则 P5' })
    const wrapper = await mountView()
    await pick(wrapper, 'P5-2025.toml', 'id = "P5"')
    expect(importPack).not.toHaveBeenCalled()
    const text = wrapper.text()
    expect(text).toContain('导入将替换现有的 P5 规则')
    expect(text).toContain('失效日期：— → 2025-06-06')
    expect(text).toContain('修改area“使用面积不少于800平方米”')
    expect(text).toContain('area_min ≥ 500 平方米 → area_min ≥ 800 平方米')
    expect(text).toContain('删除field')
    expect(text).toContain('新增staff-count')
    await wrapper.find('[data-test="cancel-import"]').trigger('click')
    await flushPromises()
    expect(importPack).not.toHaveBeenCalled()

    vi.mocked(previewPackImport).mockClear()
    await pick(wrapper, 'P5-2025.toml', 'id = "P5"')
    await wrapper.find('[data-test="confirm-import"]').trigger('click')
    await flushPromises()
    expect(importPack).toHaveBeenCalledWith('P5-2025.toml', 'id = "P5"')
  })
})
