import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { FieldIssue } from '../../bindings/FieldIssue'
import type { HostUnit } from '../../bindings/HostUnit'
import type { Instrument } from '../../bindings/Instrument'
import type { Person } from '../../bindings/Person'
import RosterGrid from '../../components/RosterGrid.vue'
import { achievementColumns, instrumentColumns, personColumns, type CoreIssues } from './columns'

/** The core's issues of each row at its last save, as the application store keeps them. */
function coreIssues(byRow: Map<object, FieldIssue[]>): CoreIssues {
  const at = (level: FieldIssue['level']) => (row: object, path: string) =>
    byRow.get(row)?.find((i) => i.path === path && i.level === level)?.message ?? null
  return { issueAt: at('error'), warningAt: at('warning') }
}

const host = { name: '甲大学', uscc: '12140000405200000X' } as HostUnit

function instrument(value: number): Instrument {
  return { name: '电镜', model: '', serial_number: '', asset_number: 'A1', owner_uscc: host.uscc, original_value: value, site: '' } as Instrument
}

function person(): Person {
  return {
    name: '张三', id_doc: { kind: 'passport', number: 'E1' }, birth_date: '2027-01-01', gender: 'male',
    employer_name: '外单位', education: 'doctorate', title: 'full_senior', role: 'staff', full_time: true,
    discipline: '', honours: [], awards_first_completer: [], projects_first_pi: [],
  } as unknown as Person
}

describe('roster columns render the core\'s issues', () => {
  it('shows the core\'s warning of a zero 原值 in amber, and nothing of its own', () => {
    const zero = instrument(0)
    const saved = new Map<object, FieldIssue[]>([[zero, [{ path: 'original_value', field: '原值', message: '为0：请填写以元为单位的原值（未填写时合计按0计）', level: 'warning' }]]])
    const wrapper = mount(RosterGrid<Instrument>, {
      props: { rows: [zero, instrument(0)], columns: instrumentColumns(() => [host], coreIssues(saved)), rowKey: (r: Instrument) => r === zero ? 'a' : 'b' },
      attachTo: document.body,
    })
    const first = wrapper.find('[data-test="grid-row-0"]')
    expect(first.classes()).not.toContain('is-flagged')
    expect(first.find('[data-test="row-warnings"]').text()).toBe('原值（万元）：为0：请填写以元为单位的原值（未填写时合计按0计）')
    // The second row has no saved issues: the window does not judge a zero value itself.
    expect(wrapper.find('[data-test="grid-row-1"] [data-test="row-warnings"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="grid-row-1"]').classes()).not.toContain('is-flagged')
    wrapper.unmount()
  })

  it('shows a date after today only as the core says, kept as typed', () => {
    const p = person()
    const columns = personColumns(() => [host], coreIssues(new Map()))
    const birth = columns.find((c) => c.key === 'birth')!
    expect(birth.get(p)).toContain('2027')
    expect(birth.issue?.(p) ?? null).toBeNull()
    expect(birth.warning?.(p) ?? null).toBeNull()
    const warned = personColumns(() => [host], coreIssues(new Map([[p, [{ path: 'birth_date', field: '出生日期', message: '2027年1月1日晚于今天，请核对（已按所填保存）', level: 'warning' }]]])))
    expect(warned.find((c) => c.key === 'birth')!.warning?.(p)).toBe('2027年1月1日晚于今天，请核对（已按所填保存）')
  })

  it('leaves the employer rule to the pack: a staff member of another unit is not flagged at the cell', () => {
    const p = person()
    const employer = personColumns(() => [host], coreIssues(new Map())).find((c) => c.key === 'employer')!
    expect(employer.issue?.(p) ?? null).toBeNull()
    const error: FieldIssue = { path: 'employer_uscc', field: '工作单位统一社会信用代码', message: '不是任何一家依托单位的统一社会信用代码', level: 'error' }
    const flagged = personColumns(() => [host], coreIssues(new Map([[p, [error]]]))).find((c) => c.key === 'employer')!
    expect(flagged.issue?.(p)).toBe(error.message)
  })

  it('shows the core\'s error of an achievement\'s owner and title', () => {
    const a = { kind: 'invention_patent', identifier: 'ZL1', title: '', owner_uscc: 'X', applied: false } as never
    const errors: FieldIssue[] = [
      { path: 'title', field: '名称', message: '未填写，请填写成果名称', level: 'error' },
      { path: 'owner_uscc', field: '所属单位', message: 'X不是任何一家依托单位的统一社会信用代码', level: 'error' },
    ]
    const columns = achievementColumns(() => [host], coreIssues(new Map([[a, errors]])))
    expect(columns.find((c) => c.key === 'title')!.issue?.(a)).toBe('未填写，请填写成果名称')
    expect(columns.find((c) => c.key === 'owner')!.issue?.(a)).toContain('不是任何一家依托单位')
  })
})
