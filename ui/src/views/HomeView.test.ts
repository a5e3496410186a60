import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApplicationSummary } from '../bindings/ApplicationSummary'
import { listApplications } from '../api'
import type * as Api from '../api'
import HomeView from './HomeView.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  listApplications: vi.fn(),
}))

const listMock = vi.mocked(listApplications)

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
  })

  it('shows the title and subtitle', async () => {
    listMock.mockResolvedValue([])
    const wrapper = await mountHome()
    expect(wrapper.find('h1').text()).toBe('申报通')
    expect(wrapper.text()).toContain('科技创新平台申报材料准备工具（离线）')
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
        '2024年度省技术创新中心（环境、数理信息、材料领域）',
        '领域类',
        '太原某某钢铁有限公司',
        '新材料 / 先进金属材料',
        '12 / 30',
        '2024年5月6日 14:03',
      ].join('|'),
      [
        '吕梁市煤化工技术创新中心',
        '吕梁市技术创新中心',
        '综合类',
        '吕梁某某化工集团',
        '化工',
        '20 / 25',
        '2024年11月30日 09:02',
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
})
