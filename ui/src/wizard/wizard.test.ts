import { describe, expect, it } from 'vitest'
import type { Assessment, CriterionResult } from '../api'
import { groupCriteria } from './grouping'
import type { Section } from '../bindings/Section'
import { materialsOf } from './materials'
import { usesInput } from './presentation'
import { criteriaOfStep, isConfirmable, stepMarkers, stepOfCriterion, STEPS, stepTitle, visibleSteps } from './steps'

/** The sections a pack gives these criteria (test data; the UI holds no such table). */
const SECTION: Record<string, Section> = {
  'director-age': 'director', 'director-title': 'director', 'staff-count': 'people', area: 'resources',
  'hosts-count': 'hosts',
}

function criterion(
  id: string, status: CriterionResult['status'], kind: CriterionResult['kind'] = 'hard',
  shown: Partial<CriterionResult['shown']> = {},
): CriterionResult {
  return {
    id, title: id, kind, status, found: null, required: null, gap: null,
    message: `${id}（《通知》二（四）3）`, citation: { document: '通知', clause: '二（四）3' },
    shown: { section: SECTION[id] ?? null, fields: [], confirm: null, materials: [], ...shown },
  }
}

function assessment(criteria: CriterionResult[], verdict: Assessment['verdict'] = 'partially_met'): Assessment {
  return {
    programme: 'P1', programme_name: 'P1', as_of: '2024-05-06', verdict, verdict_label: '不完全满足',
    verdict_note: null, verdict_caveat: null, director_age: null, criteria, strengths: [], duplicates: [], repeats: [], notices: [],
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

  it('places a criterion in the section its pack names, whatever its id', () => {
    expect(stepOfCriterion(criterion('brand-new-rule', 'met', 'hard', { section: 'investment' }))).toBe('investment')
    expect(stepOfCriterion(criterion('director-age', 'met'))).toBe('director')
    expect(stepOfCriterion(criterion('my-attestation', 'unconfirmed', 'attest', { section: 'attest' }))).toBe('attest')
    expect(stepOfCriterion(criterion('my-bonus', 'unmet', 'bonus', { section: 'priority' }))).toBe('priority')
  })

  it('offers a confirm box exactly where the pack gives a sentence to confirm', () => {
    const confirmable = criterion('priority-x', 'unmet', 'bonus', { section: 'priority', confirm: '所属细分领域为省内空白或紧缺领域的。' })
    expect(isConfirmable(confirmable)).toBe(true)
    expect(isConfirmable(criterion('priority-y', 'unmet', 'bonus', { section: 'priority' }))).toBe(false)
    expect(isConfirmable({ ...confirmable, status: 'not_applicable' })).toBe(false)
  })

  it('names the director step as the pack does and hides 优先支持 for a pack without bonus items', () => {
    const p4 = assessment([criterion('director-title', 'met', 'warn')])
    p4.presentation = { ...p4.presentation, platform: '基地', name_label: '基地名称', director_label: '基地主任' }
    const steps = visibleSteps(p4)
    expect(steps.find((s) => s.id === 'director')?.title).toBe('基地主任')
    expect(steps.map((s) => s.id)).not.toContain('priority')
    expect(stepTitle({ id: 'director', title: '中心主任' }, null)).toBe('中心主任')
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

  it('marks no step failed before the user finished it (left it once), neither 填写中 nor ✕', () => {
    const a = assessment([criterion('staff-count', 'unmet'), criterion('director-age', 'unmet')])
    const first = stepMarkers(a, new Set())
    expect(first.people).toBe('none')
    expect(first.director).toBe('none')
    expect(first.export).toBe('none')
    expect(Object.values(first)).not.toContain('fail')
    const later = stepMarkers(a, new Set(['people'] as const))
    expect(later.people).toBe('fail')
    expect(later.director).toBe('none')
    expect(stepMarkers(a).people).toBe('fail')
    // Missing data on an unfinished step is not a failure and stays as it is.
    expect(stepMarkers(assessment([criterion('staff-count', 'missing_data')]), new Set()).people).toBe('missing')
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

describe('pack presentation', () => {
  it('lists the materials the pack names for applicable criteria and met bonus items, once each', () => {
    const licence = { title: '营业执照', required: true }
    const a = assessment([
      criterion('a', 'met', 'hard', { section: 'hosts', materials: [licence] }),
      criterion('b', 'unmet', 'hard', { section: 'hosts', materials: [licence, { title: '审计报告', required: true }] }),
      criterion('c', 'not_applicable', 'hard', { section: 'basic', materials: [{ title: '推荐函', required: true }] }),
      criterion('d', 'met', 'bonus', { section: 'priority', materials: [{ title: '合作协议', required: false }] }),
      criterion('e', 'unmet', 'bonus', { section: 'priority', materials: [{ title: '证书', required: false }] }),
    ])
    expect(materialsOf(a)).toEqual([
      { title: '营业执照', required: true, supports: ['a', 'b'] },
      { title: '审计报告', required: true, supports: ['b'] },
      { title: '合作协议', required: false, supports: ['d'] },
    ])
  })

  it('shows an optional input only when the pack uses it; everything until the pack is known', () => {
    const a = assessment([])
    expect(usesInput('category', a)).toBe(false)
    a.presentation = { ...a.presentation, inputs: ['category'] }
    expect(usesInput('category', a)).toBe(true)
    expect(usesInput('category', null, undefined)).toBe(true)
  })
})
