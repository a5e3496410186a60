// Keyed debouncing for autosave: the last call per key runs `wait` ms after the last change.
// `flush` runs everything pending now (before leaving a screen or closing the window).

export interface KeyedDebouncer {
  schedule(key: string, wait: number, run: () => void): void
  flush(): void
  /** Runs the pending call of one key now, if any. */
  flushKey(key: string): void
  has(key: string): boolean
  pending(): number
  cancel(): void
}

export function keyedDebouncer(): KeyedDebouncer {
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => void }>()
  return {
    schedule(key, wait, run) {
      const old = timers.get(key)
      if (old) clearTimeout(old.timer)
      const timer = setTimeout(() => {
        timers.delete(key)
        run()
      }, wait)
      timers.set(key, { timer, run })
    },
    flush() {
      const all = [...timers.values()]
      timers.clear()
      for (const { timer, run } of all) {
        clearTimeout(timer)
        run()
      }
    },
    flushKey(key) {
      const entry = timers.get(key)
      if (!entry) return
      clearTimeout(entry.timer)
      timers.delete(key)
      entry.run()
    },
    has(key) {
      return timers.has(key)
    },
    pending() {
      return timers.size
    },
    cancel() {
      for (const { timer } of timers.values()) clearTimeout(timer)
      timers.clear()
    },
  }
}
