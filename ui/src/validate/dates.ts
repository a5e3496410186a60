// Calendar dates typed by hand: "1980-08-21", "1980年8月21日", "1980/8/21", "19800821".
// A date after today is the core's warning (validate::dates), not flagged here.
import type { Parsed } from './quantities'

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** Parses a typed date into "YYYY-MM-DD". */
export function parseDate(text: string): Parsed<string> {
  const t = text.trim()
  const match =
    /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  if (!match) return { ok: false, message: '日期格式不正确，例如 1980年8月21日 或 1980-08-21' }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  if (year < 1900 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return { ok: false, message: '不是有效日期' }
  }
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` }
}
