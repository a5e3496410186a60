import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApplicationSummary } from '../bindings/ApplicationSummary'
import { ElMessageBox } from 'element-plus'
import {
  homeVerdicts,
  createApplication,
  deleteApplication,
  listApplications,
  listProgrammes,
  loadApplication,
  openPackage,
  previewPackage,
} from '../api'
import type * as Api from '../api'
import type { Application } from '../bindings/Application'
import HomeView from './HomeView.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  listApplications: vi.fn(),
  listProgrammes: vi.fn(),
  homeVerdicts: vi.fn(),
  createApplication: vi.fn(),
  deleteApplication: vi.fn(),
  loadApplication: vi.fn(),
  openPackage: vi.fn(),
  previewPackage: vi.fn(),
  applyPackage: vi.fn(),
}))

const listMock = vi.mocked(listApplications)
const verdictsMock = vi.mocked(homeVerdicts)
vi.mocked(listProgrammes).mockRejectedValue({ code: 'internal', message: '无法读取' })

function application(overrides: Partial<ApplicationSummary> = {}): ApplicationSummary {
  return {
    id: 1,
    programme: 'P1',
    category: 'field',
    centre_name: '山西省先进金属材料技术创新中心',
    lead_host: '太原某某钢铁有限公司',
    field: '新材料',
    sub_area: '先进金属材料',
    people: 30,
    fixed_staff: 12,
    updated_at: '2024-05-06T14:03:00+08:00',
    sample: false,
    ...overrides,
  }
}

async function mountHome() {
  const wrapper = mount(HomeView, {
    global: { plugins: [[ElementPlus, { locale: zhCn }]] },
  })
  await flushPromises()
  return wrapper
}

/** Text of each body row, cells joined by "|". */
function bodyRows(wrapper: Awaited<ReturnType<typeof mountHome>>): string[] {
  return wrapper
    .findAll('.el-table__body tr')
    .map((tr) => tr.findAll('td').map((td) => td.text()).join('|'))
}

describe('HomeView', () => {
  beforeEach(() => {
    listMock.mockReset()
    verdictsMock.mockReset().mockRejectedValue({ code: 'internal', message: '无法读取' })
    window.location.hash = ''
  })

  it('shows the title and subtitle', async () => {
    listMock.mockResolvedValue([])
    const wrapper = await mountHome()
    expect(wrapper.find('h1').text()).toBe('申报通')
    expect(wrapper.text()).toContain('科技创新平台申报材料准备工具（离线）')
  })

  it('marks the built-in sample as 示例, and only it', async () => {
    listMock.mockResolvedValue([application({ id: 1, sample: true }), application({ id: 2, centre_name: '真实申报书' })])
    const wrapper = await mountHome()
    const rows = wrapper.findAll('.el-table__body tr')
    expect(rows[0]?.find('[data-test="sample-tag"]').text()).toBe('示例')
    expect(rows[1]?.find('[data-test="sample-tag"]').exists()).toBe(false)
  })

  it('tells a new user where to start until they have an application of their own', async () => {
    listMock.mockResolvedValue([application({ id: 1, sample: true })])
    const fresh = await mountHome()
    expect(fresh.find('[data-test="start-here"]').text()).toContain('从这里开始')
    listMock.mockResolvedValue([application({ id: 1, sample: true }), application({ id: 2, centre_name: '真实申报书' })])
    const used = await mountHome()
    expect(used.find('[data-test="start-here"]').exists()).toBe(false)
  })

  it('renders one formatted row per application', async () => {
    listMock.mockResolvedValue([
      application(),
      application({
        id: 2,
        programme: 'P5',
        category: 'comprehensive',
        centre_name: '吕梁市煤化工技术创新中心',
        lead_host: '吕梁某某化工集团',
        field: '化工',
        sub_area: '',
        people: 25,
        fixed_staff: 20,
        updated_at: '2024-11-30T01:02:00Z',
      }),
    ])
    const wrapper = await mountHome()

    expect(listMock).toHaveBeenCalledTimes(1)
    expect(bodyRows(wrapper)).toEqual([
      [
        '山西省先进金属材料技术创新中心',
        'P1',
        '领域类',
        '12 / 30',
        '',
        '',
        '2024年5月6日 14:03',
        '打开复制删除',
      ].join('|'),
      [
        '吕梁市煤化工技术创新中心',
        'P5',
        '综合类',
        '20 / 25',
        '',
        '',
        '2024年11月30日 09:02',
        '打开复制删除',
      ].join('|'),
    ])
    expect(wrapper.text()).toContain('共 2 份')
    expect(wrapper.find('[data-test="empty"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="error"]').exists()).toBe(false)
  })

  it('shows the empty state when there are no applications', async () => {
    listMock.mockResolvedValue([])
    const wrapper = await mountHome()
    expect(bodyRows(wrapper)).toEqual([])
    expect(wrapper.find('[data-test="empty"]').text()).toBe('尚无申报书')
  })

  it('shows a loading state until the list arrives', async () => {
    let resolve: (rows: ApplicationSummary[]) => void = () => {}
    listMock.mockReturnValue(new Promise((r) => (resolve = r)))
    const wrapper = await mountHome()
    expect(wrapper.find('.el-loading-mask').exists()).toBe(true)
    expect(wrapper.find('[data-test="reload"]').classes()).toContain('is-loading')

    resolve([application()])
    await flushPromises()
    expect(wrapper.find('[data-test="reload"]').classes()).not.toContain('is-loading')
    expect(bodyRows(wrapper)).toHaveLength(1)
  })

  it('says that another window holds the database when a second copy starts', async () => {
    listMock.mockRejectedValue({
      code: 'in_use',
      detail: 'db_in_use',
      message: '数据库正由另一个申报通窗口使用：请切换到已打开的申报通窗口继续操作，或关闭该窗口后重试；本次未作任何改动',
    })
    const wrapper = await mountHome()
    const alert = wrapper.find('[data-test="error"]')
    expect(alert.text()).toContain('申报通已在另一个窗口中打开')
    expect(alert.text()).toContain('数据库正由另一个申报通窗口使用')
    expect(alert.text()).not.toContain('db_in_use')
  })

  it('offers 从备份恢复 for a damaged database and says to upgrade for a newer one', async () => {
    listMock.mockRejectedValue({ code: 'damaged_database', message: '文件“x”不是申报通数据库或已损坏：请从备份恢复' })
    const damaged = await mountHome()
    expect(damaged.find('[data-test="error"]').text()).toContain('数据库文件已损坏')
    expect(damaged.find('[data-test="error-restore"]').text()).toBe('从备份恢复')
    listMock.mockRejectedValue({ code: 'newer_database', message: '数据库文件由更新版本的申报通创建' })
    const newer = await mountHome()
    expect(newer.find('[data-test="error"]').text()).toContain('请升级申报通')
    expect(newer.find('[data-test="error-restore"]').exists()).toBe(false)
  })

  it('shows the message of a {code, message} error and stays usable', async () => {
    listMock.mockRejectedValue({ code: 'db_open', message: '无法打开数据库文件。' })
    const wrapper = await mountHome()

    const alert = wrapper.find('[data-test="error"]')
    expect(alert.exists()).toBe(true)
    expect(alert.text()).toContain('无法打开数据库文件。')
    expect(alert.text()).not.toContain('db_open')
    expect(wrapper.find('[data-test="empty"]').text()).toBe('未能读取申报书')

    // Retrying after the problem is fixed clears the error and shows the rows.
    listMock.mockResolvedValue([application()])
    await wrapper.find('[data-test="reload"]').trigger('click')
    await flushPromises()
    expect(listMock).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-test="error"]').exists()).toBe(false)
    expect(bodyRows(wrapper)).toHaveLength(1)
  })

  it('never shows a raw error', async () => {
    listMock.mockRejectedValue(new TypeError('Cannot read properties of undefined'))
    const wrapper = await mountHome()
    const alert = wrapper.find('[data-test="error"]')
    expect(alert.text()).toContain('发生意外错误')
    expect(wrapper.text()).not.toContain('Cannot read properties')
  })

  it('shows the verdict badge when the check is available', async () => {
    listMock.mockResolvedValue([application()])
    verdictsMock.mockResolvedValue([{ id: 1, verdict: 'partially_met', verdict_label: '不完全满足', verdict_caveat: null }])
    const wrapper = await mountHome()
    expect(wrapper.find('[data-test="verdict-badge"]').text()).toBe('不完全满足')
    expect(wrapper.find('[data-test="verdict-caveat"]').exists()).toBe(false)
  })

  it('says under a 符合 what it was not compared with', async () => {
    listMock.mockResolvedValue([application()])
    verdictsMock.mockResolvedValue([
      { id: 1, verdict: 'eligible', verdict_label: '符合申报条件', verdict_caveat: '但未与已建平台名录比对' },
    ])
    const wrapper = await mountHome()
    expect(wrapper.find('[data-test="verdict-badge"]').text()).toBe('符合申报条件')
    expect(wrapper.find('[data-test="verdict-caveat"]').text()).toBe('但未与已建平台名录比对')
  })

  it('opens an application in the wizard', async () => {
    listMock.mockResolvedValue([application({ id: 5 })])
    const wrapper = await mountHome()
    await wrapper.find('[data-test="open-5"]').trigger('click')
    expect(window.location.hash).toBe('#/application/5')
  })

  it('creates an application with empty rosters and opens it', async () => {
    listMock.mockResolvedValue([])
    vi.mocked(createApplication).mockResolvedValue(9)
    const wrapper = await mountHome()
    await wrapper.find('[data-test="new"]').trigger('click')
    await flushPromises()
    await wrapper.findComponent({ name: 'NewApplicationDialog' }).vm.$emit('create', {
      programme: 'P1',
      category: 'field',
      centreName: '山西省测试技术创新中心',
    })
    await flushPromises()
    const created = vi.mocked(createApplication).mock.calls[0]?.[0] as Application
    expect(created).toMatchObject({
      programme: 'P1', category: 'field', centre_name: '山西省测试技术创新中心',
      host_units: [], people: [], instruments: [], sites: [], rd_investments: [], achievements: [],
    })
    expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    expect(created.updated_at).toBe(created.created_at)
    expect(window.location.hash).toBe('#/application/9/basic')
  })

  it('copies an application to another programme: everything but the programme and the reference date', async () => {
    listMock.mockResolvedValue([application({ id: 3 })])
    const source = {
      programme: 'P1', category: 'field', centre_name: '山西省先进金属材料技术创新中心', reference_date: '2024-05-06',
      people: [{ name: '张三' }], host_units: [{ name: '太原某某钢铁有限公司' }], created_at: '2024-05-01T00:00:00Z',
    } as unknown as Application
    vi.mocked(loadApplication).mockResolvedValue(source)
    vi.mocked(createApplication).mockResolvedValue(11)
    const wrapper = await mountHome()
    await wrapper.find('[data-test="copy-3"]').trigger('click')
    await flushPromises()
    const dialog = wrapper.findComponent({ name: 'NewApplicationDialog' })
    expect(dialog.props('title')).toContain('复制「山西省先进金属材料技术创新中心」到其他申报类型')
    expect(dialog.props('excludeProgramme')).toBe('P1')
    await dialog.vm.$emit('create', { programme: 'P3', category: 'field', centreName: '朔州市先进金属材料技术创新中心' })
    await flushPromises()
    expect(loadApplication).toHaveBeenCalledWith(3)
    const created = vi.mocked(createApplication).mock.lastCall?.[0] as Application
    expect(created).toMatchObject({ programme: 'P3', centre_name: '朔州市先进金属材料技术创新中心', people: [{ name: '张三' }] })
    expect(created.reference_date).toBeUndefined()
    expect(created.created_at).not.toBe(source.created_at)
    expect(window.location.hash).toBe('#/application/11/basic')
  })

  it('asks before deleting and offers to undo', async () => {
    listMock.mockResolvedValue([application({ id: 3 })])
    const deleted = { centre_name: '山西省先进金属材料技术创新中心' } as Application
    vi.mocked(deleteApplication).mockResolvedValue(deleted)
    vi.mocked(createApplication).mockResolvedValue(4)
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const wrapper = await mountHome()
    await wrapper.find('[data-test="delete-3"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('山西省先进金属材料技术创新中心'), '删除申报书', expect.anything())
    expect(deleteApplication).toHaveBeenCalledWith(3)
    const undo = document.querySelector<HTMLButtonElement>('[data-test="undo"]')
    expect(document.querySelector('[data-test="undo-message"]')?.textContent).toContain('已删除「山西省先进金属材料技术创新中心」')
    undo?.click()
    await flushPromises()
    expect(createApplication).toHaveBeenCalledWith(deleted)
  })

  it('does not delete when the user cancels', async () => {
    listMock.mockResolvedValue([application({ id: 3 })])
    vi.mocked(deleteApplication).mockClear()
    vi.spyOn(ElMessageBox, 'confirm').mockRejectedValue('cancel')
    const wrapper = await mountHome()
    await wrapper.find('[data-test="delete-3"]').trigger('click')
    await flushPromises()
    expect(deleteApplication).not.toHaveBeenCalled()
  })

  describe('打开材料包', () => {
    async function choosePackage(wrapper: Awaited<ReturnType<typeof mountHome>>, text: string) {
      const input = wrapper.find('[data-test="package-file"]')
      Object.defineProperty(input.element, 'files', { value: [new File([text], '中心-晋中某某大学.shenbao')], configurable: true })
      await input.trigger('change')
      await vi.waitFor(() => expect(vi.mocked(openPackage).mock.calls.length + vi.mocked(previewPackage).mock.calls.length).toBe(1))
      await flushPromises()
    }

    beforeEach(() => {
      listMock.mockResolvedValue([])
      vi.mocked(openPackage).mockReset()
      vi.mocked(previewPackage).mockReset()
    })

    it('opens a package sent to this co-builder as a draft and goes there', async () => {
      vi.mocked(openPackage).mockResolvedValue({ draft_id: 8, already_open: false })
      const wrapper = await mountHome()
      const text = JSON.stringify({ format: 'shenbao.package', version: 1, direction: 'to_co_builder' })
      await choosePackage(wrapper, text)
      expect(openPackage).toHaveBeenCalledWith(text)
      expect(previewPackage).not.toHaveBeenCalled()
      expect(window.location.hash).toBe('#/application/8/hosts')
    })

    it('previews a package returned to the lead before merging anything', async () => {
      vi.mocked(previewPackage).mockResolvedValue({
        application_id: 4, centre_name: '山西省先进金属材料技术创新中心', unit_name: '晋中某某大学',
        unit_uscc: '12140000MB1234567X', revision: '第 1.2 版', exported_at: '2024-05-06T06:03:00Z',
        tables: [], unchanged: 3, clashes: 0, evidence: [], evidence_unchanged: 0,
      })
      const wrapper = await mountHome()
      const text = JSON.stringify({ format: 'shenbao.package', version: 1, direction: 'to_lead' })
      await choosePackage(wrapper, text)
      expect(previewPackage).toHaveBeenCalledWith(text)
      expect(openPackage).not.toHaveBeenCalled()
      expect(document.querySelector('[data-test="merge-head"]')?.textContent).toContain('晋中某某大学')
      expect(window.location.hash).toBe('')
    })

    it('shows why a file is refused', async () => {
      vi.mocked(previewPackage).mockRejectedValue({ code: 'package_format', message: '这不是申报通材料包' })
      const wrapper = await mountHome()
      await choosePackage(wrapper, 'not json')
      expect(document.body.textContent).toContain('这不是申报通材料包')
    })
  })
})
