// The programme list of 新建申报书: programmes grouped by issuer in the packs' order, each with
// its deadline status as the core judged it on today, filtered by what the user typed. Pure: no
// IO, no clock.
import type { DeadlineStatus, ProgrammeSummary } from '../api'

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

/** Groups by issuer (first-seen order), open programmes before expired ones within a group. */
export function groupProgrammes(programmes: ProgrammeSummary[], search = ''): IssuerGroup[] {
  const needle = search.trim().toLowerCase()
  const groups: IssuerGroup[] = []
  for (const programme of programmes) {
    const haystack = `${programme.name} ${programme.issuer} ${programme.document}`.toLowerCase()
    if (needle && !haystack.includes(needle)) continue
    const status = programme.deadline.status
    const issuer = programme.issuer || '其他'
    let group = groups.find((g) => g.issuer === issuer)
    if (!group) groups.push((group = { issuer, choices: [] }))
    group.choices.push({ programme, status, deadline: programme.deadline.text })
  }
  for (const g of groups) g.choices.sort((a, b) => Number(a.status === 'expired') - Number(b.status === 'expired'))
  return groups
}
