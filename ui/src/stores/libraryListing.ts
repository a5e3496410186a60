// A listing of the unit's library that follows what the user types: asked again a moment after
// the last keystroke, and an answer that arrives after a newer question is dropped. What is
// listed, how many and the note about a cut-off page are the core's (`LibraryListing`).
import { ref } from 'vue'
import { toAppError, type AppError, type LibraryListing } from '../api'

/** How long after the last keystroke the library is asked again. */
export const SEARCH_WAIT_MS = 250

export function useLibraryListing(fetch: () => Promise<LibraryListing>) {
  const listing = ref<LibraryListing | null>(null)
  const loading = ref(false)
  const error = ref<AppError | null>(null)
  let asked = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  /** Asks now; the answer replaces the listing unless a newer question was asked meanwhile. */
  async function load(): Promise<void> {
    clearTimeout(timer)
    const question = ++asked
    loading.value = true
    try {
      const answer = await fetch()
      if (question !== asked) return
      listing.value = answer
      error.value = null
    } catch (e) {
      if (question === asked) error.value = toAppError(e)
    } finally {
      if (question === asked) loading.value = false
    }
  }

  /** Asks once the user has stopped typing. */
  function loadSoon(): void {
    clearTimeout(timer)
    timer = setTimeout(() => void load(), SEARCH_WAIT_MS)
  }

  return { listing, loading, error, load, loadSoon }
}
