// Unified social credit codes (统一社会信用代码, GB 32100-2015) for inline validation at the field.
// Mirrors src/validate/uscc.rs; the Rust side stays the authority on import.
import { normalizeCode } from './normalize'

/** The 31 characters a code may use (no I, O, S, V, Z), in value order. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
/** Weights of positions 1..17: 3^(i − 1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type UsccResult =
  | { ok: true; code: string; regionCode: string }
  | { ok: false; message: string }

/** The check character for 17 alphabet characters, or null for anything else. */
export function usccCheckChar(first17: string): string | null {
  const chars = [...first17]
  if (chars.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(chars[i] as string)
    if (value < 0) return null
    sum += value * (WEIGHTS[i] as number)
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31)
}

/** Checks a code; the message (Chinese) says what is wrong, without the field's name. */
export function checkUscc(input: string): UsccResult {
  const code = normalizeCode(input)
  const chars = [...code]
  if (chars.length === 0) return { ok: false, message: '未填写统一社会信用代码' }
  if (chars.length !== 18) return { ok: false, message: `应为18位，现为${chars.length}位` }
  const bad = chars.findIndex((c) => !USCC_ALPHABET.includes(c))
  if (bad >= 0) {
    return {
      ok: false,
      message: `第${bad + 1}位“${chars[bad]}”无效：只能使用数字和除I、O、S、V、Z以外的大写字母`,
    }
  }
  const region = code.slice(2, 8)
  if (!/^\d{6}$/.test(region)) {
    return { ok: false, message: `第3至8位${region}应为6位数字的行政区划代码` }
  }
  const expected = usccCheckChar(code.slice(0, 17))
  const found = chars[17]
  if (expected !== found) {
    return { ok: false, message: `校验位错误：按前17位计算应为${expected}，现为${found}` }
  }
  return { ok: true, code, regionCode: region }
}
