import { DOMWrapper, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { applyPackage, type PackagePreview } from '../api'
import type * as Api from '../api'
import type { Person } from '../bindings/Person'
import PackageMergeDialog from './PackageMergeDialog.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  applyPackage: vi.fn(),
}))

function person(name: string, title: Person['title']): Person {
  return {
    id: 12, name, id_doc: { kind: 'resident_id', number: '110101199003074514' }, employer_name: '晋中某某大学',
    education: 'doctorate', title, role: 'fixed', full_time: true, discipline: '', honours: [],
    awards_first_completer: [], projects_first_pi: [],
  }
}

const PREVIEW: PackagePreview = {
  application_id: 4,
  centre_name: '山西省先进金属材料技术创新中心',
  unit_name: '晋中某某大学',
  unit_uscc: '12140000MB1234567X',
  revision: '第 1.2 版',
  exported_at: '2024-05-06T06:03:00Z',
  unchanged: 5,
  clashes: 1,
  evidence: [],
  evidence_unchanged: 0,
  tables: [
    {
      kind: 'person',
      label: '人员',
      added: 1,
      changed: 1,
      removed: 0,
      changes: [
        {
          key: 'people:new:1', kind: 'person', action: 'added', label: '王五', base: null,
          theirs: { kind: 'person', row: person('王五', 'intermediate') }, clash: false, lead: null,
        },
        {
          key: 'people:12', kind: 'person', action: 'changed', label: '赵六',
          base: { kind: 'person', row: person('赵六', 'intermediate') },
          theirs: { kind: 'person', row: person('赵六', 'full_senior') },
          clash: true,
          lead: { kind: 'person', row: person('赵六', 'associate_senior') },
        },
      ],
    },
  ],
}

const page = () => new DOMWrapper(document.body)
let mounted: VueWrapper | null = null

async function mountDialog() {
  mounted = mount(PackageMergeDialog, {
    props: { preview: PREVIEW, text: '{"format":"shenbao.package"}', modelValue: true },
    attachTo: document.body,
    global: { plugins: [[ElementPlus, { locale: zhCn }]] },
  })
  await flushPromises()
  return mounted
}

describe('PackageMergeDialog', () => {
  beforeEach(() => {
    mounted?.unmount()
    document.body.innerHTML = ''
    vi.mocked(applyPackage).mockReset()
  })

  it('names the co-builder as the owner of its rows, not its credit code', async () => {
    const instrument = (value: number) => ({
      kind: 'instrument' as const,
      row: { id: 3, name: '扫描电镜', model: 'SU5000', serial_number: '', asset_number: 'A-1', owner_uscc: PREVIEW.unit_uscc, original_value: value, site: '' },
    })
    const preview: PackagePreview = {
      ...PREVIEW,
      tables: [{
        kind: 'instrument', label: '科研仪器设备', added: 0, changed: 1, removed: 0,
        changes: [{ key: 'instruments:3', kind: 'instrument', action: 'changed', label: '扫描电镜', base: instrument(1_000_000), theirs: instrument(1_200_000), clash: false, lead: null }],
      }],
    }
    mounted = mount(PackageMergeDialog, {
      props: { preview, text: '{}', modelValue: true },
      attachTo: document.body,
      global: { plugins: [[ElementPlus, { locale: zhCn }]] },
    })
    await flushPromises()
    const change = page().find('[data-change="instruments:3"]').text()
    expect(change).toContain('权属：晋中某某大学')
    expect(change).not.toContain(PREVIEW.unit_uscc)
  })

  it('lists the changes per table with the clash side by side', async () => {
    await mountDialog()
    expect(page().find('[data-test="merge-head"]').text()).toContain('“晋中某某大学”（12140000MB1234567X）退回的第 1.2 版')
    expect(page().find('[data-test="merge-head"]').text()).toContain('2024年5月6日 14:03')
    const table = page().find('[data-table="person"]')
    expect(table.find('h4').text()).toBe('人员：新增 1，修改 1，删除 0')
    expect(table.find('[data-change="people:new:1"]').text()).toContain('王五')
    const clash = table.find('[data-change="people:12"]')
    expect(clash.text()).toContain('冲突')
    expect(clash.find('[data-test="side-lead"]').text()).toContain('副高级')
    expect(clash.find('[data-test="side-theirs"]').text()).toContain('正高级')
  })

  it('takes the co-builder’s rows but keeps the lead’s version of a clash by default', async () => {
    const wrapper = await mountDialog()
    vi.mocked(applyPackage).mockResolvedValue({ added: 1, changed: 0, removed: 0, rejected: 1, files_added: 0, files_removed: 0 })
    await page().find('[data-test="merge"]').trigger('click')
    await flushPromises()
    expect(applyPackage).toHaveBeenCalledWith('{"format":"shenbao.package"}', {
      accept: { 'people:new:1': true, 'people:12': false },
      clashes_theirs: false,
    })
    expect(wrapper.emitted('merged')).toHaveLength(1)
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]])
  })

  it('follows the user’s choice per row', async () => {
    await mountDialog()
    vi.mocked(applyPackage).mockResolvedValue({ added: 0, changed: 1, removed: 0, rejected: 1, files_added: 0, files_removed: 0 })
    await page().find('[data-change="people:new:1"] input[type="checkbox"]').setValue(false)
    await page().find('[data-change="people:12"] input[type="checkbox"]').setValue(true)
    expect(page().text()).toContain('共 2 处修改，采纳 1 处')
    await page().find('[data-test="merge"]').trigger('click')
    await flushPromises()
    expect(applyPackage).toHaveBeenCalledWith(expect.any(String), {
      accept: { 'people:new:1': false, 'people:12': true },
      clashes_theirs: false,
    })
  })

  it('shows why a merge is refused and stays open', async () => {
    const wrapper = await mountDialog()
    vi.mocked(applyPackage).mockRejectedValue({ code: 'package_stale', message: '此材料包（第 1.1 版）早于已导入的第 1.2 版，未合并' })
    await page().find('[data-test="merge"]').trigger('click')
    await flushPromises()
    expect(page().find('[data-test="merge-error"]').text()).toContain('早于已导入的第 1.2 版')
    expect(wrapper.emitted('merged')).toBeUndefined()
  })
})
