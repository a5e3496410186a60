import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { reactive, ref } from 'vue'
import { exportPackage, pickSaveFile, type DraftCheck } from '../../api'
import type * as Api from '../../api'
import type { Application } from '../../bindings/Application'
import type { HostUnit } from '../../bindings/HostUnit'
import type { UsccReading } from '../../bindings/UsccReading'
import type { ApplicationStore } from '../../stores/application'
import { programmes } from '../../stores/programmes'
import { DRAFT_KEY, STORE_KEY } from './context'
import HostsStep from './HostsStep.vue'

// Only the command wrappers are mocked; error normalisation stays real.
vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  exportPackage: vi.fn(),
  pickSaveFile: vi.fn(),
}))

function host(name: string, uscc: string): HostUnit {
  return {
    name, uscc, kind: 'enterprise', independent_legal_person: true, registered_region: '山西省太原市',
    high_tech_enterprise: false, above_scale_with_rd_institution: false, key_discipline_or_doctoral: false,
    led_national_or_provincial_tasks: false, own_ip: false, applied_results: false, chain_leader: false,
    city_key_lab: false, out_of_province_with_national_platform: false, jingjinji_xiongan: false,
    agreement_signed: false, supervising_department: '', has_provincial_platform: false,
    safety_self_check_done: false, core_member: false,
  }
}

const DRAFT: DraftCheck = {
  unit_name: '晋中某某大学',
  unit_uscc: '12140000MB1234567X',
  fixed_staff: 3,
  fixed_staff_min: 5,
  fixed_staff_message: '本单位固定人员 3 人，少于 5 人',
  conflicts: [],
}

/** `core`: what the core said at each host's last save, by credit code. */
function mountStep(
  hosts: HostUnit[],
  draft: DraftCheck | null = null,
  core: Record<string, { issue?: string; region?: string; reading?: UsccReading; kindWarning?: string }> = {},
) {
  const store = {
    issueAt: (h: HostUnit, path: string) => (path === 'uscc' ? (core[h.uscc]?.issue ?? null) : null),
    warningAt: (h: HostUnit, path: string) => (path === 'kind' ? (core[h.uscc]?.kindWarning ?? null) : null),
    usccRegionOf: (h: HostUnit) => core[h.uscc]?.region ?? null,
    usccReadingOf: (h: HostUnit) => core[h.uscc]?.reading ?? null,
    state: reactive({ id: 4, app: { programme: 'P6', centre_name: '山西省先进金属材料技术创新中心', host_units: hosts } as unknown as Application }),
    uidOf: (h: HostUnit) => h.uscc,
    settled: vi.fn(async () => {}),
    updateRow: vi.fn(),
    addRow: vi.fn(),
    removeRow: vi.fn(),
    lastStep: vi.fn(() => null),
    undoStep: vi.fn(),
  }
  const wrapper = mount(HostsStep, {
    global: {
      plugins: [[ElementPlus, { locale: zhCn }]],
      provide: {
        [STORE_KEY as symbol]: store as unknown as ApplicationStore,
        [DRAFT_KEY as symbol]: ref(draft),
      },
    },
  })
  return { wrapper, store }
}

const LEAD = host('太原某某钢铁有限公司', '91140100MA0000001X')
const CO = host('晋中某某大学', '12140000MB1234567X')

describe('HostsStep packages', () => {
  beforeEach(() => {
    vi.mocked(exportPackage).mockReset()
    vi.mocked(pickSaveFile).mockReset()
  })

  it('offers a package to each co-builder, not to the lead host', () => {
    const { wrapper } = mountStep([LEAD, CO])
    expect(wrapper.find('[data-test="host-0"] [data-test="export-package"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="host-1"] [data-test="export-package"]').text()).toBe('导出共建单位材料包…')
  })

  it('writes the co-builder package where the user chooses', async () => {
    vi.mocked(pickSaveFile).mockResolvedValue('/home/u/包.shenbao')
    vi.mocked(exportPackage).mockResolvedValue('已导出材料包（第 1 版）：/home/u/包.shenbao')
    const { wrapper, store } = mountStep([LEAD, CO])
    await wrapper.find('[data-test="host-1"] [data-test="export-package"]').trigger('click')
    await flushPromises()
    expect(pickSaveFile).toHaveBeenCalledWith('导出共建单位材料包', '山西省先进金属材料技术创新中心-晋中某某大学.shenbao', [
      { name: '申报通材料包', extensions: ['shenbao'] },
    ])
    expect(store.settled).toHaveBeenCalled()
    expect(exportPackage).toHaveBeenCalledWith(4, 1, '/home/u/包.shenbao')
  })

  it('writes nothing when the save dialog is cancelled', async () => {
    vi.mocked(pickSaveFile).mockResolvedValue(null)
    const { wrapper } = mountStep([LEAD, CO])
    await wrapper.find('[data-test="host-1"] [data-test="export-package"]').trigger('click')
    await flushPromises()
    expect(exportPackage).not.toHaveBeenCalled()
  })

  it('in a co-builder draft, exports the return and cannot add or delete units', async () => {
    vi.mocked(pickSaveFile).mockResolvedValue('/home/u/退回.shenbao')
    vi.mocked(exportPackage).mockResolvedValue('已导出材料包（第 1.1 版）：/home/u/退回.shenbao')
    const { wrapper } = mountStep([CO], DRAFT)
    expect(wrapper.find('[data-test="host-0"]').text()).toContain('本单位（共建单位）')
    expect(wrapper.find('[data-test="add-host"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="host-0"]').text()).not.toContain('删除')
    await wrapper.find('[data-test="export-return"]').trigger('click')
    await flushPromises()
    expect(pickSaveFile).toHaveBeenCalledWith('导出退回材料包', '山西省先进金属材料技术创新中心-晋中某某大学-退回.shenbao', expect.anything())
    expect(exportPackage).toHaveBeenCalledWith(4, null, '/home/u/退回.shenbao')
  })
})

describe('HostsStep inputs the pack reads', () => {
  function programme(inputs: string[]) {
    const presentation = { platform: '联盟', name_label: '联盟名称', director_label: '联盟负责人', inputs, commitment: null }
    programmes.value = [{ id: 'P6', presentation } as unknown as (typeof programmes.value)[number]]
  }

  it('shows the core-member box and not the registration place when the pack counts core members only', async () => {
    programme(['hosts[].core_member'])
    const { wrapper, store } = mountStep([{ ...LEAD }])
    expect(wrapper.find('[data-test="host-registered-region"]').exists()).toBe(false)
    const box = wrapper.find('[data-test="host-core-member"] input[type="checkbox"]')
    await box.setValue(true)
    expect(store.updateRow).toHaveBeenCalledWith('host_units', expect.objectContaining({ core_member: true }))
    programmes.value = []
  })

  it('shows the registration place and no core-member box when the pack judges where units are registered', () => {
    programme(['hosts[].registered_region'])
    const { wrapper } = mountStep([{ ...LEAD }])
    expect(wrapper.find('[data-test="host-registered-region"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="host-core-member"]').exists()).toBe(false)
    programmes.value = []
  })
})

describe('HostsStep credit codes', () => {
  it('shows the core\'s issue at the code and the region it read from a valid one', async () => {
    const bad = host('某某大学', '91110108551385082R')
    const { wrapper } = mountStep([LEAD, bad], null, {
      [LEAD.uscc]: { region: '140100' },
      [bad.uscc]: { issue: '校验位错误，按前17位计算应为Q，现为R' },
    })
    await flushPromises()
    expect(wrapper.find('[data-test="host-0"] .el-form-item__error').exists()).toBe(false)
    expect(wrapper.find('[data-test="host-0"]').text()).toContain('登记机关行政区划代码 140100')
    expect(wrapper.find('[data-test="host-1"] .el-form-item__error').text()).toBe('校验位错误，按前17位计算应为Q，现为R')
    expect(wrapper.find('[data-test="host-1"]').text()).not.toContain('登记机关行政区划代码')
  })

  it('names the registering place and registration the core read, and offers the unit kind the code fits', async () => {
    const univ = host('吕梁学院', '12141100405713623T')
    const { wrapper, store } = mountStep([LEAD, univ], null, {
      [univ.uscc]: {
        region: '141100',
        reading: { region_code: '141100', region_name: '山西省吕梁市', registration: '机构编制部门登记的事业单位', kinds: ['university', 'research_institute'] },
        kindWarning: '统一社会信用代码第1、2位12表示机构编制部门登记的事业单位，单位类型宜为高等院校或科研院所，现为企业：请核对',
      },
    })
    await flushPromises()
    expect(wrapper.find('[data-test="host-1"] [data-test="host-uscc-reading"]').text()).toBe('登记机关在山西省吕梁市（141100）；机构编制部门登记的事业单位')
    expect(wrapper.find('[data-test="host-1"] [data-test="host-kind-warning"]').text()).toContain('单位类型宜为高等院校或科研院所')
    expect(wrapper.find('[data-test="host-0"] [data-test="host-kind-warning"]').exists()).toBe(false)
    await wrapper.find('[data-test="host-1"] [data-test="host-kind-apply-university"]').trigger('click')
    expect(univ.kind).toBe('university')
    expect(store.updateRow).toHaveBeenCalledWith('host_units', univ)
  })
})
