// The wizard's steps, which step decides each criterion, and each step's marker (whether
// something there fails or is missing). Pure data and functions; the view renders them.
import type { Assessment, CriterionResult, Status } from '../api'

export type StepId =
  | 'basic' | 'hosts' | 'director' | 'people' | 'resources' | 'investment' | 'achievements'
  | 'directions' | 'priority' | 'attest' | 'materials' | 'export'

export interface Step {
  id: StepId
  title: string
}

export const STEPS: readonly Step[] = [
  { id: 'basic', title: '基本信息' },
  { id: 'hosts', title: '依托单位' },
  { id: 'director', title: '中心主任' },
  { id: 'people', title: '人员队伍' },
  { id: 'resources', title: '场地与仪器设备' },
  { id: 'investment', title: '研发投入' },
  { id: 'achievements', title: '成果与知识产权' },
  { id: 'directions', title: '研究方向与建设内容' },
  { id: 'priority', title: '优先支持' },
  { id: 'attest', title: '承诺与确认' },
  { id: 'materials', title: '印证材料' },
  { id: 'export', title: '检查与导出' },
]

/** Steps that only some programmes have: shown when the programme's pack places criteria there. */
const OPTIONAL_STEPS: ReadonlySet<StepId> = new Set(['priority', 'attest'])

/**
 * The steps of this application: all of them until its programme's pack has answered; then
 * 优先支持 only if the pack lists priority items, 承诺与确认 only if it asks for attestations.
 * The step in use stays, so a user is never taken away from where she is typing.
 */
export function visibleSteps(assessment: Assessment | null, current?: StepId): Step[] {
  if (!assessment) return [...STEPS]
  return STEPS.filter((s) => {
    if (!OPTIONAL_STEPS.has(s.id) || s.id === current) return true
    return assessment.criteria.some((c) => c.kind !== 'note' && stepOfCriterion(c) === s.id)
  }).map((s) => ({ ...s, title: stepTitle(s, assessment) }))
}

export function isStepId(value: string | null | undefined): value is StepId {
  return STEPS.some((s) => s.id === value)
}

/**
 * The step that decides a criterion: the section its pack names. A pack always names one for
 * hard, warn and cross criteria (the loader refuses otherwise); a note has none.
 */
export function stepOfCriterion(criterion: Pick<CriterionResult, 'kind' | 'shown'>): StepId {
  const section = criterion.shown.section
  if (section) return section
  return criterion.kind === 'bonus' ? 'priority' : criterion.kind === 'attest' ? 'attest' : 'basic'
}

/** Whether the applicant can confirm the criterion in the window: its pack gives the sentence. */
export function isConfirmable(criterion: Pick<CriterionResult, 'shown' | 'status'>): boolean {
  return criterion.shown.confirm !== null && criterion.status !== 'not_applicable'
}

/** The step titles with the programme's own words (e.g. 基地主任 for a 中试基地). */
export function stepTitle(step: Step, assessment: Assessment | null): string {
  if (step.id === 'director' && assessment) return assessment.presentation.director_label
  return step.title
}

/** What a step's marker shows, worst first. */
export type Marker = 'fail' | 'missing' | 'pending' | 'warn' | 'ok' | 'none'

const MARKER_OF_STATUS: Partial<Record<Status, Marker>> = {
  unmet: 'fail',
  missing_data: 'missing',
  not_verified: 'pending',
  unconfirmed: 'pending',
  warning: 'warn',
  met: 'ok',
}

const ORDER: Marker[] = ['fail', 'missing', 'pending', 'warn', 'ok', 'none']

function worse(a: Marker, b: Marker): Marker {
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b
}

/**
 * The marker of every step. Priority support (kind `bonus`) and note items never mark a step as failing. A step the user
 * has not finished yet (`finished` lacks it: not left once) is never marked failed, neither the
 * one being filled (the first person of ten just added) nor one not visited yet: its shortfalls
 * are for the check panel; once the user has left the step, the marker says what the core says.
 * Without `finished`, every step counts as finished.
 */
export function stepMarkers(assessment: Assessment | null, finished?: ReadonlySet<StepId>): Record<StepId, Marker> {
  const markers = Object.fromEntries(STEPS.map((s) => [s.id, 'none'])) as Record<StepId, Marker>
  if (!assessment) return markers
  for (const c of assessment.criteria) {
    if (c.kind === 'note') continue
    if (c.kind === 'bonus') {
      if (c.status === 'met') markers.priority = worse(markers.priority, 'ok')
      continue
    }
    const marker = MARKER_OF_STATUS[c.status]
    if (!marker) continue
    const step = stepOfCriterion(c)
    markers[step] = worse(markers[step], marker)
  }
  markers.export =
    assessment.verdict === 'eligible' ? 'ok' : assessment.verdict === 'incomplete' ? 'missing' : 'fail'
  if (finished) for (const s of STEPS) if (!finished.has(s.id) && markers[s.id] === 'fail') markers[s.id] = 'none'
  return markers
}

export const MARKER_LABEL: Readonly<Record<Marker, string>> = {
  fail: '有不符合项',
  missing: '有待补充项',
  pending: '有待确认项',
  warn: '有提示',
  ok: '已符合',
  none: '',
}

/** Criteria decided by one step. */
export function criteriaOfStep(assessment: Assessment | null, step: StepId): CriterionResult[] {
  return (assessment?.criteria ?? []).filter((c) => c.kind !== 'note' && stepOfCriterion(c) === step)
}
