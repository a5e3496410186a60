// A person's commitment as typed in the roster: 全职, or 兼职 with a share as a percent or as
// months a year, stored exactly as the core keeps it (src/model.rs `Person::share`: 1/1200 of a
// year, 1 % = 12, one month a year = 100). Bounds are the core's to check (people[i].share).

import type { Parsed } from './quantities'

const FULL = 1200
const PERCENT = FULL / 100
const MONTH = FULL / 12

export type Commitment = { full_time: boolean; share?: number }

/** "全职" · "兼职" (share not stated) · "30%" · "每年 3 个月" / "3个月" → the row's two fields. */
export function parseCommitment(text: string): Parsed<Commitment> {
  // NFKC folds full-width digits and signs (３０％) to the ASCII ones.
  const t = text.normalize('NFKC').replace(/[\s，,]/g, '')
  if (t === '' || /^(全职|专职|是|true)$/.test(t)) return { ok: true, value: { full_time: true } }
  if (/^(兼职|否|false)$/.test(t)) return { ok: true, value: { full_time: false } }
  const percent = /^(?:兼职)?(\d{1,3})%$/.exec(t)
  if (percent) return { ok: true, value: { full_time: false, share: Number(percent[1]) * PERCENT } }
  const months = /^(?:兼职)?(?:每年)?(\d{1,2})个?月(?:\/年)?$/.exec(t)
  if (months) return { ok: true, value: { full_time: false, share: Number(months[1]) * MONTH } }
  return { ok: false, message: '请填写“全职”，或兼职比例如“30%”“每年 3 个月”' }
}

/** The row's commitment as shown: 全职 · 兼职 · 30% · 每年 5 个月. */
export function formatCommitment(p: Commitment): string {
  if (p.full_time) return '全职'
  if (p.share === undefined) return '兼职'
  if (p.share % PERCENT === 0) return `${p.share / PERCENT}%`
  if (p.share % MONTH === 0) return `每年 ${p.share / MONTH} 个月`
  return `${p.share}/${FULL} 年`
}
