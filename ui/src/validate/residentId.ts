// Resident ID numbers (居民身份证号码, GB 11643-1999) for inline validation, with the birth date
// and gender they encode. Mirrors src/validate/resident_id.rs; the Rust side stays the authority.
import type { Gender } from '../bindings/Gender'
import { normalizeCode } from './normalize'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2']
/** First two digits of every province-level division (71, 81, 82, 83 included). */
const PROVINCE_RANGES: Array<[number, number]> = [
  [11, 15], [21, 23], [31, 37], [41, 46], [50, 54], [61, 65], [71, 71], [81, 81], [82, 82], [83, 83],
]

export type ResidentIdResult =
  | { ok: true; number: string; birthDate: string; gender: Gender }
  | { ok: false; message: string }

/** The check character for 17 digits, or null for anything else. */
export function residentIdCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number)
  return CHECK_CHARS[sum % 11] as string
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/** Checks a number; the message (Chinese) says what is wrong, without the field's name. */
export function checkResidentId(input: string): ResidentIdResult {
  const number = normalizeCode(input)
  const chars = [...number]
  if (chars.length === 0) return { ok: false, message: '未填写身份证号码' }
  if (chars.length !== 18) return { ok: false, message: `身份证号码应为18位，现为${chars.length}位` }
  for (let i = 0; i < 18; i++) {
    const c = chars[i] as string
    if (!(/\d/.test(c) || (i === 17 && c === 'X'))) {
      return { ok: false, message: `身份证号码只能包含数字，最后一位可为X；第${i + 1}位是“${c}”` }
    }
  }
  const province = Number(number.slice(0, 2))
  if (!PROVINCE_RANGES.some(([lo, hi]) => province >= lo && province <= hi)) {
    return { ok: false, message: `身份证号码前两位${number.slice(0, 2)}不是有效的省级行政区划代码` }
  }
  const birth = number.slice(6, 14)
  const [year, month, day] = [Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8))]
  if (year < 1900 || !isCalendarDate(year, month, day)) {
    return { ok: false, message: `身份证号码中的出生日期${birth}不是有效日期` }
  }
  const expected = residentIdCheckChar(number.slice(0, 17))
  if (expected !== chars[17]) {
    return { ok: false, message: `身份证号码校验位错误：按前17位计算应为${expected}，现为${chars[17]}` }
  }
  const gender: Gender = Number(chars[16]) % 2 === 1 ? 'male' : 'female'
  return { ok: true, number, birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`, gender }
}
