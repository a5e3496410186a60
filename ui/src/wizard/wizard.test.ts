import { describe, expect, it } from 'vitest'
import type { Assessment, CriterionResult } from '../api'
import { groupCriteria } from './grouping'
import { criteriaOfStep, stepMarkers, stepOfCriterion, STEPS, visibleSteps } from './steps'

function criterion(id: string, status: CriterionResult['status'], kind: CriterionResult['kind'] = 'hard'): CriterionResult {
  return {
    id, title: id, kind, status, found: null, required: null, gap: null,
    message: `${id}（《通知》二（四）3）`, citation: { document: '通知', clause: '二（四）3' },
    shown: { section: null, fields: [], confirm: null, materials: [] },
  }
}

function assessment(criteria: CriterionResult[], verdict: Assessment['verdict'] = 'partially_met'): Assessment {
  return {
    programme: 'P1', programme_name: 'P1', as_of: '2024-05-06', verdict, verdict_label: '不完全满足',
    verdict_note: null, criteria, strengths: [], duplicates: [], notices: [],
    presentation: { platform: '中心', name_label: '中心名称', director_label: '中心主任', inputs: [], commitment: null },
  }
}

describe('steps', () => {
  it('has the twelve steps in order', () => {
    expect(STEPS.map((s) => s.title)).toEqual([
      '基本信息', '依托单位', '中心主任', '人员队伍', '场地与仪器设备', '研发投入', '成果与知识产权',
      '研究方向与建设内容', '优先支持', '承诺与确认', '印证材料', '检查与导出',
    ])
  })

  it('shows 优先支持 and 承诺与确认 only for programmes whose pack has such items', () => {
    const ids = (a: Assessment | null, current?: Parameters<typeof visibleSteps>[1]) => visibleSteps(a, current).map((s) => s.id)
    expect(ids(null)).toHaveLength(12)
    const plain = assessment([criterion('staff-count', 'met')])
    expect(ids(plain)).not.toContain('priority')
    expect(ids(plain)).not.toContain('attest')
    expect(ids(plain)).toHaveLength(10)
    expect(ids(assessment([criterion('high-tech', 'met', 'bonus'), criterion('no-fraud', 'unconfirmed', 'attest')]))).toHaveLength(12)
    // The step the user is on never disappears under her.
    expect(ids(plain, 'attest')).toContain('attest')
  })

  it.each([
    ['director-age', 'hard', 'director'],
    ['staff-count', 'hard', 'people'],
    ['area', 'hard', 'resources'],
    ['instruments', 'hard', 'resources'],
    ['rd-investment', 'hard', 'investment'],
    ['lead-registered', 'hard', 'hosts'],
    ['field', 'hard', 'basic'],
    ['directions', 'hard', 'directions'],
    ['integrity', 'attest', 'attest'],
    ['priority-3', 'bonus', 'priority'],
    ['something-new', 'hard', 'basic'],
  ] as const)('%s (%s) is decided at %s', (id, kind, step) => {
    expect(stepOfCriterion({ id, kind })).toBe(step)
  })

  it('marks each step by its worst criterion; bonus items never fail a step', () => {
    const markers = stepMarkers(
      assessment([
        criterion('director-age', 'unmet'),
        criterion('director-title', 'met'),
        criterion('staff-count', 'missing_data'),
        criterion('area', 'met'),
        criterion('hosts-count', 'warning', 'warn'),
        criterion('integrity', 'unconfirmed', 'attest'),
        criterion('priority-1', 'unmet', 'bonus'),
        criterion('conversion', 'not_applicable', 'note'),
      ]),
    )
    expect(markers).toMatchObject({
      director: 'fail', people: 'missing', resources: 'ok', hosts: 'warn', attest: 'pending',
      priority: 'none', basic: 'none', export: 'fail',
    })
  })

  it('has no markers without an assessment', () => {
    expect(Object.values(stepMarkers(null)).every((m) => m === 'none')).toBe(true)
  })

  it('lists the criteria of one step', () => {
    const a = assessment([criterion('director-age', 'unmet'), criterion('area', 'met')])
    expect(criteriaOfStep(a, 'director').map((c) => c.id)).toEqual(['director-age'])
  })
})

describe('check panel grouping', () => {
  it('groups by status, failures first, met bonus items apart, unmet bonus left out', () => {
    const groups = groupCriteria(
      assessment([
        criterion('area', 'met'),
        criterion('director-age', 'unmet'),
        criterion('staff-count', 'missing_data'),
        criterion('integrity', 'unconfirmed', 'attest'),
        criterion('hosts-count', 'warning', 'warn'),
        criterion('priority-3', 'met', 'bonus'),
        criterion('priority-1', 'unmet', 'bonus'),
        criterion('comprehensive-recommendation', 'not_applicable'),
      ]),
    )
    expect(groups.map((g) => [g.title, g.items.map((c) => c.id)])).toEqual([
      ['不符合', ['director-age']],
      ['待补充', ['staff-count']],
      ['待确认', ['integrity']],
      ['提示', ['hosts-count']],
      ['符合', ['area']],
      ['优先支持', ['priority-3']],
      ['不适用', ['comprehensive-recommendation']],
    ])
  })

  it('is empty without an assessment', () => {
    expect(groupCriteria(null)).toEqual([])
  })
})
