import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { allConflicts, importRegistryJson, listPlatforms, type Conflict, type Report } from '../api'
import type * as Api from '../api'
import ConflictsView from './ConflictsView.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  allConflicts: vi.fn(),
  listPlatforms: vi.fn(),
  importRegistryJson: vi.fn(),
}))

function conflict(message: string, severity: 'excludes' | 'warning', id = 1): Conflict {
  return {
    kind: 'person_in_two_applications',
    criterion: 'no-double-resources',
    severity,
    subject: '张三（身份证号 …1234）',
    first: { owner: { type: 'application', id, name: '甲中心', programme: 'P1' } },
    second: { owner: { type: 'application', id: 2, name: '乙中心', programme: 'P1' } },
    message,
  }
}

function report(conflicts: Conflict[]): Report {
  const excluding = conflicts.filter((c) => c.severity === 'excludes').length
  return {
    people: conflicts.length ? [{ title: '张三（身份证号 …1234）', conflicts }] : [],
    instruments: [],
    sites: [],
    achievements: [],
    applications: [],
    total: conflicts.length,
    excluding,
    warnings: conflicts.length - excluding,
  }
}

async function mountView() {
  const wrapper = mount(ConflictsView, { global: { plugins: [[ElementPlus, { locale: zhCn }]] } })
  await flushPromises()
  return wrapper
}

describe('ConflictsView', () => {
  beforeEach(() => {
    vi.mocked(listPlatforms).mockReset().mockResolvedValue([])
    vi.mocked(allConflicts).mockReset()
    vi.mocked(importRegistryJson).mockReset()
  })

  it('says so when nothing is claimed twice', async () => {
    vi.mocked(allConflicts).mockResolvedValue(report([]))
    const wrapper = await mountView()
    expect(wrapper.find('[data-test="summary"]').text()).toBe('未发现重复申报或资源冲突。')
    expect(wrapper.find('[data-section="people"]').exists()).toBe(false)
  })

  it('lists people claimed twice under their name, excluding conflicts marked as such', async () => {
    vi.mocked(allConflicts).mockResolvedValue(
      report([conflict('张三同时是甲中心和乙中心的固定人员', 'excludes'), conflict('可能是同一人', 'warning')]),
    )
    const wrapper = await mountView()
    expect(wrapper.find('[data-test="summary"]').text()).toContain('1 处不可申报')
    const people = wrapper.find('[data-section="people"]')
    expect(people.text()).toContain('张三（身份证号 …1234）')
    const items = people.findAll('li')
    expect(items).toHaveLength(2)
    expect(items[0]!.text()).toContain('不可申报')
    expect(items[0]!.text()).toContain('张三同时是甲中心和乙中心的固定人员')
    expect(items[1]!.text()).toContain('提示')
  })

  it('shows the error message when the check cannot run', async () => {
    vi.mocked(allConflicts).mockRejectedValue({ code: 'open', message: '无法打开数据库“x”：磁盘已满' })
    const wrapper = await mountView()
    expect(wrapper.text()).toContain('无法打开数据库“x”：磁盘已满')
  })
})
