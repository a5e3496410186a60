// What the programme's pack says about presentation: labels and which optional inputs it uses.
// The check's answer comes first, then the programme list; before either has answered the default
// labels are used and every input is shown.
import type { Assessment, ProgrammeSummary } from '../api'
import type { Presentation } from '../bindings/Presentation'

export const DEFAULT_PRESENTATION: Presentation = {
  platform: '中心',
  name_label: '中心名称',
  director_label: '中心主任',
  inputs: [],
  commitment: null,
}

type Source = Pick<Assessment, 'presentation'> | Pick<ProgrammeSummary, 'presentation'> | null | undefined

function known(...sources: Source[]): Presentation | null {
  for (const s of sources) if (s) return s.presentation
  return null
}

export function presentationOf(...sources: Source[]): Presentation {
  return known(...sources) ?? DEFAULT_PRESENTATION
}

/** Whether an optional input (e.g. "category", "hosts[].high_tech_enterprise") is shown. */
export function usesInput(input: string, ...sources: Source[]): boolean {
  const p = known(...sources)
  return !p || p.inputs.includes(input)
}
