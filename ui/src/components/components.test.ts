import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import type { Assessment, CriterionResult } from '../api'
import type { Section } from '../bindings/Section'
import { STEPS, stepMarkers } from '../wizard/steps'
import CheckPanel from './CheckPanel.vue'
import type { GridColumn } from './grid'
import RosterGrid from './RosterGrid.vue'
import SaveStatus from './SaveStatus.vue'
import StepList from './StepList.vue'

const global = { plugins: [ElementPlus] }

/** The sections the pack gives these criteria (test data). */
const SECTION: Record<string, Section> = { 'director-age': 'director', area: 'resources', 'staff-count': 'people', 'other-hosts-staff': 'people' }

function criterion(id: string, status: CriterionResult['status']): CriterionResult {
  return {
    id, title: `条件 ${id}`, kind: 'hard', status, found: null, required: null, gap: null,
    message: `中心主任 64 周岁，要求不超过 60 周岁（《2024年省创中心申报通知》二（四）3）`,
    citation: { document: '2024年省创中心申报通知', clause: '二（四）3' },
    shown: { section: SECTION[id] ?? null, fields: [], confirm: null, materials: [] },
  }
}

const assessment: Assessment = {
  programme: 'P1', programme_name: 'P1', as_of: '2024-05-06', verdict: 'partially_met', verdict_label: '不完全满足',
  verdict_note: '可申报筹建对象', verdict_caveat: null, director_age: null, criteria: [criterion('director-age', 'unmet'), criterion('area', 'met')],
  strengths: [], duplicates: [], repeats: [], notices: [],
    presentation: { platform: '中心', name_label: '中心名称', director_label: '中心主任', inputs: [], commitment: null },
}

describe('CheckPanel', () => {
  it('shows a required material without a file as 待补充 under the criteria it evidences', () => {
    const item = (title: string, criteria: string[], required: boolean, files: number) => ({
      key: `pack:${title}`, number: 1, title, supports: '', criteria, required, user: false,
      files: Array.from({ length: files }, (_, k) => ({
        id: k, file_name: 'a.pdf', kind: 'pdf' as const, sha256: '', size: 1, pages: 1, note: '',
      })),
    })
    const materials = [
      item('主任职称证书', ['director-age'], true, 0),
      item('场地租赁合同', ['area'], true, 1),
      item('推荐函', ['area'], false, 0),
    ]
    const wrapper = mount(CheckPanel, { props: { assessment, error: null, materials }, global })
    const missing = (id: string) =>
      wrapper.find(`[data-criterion="${id}"]`).element.parentElement!.querySelectorAll('[data-test="material-missing"]')
    expect([...missing('director-age')].map((e) => e.textContent?.trim())).toEqual(['待补充印证材料：主任职称证书'])
    expect(missing('area').length).toBe(0)
  })

  it('shows the verdict and the criteria grouped by status, with message and citation', () => {
    const wrapper = mount(CheckPanel, { props: { assessment, error: null }, global })
    expect(wrapper.find('[data-test="verdict"]').text()).toBe('不完全满足')
    expect(wrapper.findAll('.panel__group-title').map((h) => h.text())).toEqual(['不符合 1', '符合 1'])
    const item = wrapper.find('[data-criterion="director-age"]')
    expect(item.attributes('data-status')).toBe('unmet')
    expect(item.find('.panel__item-message').text()).toBe('中心主任 64 周岁，要求不超过 60 周岁')
    expect(item.find('.panel__item-citation').text()).toBe('依据：《2024年省创中心申报通知》二（四）3')
    expect(wrapper.text()).toContain('参考日期 2024年5月6日')
  })

  it("does not repeat a confirmation's long title inside its message", () => {
    const title = '已阅读并遵守《省技术创新中心建设与运行管理办法》等规定'
    const confirm = { ...criterion('integrity', 'unconfirmed'), title, message: `${title}：申请人尚未确认（《2024年省创中心申报通知》二（四）3）` }
    const draft = { ...confirm, id: 'declassified', status: 'by_lead' as const, message: `仅供参考，本单位草稿中的数据：${title}：申请人尚未确认` }
    const a: Assessment = { ...assessment, criteria: [confirm, draft] }
    const wrapper = mount(CheckPanel, { props: { assessment: a, error: null }, global })
    expect(wrapper.find('[data-criterion="integrity"] .panel__item-message').text()).toBe('申请人尚未确认')
    expect(wrapper.find('[data-criterion="declassified"] .panel__item-message').text()).toBe('仅供参考，本单位草稿中的数据：申请人尚未确认')
  })

  it("shows a co-builder draft's centre-level criteria apart, as information, and no failed step", () => {
    const a: Assessment = {
      ...assessment, verdict: 'eligible', verdict_label: '本单位部分：符合申报条件',
      verdict_note: '草稿只判断本单位应满足的条件；中心整体条件 1 项由牵头单位汇总判断',
      criteria: [
        { ...criterion('other-hosts-staff', 'met'), message: '其他依托单位固定人员：某大学 5 人' },
        { ...criterion('staff-count', 'by_lead'), message: '仅供参考，本单位草稿中的数据：固定人员 5 人，尚差 5 人' },
      ],
    }
    const wrapper = mount(CheckPanel, { props: { assessment: a, error: null }, global })
    expect(wrapper.find('[data-test="verdict"]').text()).toBe('本单位部分：符合申报条件')
    expect(wrapper.find('[data-test="verdict"]').classes()).toContain('is-success')
    expect(wrapper.findAll('.panel__group-title').map((h) => h.text()))
      .toEqual(['符合 1', '由牵头单位汇总判断（仅供参考） 1'])
    const info = wrapper.find('[data-group="by_lead"] .panel__group-title')
    expect(info.classes()).toContain('is-info')
    expect(wrapper.find('[data-criterion="staff-count"]').attributes('data-status')).toBe('by_lead')
    expect(stepMarkers(a).people).toBe('ok')
  })

  it('colours a partial fulfilment red like 不可申报, and 待确认 grey-blue', () => {
    const red = mount(CheckPanel, { props: { assessment, error: null }, global })
    expect(red.find('[data-test="verdict"]').classes()).toContain('is-danger')
    const a: Assessment = { ...assessment, verdict: 'incomplete', verdict_label: '待确认 3 项', criteria: [] }
    const open = mount(CheckPanel, { props: { assessment: a, error: null }, global })
    expect(open.find('[data-test="verdict"]').text()).toBe('待确认 3 项')
    expect(open.find('[data-test="verdict"]').classes()).toContain('is-info')
  })

  it('asks to jump to a criterion when clicked', async () => {
    const wrapper = mount(CheckPanel, { props: { assessment, error: null }, global })
    await wrapper.find('[data-criterion="director-age"]').trigger('click')
    expect(wrapper.emitted('jump')?.[0]?.[0]).toMatchObject({ id: 'director-age' })
  })

  it('puts the criteria of the current step first in each group', () => {
    const a = { ...assessment, criteria: [criterion('staff-count', 'unmet'), criterion('director-age', 'unmet')] }
    const wrapper = mount(CheckPanel, { props: { assessment: a, error: null, currentStep: 'director' }, global })
    const items = wrapper.findAll('.panel__item')
    expect(items.map((i) => i.attributes('data-criterion'))).toEqual(['director-age', 'staff-count'])
    expect(items[0]?.classes()).toContain('is-here')
  })

  it('shows a cross criterion that could not be checked as 未核验, why, and where to import the registry', () => {
    const staff: CriterionResult = {
      ...criterion('staff-exclusive', 'not_verified'),
      kind: 'cross',
      message: '固定人员是否在其他平台任固定人员：未核验——已建平台名录中没有省级重点实验室的记录，无从比对；导入已建平台名录后重新核对（《2024年省创中心申报通知》二（四）3）',
      unverified: {
        reason: '已建平台名录中没有省级重点实验室的记录，无从比对',
        remedy: '导入已建平台名录后重新核对',
        action: 'import_registry',
        against: '已建平台名录',
      },
    }
    const a: Assessment = {
      ...assessment, verdict: 'eligible', verdict_label: '符合申报条件', verdict_note: null,
      verdict_caveat: '但未与已建平台名录比对', criteria: [staff],
    }
    const wrapper = mount(CheckPanel, { props: { assessment: a, error: null }, global })
    expect(wrapper.findAll('.panel__group-title').map((h) => h.text())).toEqual(['未核验 1'])
    expect(wrapper.find('[data-criterion="staff-exclusive"]').attributes('data-status')).toBe('not_verified')
    expect(wrapper.find('[data-test="unverified"]').text()).toContain('未能核对：已建平台名录中没有省级重点实验室的记录')
    expect(wrapper.find('[data-test="go-registry"]').attributes('href')).toBe('#/conflicts')
    expect(wrapper.find('[data-test="verdict-caveat"]').text()).toBe('符合申报条件，但未与已建平台名录比对')
  })

  it('says the pack\'s notes (P2: may be superseded) at the top, before the criteria', () => {
    const note = '本规则依据试行办法，可能已被晋科规〔2023〕3号替代，请核对'
    const a: Assessment = { ...assessment, notices: [note] }
    const wrapper = mount(CheckPanel, { props: { assessment: a, error: null }, global })
    const titles = wrapper.findAll('.panel__group-title').map((h) => h.text())
    expect(titles[0]).toBe('说明')
    expect(titles.length).toBeGreaterThan(1)
    expect(wrapper.find('[data-test="notices"]').text()).toContain(note)
  })
})

describe('StepList', () => {
  it('shows a marker on the steps that fail', async () => {
    const wrapper = mount(StepList, { props: { steps: STEPS, markers: stepMarkers(assessment), current: 'basic' } })
    expect(wrapper.find('[data-step="director"]').attributes('data-marker')).toBe('fail')
    expect(wrapper.find('[data-step="director"] .steps__marker').attributes('aria-label')).toBe('有不符合项')
    expect(wrapper.find('[data-step="resources"]').attributes('data-marker')).toBe('ok')
    expect(wrapper.find('[data-step="basic"]').attributes('aria-current')).toBe('step')
    await wrapper.find('[data-step="people"]').trigger('click')
    expect(wrapper.emitted('select')).toEqual([['people']])
  })
})

describe('SaveStatus', () => {
  it('says 已保存 with the time, or the error with a retry', async () => {
    const saved = mount(SaveStatus, { props: { pending: 0, savedAt: new Date(2024, 4, 6, 9, 5, 7), error: null } })
    expect(saved.text()).toBe('已保存 09:05:07')
    expect(mount(SaveStatus, { props: { pending: 1, savedAt: null, error: null } }).text()).toBe('正在保存…')
    const failed = mount(SaveStatus, { props: { pending: 0, savedAt: null, error: { code: 'db_error', message: '写入失败' } } })
    expect(failed.text()).toContain('未能保存：写入失败')
    await failed.find('button').trigger('click')
    expect(failed.emitted('retry')).toHaveLength(1)
  })
})

interface Row {
  id: number
  name: string
  value: number
}

const columns: GridColumn<Row>[] = [
  { key: 'name', label: '名称', width: 120, type: 'text', get: (r) => r.name, set: (r, t) => { r.name = t; return null } },
  {
    key: 'value', label: '原值', width: 100, type: 'text', get: (r) => String(r.value),
    set: (r, t) => { if (!/^\d+$/.test(t)) return '应为整数'; r.value = Number(t); return null },
    issue: (r) => (r.value < 0 ? '不能为负数' : null),
    sortValue: (r) => r.value,
  },
]

function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ id: i, name: `仪器${i}`, value: i % 7 }))
}

function mountGrid(data: Row[]) {
  return mount(RosterGrid<Row>, {
    props: { rows: data, columns, rowKey: (r: Row) => String(r.id) },
    attachTo: document.body,
  })
}

describe('RosterGrid', () => {
  it('renders only the visible rows of 2,000', () => {
    const wrapper = mountGrid(rows(2000))
    const rendered = wrapper.findAll('.grid__row:not(.grid__row--head)')
    expect(rendered.length).toBeGreaterThan(10)
    expect(rendered.length).toBeLessThan(40)
    expect(wrapper.find('[data-test="grid-count"]').text()).toBe('共 2000 行')
    wrapper.unmount()
  })

  it('applies typed text and reports the row; refuses bad text at the cell', async () => {
    const data = rows(3)
    const wrapper = mountGrid(data)
    const cell = wrapper.find('input[data-row="1"][data-col="value"]')
    await cell.setValue('42')
    expect(data[1]?.value).toBe(42)
    expect(wrapper.emitted('changed')?.[0]?.[0]).toBe(data[1])
    await cell.setValue('4x')
    expect(data[1]?.value).toBe(42)
    expect(wrapper.find('[data-test="grid-row-1"]').classes()).toContain('is-flagged')
    expect(wrapper.find('[data-test="grid-row-1"] [data-test="row-issues"]').text()).toBe('原值：应为整数')
    wrapper.unmount()
  })

  it('flags stored values that fail their check', () => {
    const wrapper = mountGrid([{ id: 1, name: '天平', value: -5 }])
    expect(wrapper.find('[data-test="row-issues"]').text()).toBe('原值：不能为负数')
    wrapper.unmount()
  })

  it("shows the core's warning at its cell in amber, without flagging the row as wrong", () => {
    const warned: GridColumn<Row>[] = [
      columns[0]!,
      { ...columns[1]!, warning: (r) => (r.value > 100 ? '现为1200000万元，请核对' : null) },
    ]
    const wrapper = mount(RosterGrid<Row>, {
      props: { rows: [{ id: 1, name: '电镜', value: 1_200_000 }, { id: 2, name: '天平', value: 3 }], columns: warned, rowKey: (r: Row) => String(r.id) },
      attachTo: document.body,
    })
    const row = wrapper.find('[data-test="grid-row-0"]')
    expect(row.classes()).not.toContain('is-flagged')
    expect(row.find('input[data-col="value"]').element.parentElement?.classList).toContain('is-warned')
    expect(row.find('[data-test="row-warnings"]').text()).toBe('原值：现为1200000万元，请核对')
    expect(wrapper.find('[data-test="grid-row-1"] [data-test="row-warnings"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="grid-problems"]').text()).toContain('第 1 行 原值：现为1200000万元，请核对')
    wrapper.unmount()
  })

  it('moves down a column on Enter', async () => {
    const wrapper = mountGrid(rows(5))
    await wrapper.find('input[data-row="0"][data-col="name"]').trigger('keydown', { key: 'Enter' })
    await new Promise((r) => setTimeout(r, 0))
    expect(document.activeElement?.getAttribute('data-row')).toBe('1')
    expect(document.activeElement?.getAttribute('data-col')).toBe('name')
    wrapper.unmount()
  })

  it('keeps the text as typed while the cell has focus, and shows the value as read after', async () => {
    // A cell whose stored form differs from what is typed, like a date ("2024-03-1" → "2024年3月1日").
    interface Dated { id: number; date: string }
    const dateColumns: GridColumn<Dated>[] = [
      {
        key: 'date', label: '日期', width: 120, type: 'text',
        get: (r) => (r.date ? `读作${r.date}` : ''),
        set: (r, t) => { r.date = t.trim(); return null },
        hint: (t) => `即 ${t.trim()}`,
      },
    ]
    const data: Dated[] = [{ id: 1, date: '' }]
    const wrapper = mount(RosterGrid<Dated>, {
      props: { rows: data, columns: dateColumns, rowKey: (r: Dated) => String(r.id) },
      attachTo: document.body,
    })
    const cell = wrapper.find('input[data-row="0"][data-col="date"]')
    const input = cell.element as HTMLInputElement
    await cell.trigger('focus')
    for (const typed of ['2', '20', '2024-03-1', '2024-03-15']) {
      await cell.setValue(typed)
      expect(input.value).toBe(typed)
    }
    expect(data[0]?.date).toBe('2024-03-15')
    expect(document.body.querySelector('[data-test="cell-hint"]')?.textContent).toBe('即 2024-03-15')
    await cell.trigger('blur')
    expect(input.value).toBe('读作2024-03-15')
    expect(document.body.querySelector('[data-test="cell-hint"]')).toBeNull()
    wrapper.unmount()
  })

  it('Tab on the last cell of a row goes to the first cell of the next row', async () => {
    const wrapper = mountGrid(rows(3))
    await wrapper.find('input[data-row="0"][data-col="value"]').trigger('keydown', { key: 'Tab' })
    await new Promise((r) => setTimeout(r, 0))
    expect(document.activeElement?.getAttribute('data-row')).toBe('1')
    expect(document.activeElement?.getAttribute('data-col')).toBe('name')
    wrapper.unmount()
  })

  it('Enter on the last row asks for a new row in the same column', async () => {
    const wrapper = mountGrid(rows(2))
    await wrapper.find('input[data-row="1"][data-col="value"]').trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('append')).toEqual([['value']])
    wrapper.unmount()
  })

  it('filters and sorts', async () => {
    const wrapper = mountGrid(rows(20))
    await wrapper.find('[data-test="grid-filter"]').setValue('仪器1')
    expect(wrapper.find('[data-test="grid-count"]').text()).toBe('共 20 行，筛选出 11 行')
    await wrapper.find('[data-test="grid-filter"]').setValue('')
    await wrapper.findAll('.grid__head')[1]?.trigger('click')
    expect((wrapper.find('input[data-row="0"][data-col="value"]').element as HTMLInputElement).value).toBe('0')
    await wrapper.findAll('.grid__head')[1]?.trigger('click')
    expect((wrapper.find('input[data-row="0"][data-col="value"]').element as HTMLInputElement).value).toBe('6')
    wrapper.unmount()
  })
})
