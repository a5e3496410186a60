import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import type { DraftCheck } from '../../api'
import type { Application } from '../../bindings/Application'
import type { ApplicationStore } from '../../stores/application'
import BasicStep from './BasicStep.vue'
import { DRAFT_KEY, STORE_KEY } from './context'

function mountStep(draft: DraftCheck | null, issues: Record<string, string> = reactive({})) {
  const app = {
    programme: 'P1', category: 'field', centre_name: '山西省先进金属材料技术创新中心', field: '新材料',
    sub_area: '', city: '太原市', recommendation_letter: false,
  } as unknown as Application
  const store = { state: reactive({ id: 4, app, assessment: null }), setField: vi.fn(),
    fieldIssueAt: (path: string) => issues[path] ?? null,
  }
  return mount(BasicStep, {
    global: {
      plugins: [ElementPlus],
      provide: { [STORE_KEY as symbol]: store as unknown as ApplicationStore, [DRAFT_KEY as symbol]: ref(draft) },
    },
  })
}

describe('BasicStep', () => {
  it('is editable in the lead’s application', () => {
    const wrapper = mountStep(null)
    expect(wrapper.find('[data-test="basic-form"] input').attributes('disabled')).toBeUndefined()
  })

  it('shows the core’s issue of a saved field at that field', async () => {
    const issues: Record<string, string> = reactive({})
    const wrapper = mountStep(null, issues)
    expect(wrapper.find('[data-test="centre-name-issue"]').exists()).toBe(false)
    // The save answers: the core's issues of the two fields.
    issues.centre_name = '未填写，请填写拟建中心的名称'
    issues.reference_date = '1900年1月1日不在1990年至2100年之间'
    await flushPromises()
    expect(wrapper.find('[data-test="centre-name-issue"]').text()).toBe('未填写，请填写拟建中心的名称')
    expect(wrapper.find('[data-test="reference-date-issue"]').text()).toContain('不在1990年至2100年之间')
  })

  it('is read-only in a co-builder draft: the centre’s information is the lead’s', () => {
    const wrapper = mountStep({
      unit_name: '晋中某某大学', unit_uscc: '12140000MB1234567X', fixed_staff: 0, fixed_staff_message: '', conflicts: [],
    })
    const inputs = wrapper.findAll('[data-test="basic-form"] input')
    expect(inputs.length).toBeGreaterThan(0)
    for (const input of inputs) expect(input.attributes('disabled')).toBeDefined()
  })
})
