import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import type { ApplicationSummary } from '../bindings/ApplicationSummary'
import type { Deadline } from '../bindings/Deadline'
import type { ProgrammeSummary } from '../bindings/ProgrammeSummary'
import type { SealBadge } from '../bindings/SealBadge'
import ApplicationTable from './ApplicationTable.vue'

function summary(id: number, name: string, programme = 'sx-tic'): ApplicationSummary {
  return {
    id, programme, category: 'field', centre_name: name, lead_host: '', field: '', sub_area: '', people: 3,
    fixed_staff: 2, updated_at: '2026-12-01T02:00:00Z', sample: false,
  }
}

function badge(application: number, changes: number): SealBadge {
  return {
    application, changes,
    seal: { id: 1, application, sealed_at: '2026-12-01T02:00:00Z', note: '', pack_id: 'sx-tic', pack_version: '', review_sheet_sha256: '' },
  }
}

describe('ApplicationTable', () => {
  it('shows 已定稿后修改 N 处 on sealed applications only, and asks for the diff when clicked', async () => {
    const wrapper = mount(ApplicationTable, {
      props: {
        applications: [summary(1, '甲中心'), summary(2, '乙中心'), summary(3, '丙中心')],
        loading: false,
        emptyText: '',
        seals: { 1: badge(1, 4), 2: badge(2, 0) },
      },
      global: { plugins: [ElementPlus] },
    })
    await flushPromises()
    expect(wrapper.find('[data-test="seal-badge-1"]').text()).toBe('已定稿后修改 4 处')
    expect(wrapper.find('[data-test="seal-badge-2"]').text()).toBe('已定稿，未修改')
    expect(wrapper.find('[data-test="seal-badge-3"]').exists()).toBe(false)
    await wrapper.find('[data-test="seal-badge-1"]').trigger('click')
    expect(wrapper.emitted('diff')).toEqual([[1]])
    expect(wrapper.emitted('open')).toBeUndefined()
  })

  it('shows the next deadline and its countdown as the core judged them on today', async () => {
    const programme = (id: string, deadline: Deadline) =>
      ({ id, name: `${id} 中心`, deadline }) as unknown as ProgrammeSummary
    const open: Deadline = {
      status: 'open', next: '2026-12-05', next_label: '纸质材料截止', days_left: 3, countdown: '剩 3 天', soon: true,
      text: '网上填报截止 2026年11月30日；纸质材料截止 2026年12月5日',
    }
    const expired: Deadline = {
      status: 'expired', next: '2024-05-10', next_label: '纸质材料截止', days_left: -936, countdown: '已截止', soon: false,
      text: '网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）',
    }
    const unstated: Deadline = { status: 'unstated', next: null, next_label: '', days_left: null, countdown: '', soon: false, text: '通知未载明截止时间' }
    const wrapper = mount(ApplicationTable, {
      props: {
        applications: [summary(1, '甲中心', 'A'), summary(2, '乙中心', 'B'), summary(3, '丙中心', 'C')],
        programmes: [programme('A', open), programme('B', expired), programme('C', unstated)],
        loading: false,
        emptyText: '',
      },
      global: { plugins: [ElementPlus] },
    })
    await flushPromises()
    const cells = wrapper.findAll('.deadline')
    expect(cells.map((c) => c.text())).toEqual(['2026年12月5日', '2024年5月10日', '通知未载明'])
    expect(cells[0]!.attributes('title')).toBe(open.text)
    const days = wrapper.findAll('.days')
    expect(days.map((d) => [d.text(), d.classes().includes('is-soon'), d.classes().includes('is-past')])).toEqual([
      ['剩 3 天', true, false],
      ['已截止', false, true],
    ])
  })
})
