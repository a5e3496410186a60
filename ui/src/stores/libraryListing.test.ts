import { describe, expect, it, vi } from 'vitest'
import type { LibraryListing } from '../api'
import { SEARCH_WAIT_MS, useLibraryListing } from './libraryListing'

const answer = (total: number): LibraryListing => ({ entries: [], total, note: null })

/** A promise settled from outside, to answer questions in the order a test chooses. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('the library listing follows the search box', () => {
  it('keeps the answer to the last question when an older one arrives after it', async () => {
    const [older, newer] = [deferred<LibraryListing>(), deferred<LibraryListing>()]
    const fetch = vi.fn<() => Promise<LibraryListing>>().mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise)
    const { listing, loading, load } = useLibraryListing(fetch)
    const first = load()
    const second = load()
    newer.resolve(answer(2))
    await second
    expect(listing.value?.total).toBe(2)
    expect(loading.value).toBe(false)
    older.resolve(answer(1))
    await first
    expect(listing.value?.total).toBe(2)
  })

  it('asks once, a moment after the last keystroke', async () => {
    vi.useFakeTimers()
    const fetch = vi.fn(() => Promise.resolve(answer(5)))
    const { loadSoon } = useLibraryListing(fetch)
    for (let i = 0; i < 4; i++) {
      loadSoon()
      vi.advanceTimersByTime(SEARCH_WAIT_MS - 1)
    }
    expect(fetch).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fetch).toHaveBeenCalledTimes(1)
    vi.useRealTimers()
  })

  it('shows the core\'s message when the library cannot be read, and clears it on the next answer', async () => {
    let fail = true
    const { listing, error, load } = useLibraryListing(() =>
      fail ? Promise.reject({ code: 'store', message: '无法读取数据库' }) : Promise.resolve(answer(3)),
    )
    await load()
    expect(error.value?.message).toBe('无法读取数据库')
    fail = false
    await load()
    expect(error.value).toBeNull()
    expect(listing.value?.total).toBe(3)
  })
})
