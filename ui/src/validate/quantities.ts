// Exact money and area input: 万元 text ↔ whole 元, m² text ↔ the store's decimal string.
// No floats: parsing refuses what cannot be represented exactly, as src/quantity.rs does.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

function decimalParts(text: string, maxDecimals: number): [boolean, bigint, bigint] | null {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.replace(/[,，\s]/g, ''))
  if (!match) return null
  const frac = (match[3] ?? '').replace(/0+$/, '')
  if (frac.length > maxDecimals) return null
  return [match[1] === '-', BigInt(match[2] as string), BigInt(frac.padEnd(maxDecimals, '0') || '0')]
}

/** "2380.5" 万元 → 23805000 元. At most four decimals (1 元). Negative amounts are refused. */
export function parseWan(text: string): Parsed<number> {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: '请填写金额（万元）' }
  const parts = decimalParts(trimmed, 4)
  if (!parts) return { ok: false, message: '金额格式不正确：应为万元数，最多四位小数，例如 238.5' }
  const [negative, whole, frac] = parts
  if (negative && (whole > 0n || frac > 0n)) return { ok: false, message: '金额不能为负数' }
  const yuan = whole * 10000n + frac
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, message: '金额过大，请核对' }
  return { ok: true, value: Number(yuan) }
}

/** 23805000 元 → "2380.5" (万元, exact). */
export function formatWan(yuan: number): string {
  const sign = yuan < 0 ? '-' : ''
  const abs = BigInt(Math.abs(Math.trunc(yuan)))
  const whole = abs / 10000n
  const frac = (abs % 10000n).toString().padStart(4, '0').replace(/0+$/, '')
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`
}

/** "1999.99" → the store's area string. At most two decimals; negative areas are refused. */
export function parseArea(text: string): Parsed<string> {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: '请填写面积（平方米）' }
  const parts = decimalParts(trimmed, 2)
  if (!parts) return { ok: false, message: '面积格式不正确：应为平方米数，最多两位小数，例如 1999.99' }
  const [negative, whole, frac] = parts
  if (negative && (whole > 0n || frac > 0n)) return { ok: false, message: '面积不能为负数' }
  const fracText = frac.toString().padStart(2, '0').replace(/0+$/, '')
  return { ok: true, value: fracText ? `${whole}.${fracText}` : `${whole}` }
}

/** Area string → hundredths of m², for totals; 0 for text that is not a decimal. */
export function areaHundredths(area: string): bigint {
  const parts = decimalParts(area.trim(), 2)
  if (!parts) return 0n
  const [negative, whole, frac] = parts
  const value = whole * 100n + frac
  return negative ? -value : value
}

/** Hundredths of m² → "2860.5". */
export function formatHundredths(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : ''
  const abs = hundredths < 0n ? -hundredths : hundredths
  const frac = (abs % 100n).toString().padStart(2, '0').replace(/0+$/, '')
  return frac ? `${sign}${abs / 100n}.${frac}` : `${sign}${abs / 100n}`
}
