import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { about, stepHelp, type About, type StepHelp } from '../../api/help'
import type * as HelpApi from '../../api/help'
import AboutView from './AboutView.vue'
import StepHelpDrawer from './StepHelpDrawer.vue'
import { copyText } from '../../clipboard'

vi.mock('../../api/help', async (importOriginal) => ({
  ...(await importOriginal<typeof HelpApi>()),
  about: vi.fn(),
  stepHelp: vi.fn(),
}))
vi.mock('../../clipboard', () => ({ copyText: vi.fn() }))

const ABOUT: About = {
  version: '0.1.0',
  build_date: '2026-12-02',
  packs: [
    {
      id: 'P1',
      name: '山西省2024年度……省技术创新中心',
      documents: ['《山西省科学技术厅关于组织申报……的通知》（2024-03-11）'],
      effective_from: '2024-03-11',
      effective_until: '2024-05-10',
      online_deadline: '2024-05-06',
      paper_deadline: '2024-05-10',
      source: '内置',
    },
  ],
  database: { path: '/home/u/.local/share/shenbao/shenbao.sqlite', size_bytes: 2048, error: null },
  last_backup: null,
  fonts: 'Noto Sans CJK SC，SIL Open Font License 1.1',
  font_licence: 'SIL OPEN FONT LICENSE Version 1.1',
  text: '申报通 关于\n版本：0.1.0\n',
}

const HELP: StepHelp = {
  step: 'people',
  programme: 'P1',
  programme_name: '省技术创新中心',
  asks: [
    {
      text: '固定人员不少于50人',
      label: '条件',
      note: null,
      citation: { document: '2024年省创中心申报通知', clause: '二（四）3' },
      document_title: '关于组织申报……的通知',
    },
  ],
  example: [{ label: '人员名单', value: '60 人' }],
  mistakes: [{ text: '同一科研人员列入两份申请', label: '', note: null, citation: null, document_title: null }],
}

const plugins = { global: { plugins: [[ElementPlus, { locale: zhCn }]] as never } }

describe('AboutView', () => {
  beforeEach(() => {
    vi.mocked(about).mockReset().mockResolvedValue(ABOUT)
    vi.mocked(copyText).mockReset().mockResolvedValue(true)
  })

  it('shows what the core says and copies its text', async () => {
    const wrapper = mount(AboutView, plugins)
    await flushPromises()
    expect(wrapper.get('[data-test="about-database"]').text()).toBe(ABOUT.database.path)
    expect(wrapper.get('[data-test="about-packs"]').text()).toContain('P1')
    expect(wrapper.get('[data-test="about-packs"]').text()).toContain('2024-03-11 至 2024-05-10')
    expect(wrapper.text()).toContain('尚无备份')
    await wrapper.get('[data-test="about-copy"]').trigger('click')
    expect(copyText).toHaveBeenCalledWith(ABOUT.text)
  })
})

describe('StepHelpDrawer', () => {
  beforeEach(() => {
    vi.mocked(stepHelp).mockReset().mockResolvedValue(HELP)
  })

  it('asks the core for the step on opening and shows the citation, example and mistakes', async () => {
    const wrapper = mount(StepHelpDrawer, { ...plugins, props: { id: 7, step: 'people', title: '人员队伍' } })
    expect(stepHelp).not.toHaveBeenCalled()
    await wrapper.get('[data-test="step-help"]').trigger('click')
    await flushPromises()
    expect(stepHelp).toHaveBeenCalledWith(7, 'people')
    const body = document.body.textContent ?? ''
    expect(body).toContain('《关于组织申报……的通知》二（四）3')
    expect(body).toContain('60 人')
    expect(body).toContain('同一科研人员列入两份申请')
    await wrapper.setProps({ step: 'director' })
    await flushPromises()
    expect(stepHelp).toHaveBeenLastCalledWith(7, 'director')
    wrapper.unmount()
  })
})
