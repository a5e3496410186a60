import { describe, expect, it } from 'vitest'
import type { DeadlineStatus, ProgrammeSummary } from '../api'
import { groupProgrammes } from './programmeChoice'

// The deadline as the core judges it (service::deadline, tested there); the list only groups and orders.
function programme(id: string, name: string, issuer: string, status: DeadlineStatus, text: string): ProgrammeSummary {
  return {
    id, name, issuer, document: '', effective_from: null, effective_until: null, online_deadline: null,
    paper_deadline: null, year_round: status === 'year_round', conditions_built_in: true, main_conditions: [], notes: [],
    categories: [], fields: [], reference_date: null, contacts: [],
    deadline: { status, next: null, next_label: '', days_left: null, countdown: '', soon: false, text },
    presentation: { platform: '中心', name_label: '中心名称', director_label: '中心主任', inputs: [], commitment: null },
  }
}

const P1 = programme('P1', '山西省2024年度省技术创新中心', '山西省科学技术厅', 'expired', '网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）')
const P2 = programme('P2', '山西省技术创新中心（常年受理）', '山西省科学技术厅', 'year_round', '常年受理')
const P3 = programme('P3', '朔州市技术创新中心', '朔州市科学技术局', 'unstated', '通知未载明截止时间')
const P4 = programme('P4', '吕梁市中试基地', '吕梁市科学技术局', 'unstated', '通知未载明截止时间')
const P5 = programme('P5', '吕梁市技术创新中心', '吕梁市科学技术局', 'open', '网上填报截止 2026年12月31日')

describe('groupProgrammes', () => {
  const all = [P1, P2, P3, P4, P5]

  it('groups by issuer in the packs order, open programmes before expired ones', () => {
    const groups = groupProgrammes(all)
    expect(groups.map((g) => g.issuer)).toEqual(['山西省科学技术厅', '朔州市科学技术局', '吕梁市科学技术局'])
    expect(groups[0]!.choices.map((c) => c.programme.id)).toEqual(['P2', 'P1'])
    expect(groups[0]!.choices[1]!.deadline).toBe('网上填报截止 2024年5月6日；纸质材料截止 2024年5月10日（已截止）')
    expect(groups[2]!.choices.map((c) => [c.programme.id, c.status])).toEqual([['P4', 'unstated'], ['P5', 'open']])
    expect(groups[2]!.choices[0]!.deadline).toBe('通知未载明截止时间')
  })

  it('filters by name or issuer', () => {
    expect(groupProgrammes(all, '中试').flatMap((g) => g.choices.map((c) => c.programme.id))).toEqual(['P4'])
    expect(groupProgrammes(all, '吕梁').map((g) => g.issuer)).toEqual(['吕梁市科学技术局'])
    expect(groupProgrammes(all, '不存在')).toEqual([])
  })
})
