// The programme packs as listProgrammes describes them (built-in and loaded by the user),
// fetched once per window. Names come only from the packs; without them a programme shows its id.
import { ref } from 'vue'
import { listProgrammes, toAppError, type AppError, type ProgrammeSummary } from '../api'

export const programmes = ref<ProgrammeSummary[]>([])
export const programmesError = ref<AppError | null>(null)
let loading: Promise<void> | null = null

export function loadProgrammes(force = false): Promise<void> {
  if (loading && !force) return loading
  loading = (async () => {
    try {
      programmes.value = await listProgrammes()
      programmesError.value = null
    } catch (e) {
      programmesError.value = toAppError(e)
    }
  })()
  return loading
}

export function programmeById(id: string): ProgrammeSummary | undefined {
  return programmes.value.find((p) => p.id === id)
}
