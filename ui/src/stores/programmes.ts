// The programme packs as listProgrammes describes them, fetched once per window. While the
// shell has no listProgrammes, falls back to the programme names the UI already knows.
import { ref } from 'vue'
import { isCommandMissing, listProgrammes, toAppError, type AppError, type ProgrammeSummary } from '../api'
import { PROGRAMME_LABELS } from '../format'

export const programmes = ref<ProgrammeSummary[]>([])
export const programmesMissing = ref(false)
export const programmesError = ref<AppError | null>(null)
let loading: Promise<void> | null = null

function fallback(): ProgrammeSummary[] {
  return Object.entries(PROGRAMME_LABELS).map(([id, name]) => ({
    id, name, issuer: '', document: '', effective_from: null, effective_until: null, online_deadline: null,
    paper_deadline: null, year_round: false, conditions_built_in: true, main_conditions: [], notes: [],
    categories: [], fields: [], reference_date: null,
  }))
}

export function loadProgrammes(force = false): Promise<void> {
  if (loading && !force) return loading
  loading = (async () => {
    try {
      programmes.value = await listProgrammes()
      programmesMissing.value = false
      programmesError.value = null
    } catch (e) {
      if (isCommandMissing(e)) programmesMissing.value = true
      else programmesError.value = toAppError(e)
      if (programmes.value.length === 0) programmes.value = fallback()
    }
  })()
  return loading
}

export function programmeById(id: string): ProgrammeSummary | undefined {
  return programmes.value.find((p) => p.id === id)
}
