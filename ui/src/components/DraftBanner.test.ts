import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import type { DraftCheck } from '../bindings/DraftCheck'
import DraftBanner from './DraftBanner.vue'

function draft(overrides: Partial<DraftCheck> = {}): DraftCheck {
  return {
    unit_name: '晋中某某大学',
    unit_uscc: '12140000MB1234567X',
    fixed_staff: 3,
    fixed_staff_min: 5,
    fixed_staff_message: '本单位固定人员 3 人，少于 5 人（通知第三条）',
    conflicts: [],
    ...overrides,
  }
}

describe('DraftBanner', () => {
  it('says only the unit’s own information is to be filled, with its staff check', () => {
    const wrapper = mount(DraftBanner, { props: { draft: draft() }, global: { plugins: [ElementPlus] } })
    expect(wrapper.text()).toContain('共建单位材料包草稿：只需填写本单位的信息')
    expect(wrapper.text()).toContain('“晋中某某大学”')
    expect(wrapper.find('[data-test="draft-staff"]').text()).toBe('本单位固定人员 3 人，少于 5 人（通知第三条）')
    expect(wrapper.find('[data-test="draft-conflicts"]').exists()).toBe(false)
  })

  it('lists the unit’s rows claimed elsewhere', () => {
    const conflict = {
      kind: 'person_in_two_applications',
      criterion: 'no-double-resources',
      severity: 'excludes',
      subject: '张三',
      first: { owner: { type: 'application', id: 1, name: '甲中心', programme: 'P1' } },
      second: { owner: { type: 'application', id: 2, name: '乙中心', programme: 'P1' } },
      message: '张三已是乙中心的固定人员',
    } as DraftCheck['conflicts'][number]
    const wrapper = mount(DraftBanner, { props: { draft: draft({ conflicts: [conflict] }) }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test="draft-conflicts"]').text()).toBe('张三已是乙中心的固定人员')
  })
})
