// The programme list of 新建申报书: programmes grouped by issuer in the packs' order, each with
// its deadline status on `today`, filtered by what the user typed. Pure: no IO, no clock.
import type { ProgrammeSummary } from '../api'
import { formatDate } from '../format'

/** open: deadline not passed; expired: passed (已截止); year_round: 常年受理; unstated: no date. */
export type DeadlineStatus = 'open' | 'expired' | 'year_round' | 'unstated'

export interface ProgrammeChoice {
  programme: ProgrammeSummary
  status: DeadlineStatus
  /** "网上填报截止 2024年5月6日（已截止）", "常年受理", "通知未载明截止时间". */
  deadline: string
}

export interface IssuerGroup {
  issuer: string
  choices: ProgrammeChoice[]
}

/** The programme's status on `today` ("YYYY-MM-DD"; ISO dates compare as text). */
export function deadlineStatus(p: ProgrammeSummary, today: string): DeadlineStatus {
  if (p.year_round) return 'year_round'
  const last = [p.online_deadline, p.paper_deadline, p.effective_until].filter((d): d is string => !!d).sort().pop()
  if (!last) return 'unstated'
  return last < today ? 'expired' : 'open'
}

function deadlineText(p: ProgrammeSummary, status: DeadlineStatus): string {
  if (status === 'year_round') return '常年受理'
  if (status === 'unstated') return '通知未载明截止时间'
  const parts: string[] = []
  if (p.online_deadline) parts.push(`网上填报截止 ${formatDate(p.online_deadline)}`)
  if (p.paper_deadline) parts.push(`纸质材料截止 ${formatDate(p.paper_deadline)}`)
  if (!parts.length && p.effective_until) parts.push(`有效期至 ${formatDate(p.effective_until)}`)
  return parts.join('；') + (status === 'expired' ? '（已截止）' : '')
}

/** Groups by issuer (first-seen order), open programmes before expired ones within a group. */
export function groupProgrammes(programmes: ProgrammeSummary[], today: string, search = ''): IssuerGroup[] {
  const needle = search.trim().toLowerCase()
  const groups: IssuerGroup[] = []
  for (const programme of programmes) {
    const haystack = `${programme.name} ${programme.issuer} ${programme.document}`.toLowerCase()
    if (needle && !haystack.includes(needle)) continue
    const status = deadlineStatus(programme, today)
    const issuer = programme.issuer || '其他'
    let group = groups.find((g) => g.issuer === issuer)
    if (!group) groups.push((group = { issuer, choices: [] }))
    group.choices.push({ programme, status, deadline: deadlineText(programme, status) })
  }
  for (const g of groups) g.choices.sort((a, b) => Number(a.status === 'expired') - Number(b.status === 'expired'))
  return groups
}
