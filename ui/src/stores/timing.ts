// Timings of the latest saves and checks (performance.now(), ms), for the keystroke-to-panel
// bench (tests/e2e/measure-keystroke.mjs reads them as window.__shenbaoTimings) and of attaching
// supporting materials (stored; stored and thumbnails shown). No UI.

export interface Timing {
  what: 'save' | 'check' | 'attach' | 'attach_shown'
  start: number
  end: number
}

/** The most recent timings, oldest first. */
export const timings: Timing[] = []

const KEPT = 400

export function recordTiming(what: Timing['what'], start: number, end: number): void {
  timings.push({ what, start, end })
  if (timings.length > KEPT) timings.splice(0, timings.length - KEPT)
}
