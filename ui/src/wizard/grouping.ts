// Groups an assessment's criteria for the check panel: failures first, priority support items (kind `bonus`) apart.
import type { Assessment, CriterionResult, Status } from '../api'

export interface CriterionGroup {
  key: Status | 'priority_support'
  title: string
  tone: 'danger' | 'warning' | 'info' | 'success'
  items: CriterionResult[]
}

// One scale of colours for statuses and verdicts: red fails, amber needs a look, grey/blue is
// still open (待补充 / 待确认) or information, green is met.
const STATUS_GROUPS: Array<{ key: Status; title: string; tone: CriterionGroup['tone'] }> = [
  { key: 'unmet', title: '不符合', tone: 'danger' },
  { key: 'missing_data', title: '待补充', tone: 'info' },
  { key: 'not_verified', title: '未核验', tone: 'warning' },
  { key: 'unconfirmed', title: '待确认', tone: 'info' },
  { key: 'warning', title: '提示', tone: 'warning' },
  { key: 'met', title: '符合', tone: 'success' },
  // A co-builder's draft: the centre-level criteria, shown for information only.
  { key: 'by_lead', title: '由牵头单位汇总判断（仅供参考）', tone: 'info' },
  { key: 'not_applicable', title: '不适用', tone: 'info' },
]

/** Non-empty groups in display order; met priority support items form "优先支持", unmet ones are left out. */
export function groupCriteria(assessment: Assessment | null): CriterionGroup[] {
  if (!assessment) return []
  const regular = assessment.criteria.filter((c) => c.kind !== 'bonus' && c.kind !== 'note')
  const groups: CriterionGroup[] = STATUS_GROUPS.map((g) => ({
    ...g,
    items: regular.filter((c) => c.status === g.key),
  }))
  const prioritySupport = assessment.criteria.filter((c) => c.kind === 'bonus' && c.status === 'met')
  groups.splice(groups.length - 1, 0, { key: 'priority_support', title: '优先支持', tone: 'success', items: prioritySupport })
  return groups.filter((g) => g.items.length > 0)
}

export const VERDICT_TONE: Readonly<Record<string, CriterionGroup['tone']>> = {
  eligible: 'success',
  partially_met: 'danger',
  ineligible: 'danger',
  incomplete: 'info',
}
