import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import type { ApplicationSummary } from '../bindings/ApplicationSummary'
import type { SealBadge } from '../bindings/SealBadge'
import ApplicationTable from './ApplicationTable.vue'

function summary(id: number, name: string): ApplicationSummary {
  return {
    id, programme: 'sx-tic', category: 'field', centre_name: name, lead_host: '', field: '', sub_area: '', people: 3,
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
})
