// Cutting a text into plain and highlighted pieces at spans the core gives in characters (Unicode
// code points, as Rust's `chars()` counts them), for the side-by-side view of similar narratives.
// Pure: no rule, only where the core's spans fall in the text.

export interface Span {
  start: number
  end: number
  /** Which shared passage (its index in the core's list), to number it alike in both texts. */
  passage: number
}

export interface Piece {
  text: string
  /** The passage this piece belongs to, or null for text the other side does not share. */
  passage: number | null
}

/** The text cut at the spans (out-of-range ends clipped; an overlap goes to the earlier span). */
export function highlight(text: string, spans: Span[]): Piece[] {
  const chars = Array.from(text)
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end)
  const pieces: Piece[] = []
  let at = 0
  for (const s of sorted) {
    const start = Math.max(at, Math.min(s.start, chars.length))
    const end = Math.min(Math.max(s.end, start), chars.length)
    if (end <= start) continue
    if (start > at) pieces.push({ text: chars.slice(at, start).join(''), passage: null })
    pieces.push({ text: chars.slice(start, end).join(''), passage: s.passage })
    at = end
  }
  if (at < chars.length) pieces.push({ text: chars.slice(at).join(''), passage: null })
  return pieces
}
