// The supporting materials (印证材料) of an application: what its programme's pack names for
// each criterion that applies (and for each priority item it meets), in pack order, once each.
import type { Assessment } from '../api'

export interface MaterialItem {
  title: string
  required: boolean
  /** The criteria it evidences. */
  supports: string[]
}

export function materialsOf(assessment: Assessment | null): MaterialItem[] {
  const out: MaterialItem[] = []
  for (const c of assessment?.criteria ?? []) {
    if (c.status === 'not_applicable') continue
    if (c.kind === 'bonus' && c.status !== 'met') continue
    for (const m of c.shown.materials) {
      const seen = out.find((x) => x.title === m.title)
      if (seen) {
        seen.supports.push(c.title)
        seen.required ||= m.required
      } else {
        out.push({ title: m.title, required: m.required, supports: [c.title] })
      }
    }
  }
  return out
}
