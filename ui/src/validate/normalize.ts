// Text normalisation for ID numbers and codes, mirroring src/validate/normalize.rs:
// full-width to half-width, whitespace and zero-width characters removed, letters upper case.

/** Full-width forms (U+FF01–U+FF5E) to ASCII; the ideographic space to an ASCII space. */
export function toHalfWidth(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (code === 0x3000) out += ' '
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0)
    else out += ch
  }
  return out
}

const BLANK = /[\s\u200B-\u200D\u2060\uFEFF]/u

/** The identity form of an ID number or code. */
export function normalizeCode(text: string): string {
  let out = ''
  for (const ch of toHalfWidth(text)) {
    if (BLANK.test(ch)) continue
    out += /^[a-z]$/.test(ch) ? ch.toUpperCase() : ch
  }
  return out
}
