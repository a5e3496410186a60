// The undo/redo history of the open application: every edit (a field, a cell, a row added or
// deleted, a whole paste) is one step that knows how to undo and redo itself through the store's
// normal save path. Consecutive edits of the same field or row merge into one step until the
// history is sealed (the focus moves elsewhere), so a cell typed key by key is undone at once.
import { reactive } from 'vue'

export interface Step {
  /** Edits with the same key merge while the history is not sealed; null never merges. */
  key: string | null
  /** What the step did, for the buttons' titles: "修改基本信息", "删除「张伟」"… */
  label: string
  undo(): void | Promise<void>
  redo(): void | Promise<void>
}

export interface HistoryState {
  /** Labels of the steps that can be undone / redone, the next one last. */
  undo: string[]
  redo: string[]
  /** An undo or redo is running. */
  busy: boolean
}

/** The most steps kept; older ones are forgotten. */
export const HISTORY_LIMIT = 200

export function createHistory() {
  const state = reactive<HistoryState>({ undo: [], redo: [], busy: false })
  let done: Step[] = []
  let undone: Step[] = []
  let sealed = true
  /** Steps recorded inside `batch`, or null outside one. */
  let group: Step[] | null = null
  /** Set while an undo or redo runs: the edits it makes are not recorded again. */
  let replaying = false
  let chain: Promise<void> = Promise.resolve()

  function sync(): void {
    state.undo = done.map((s) => s.label)
    state.redo = undone.map((s) => s.label)
  }

  function record(step: Step): void {
    if (replaying) return
    if (group) {
      group.push(step)
      return
    }
    const top = done[done.length - 1]
    if (!sealed && top && step.key !== null && top.key === step.key) {
      // The same field or row edited again: the step now redoes to the newest value.
      top.redo = step.redo
    } else {
      done.push(step)
      if (done.length > HISTORY_LIMIT) done = done.slice(-HISTORY_LIMIT)
    }
    sealed = false
    undone = []
    sync()
  }

  /** Runs `edit`; everything it records becomes one step (e.g. a whole paste). */
  function batch<T>(label: string, edit: () => T): T {
    if (replaying || group) return edit()
    group = []
    let steps: Step[]
    try {
      return edit()
    } finally {
      steps = group
      group = null
      if (steps.length > 0) {
        sealed = true
        record({
          key: null,
          label,
          undo: async () => {
            for (const s of [...steps].reverse()) await s.undo()
          },
          redo: async () => {
            for (const s of steps) await s.redo()
          },
        })
        sealed = true
      }
    }
  }

  /** The next edit starts a new step, even of the same field or row. */
  function seal(): void {
    sealed = true
  }

  function run(take: () => Step | undefined, apply: (s: Step) => void | Promise<void>, put: (s: Step) => void): Promise<boolean> {
    const next = chain.then(async () => {
      const step = take()
      if (!step) return false
      sealed = true
      replaying = true
      state.busy = true
      try {
        await apply(step)
      } finally {
        replaying = false
        state.busy = false
        put(step)
        sync()
      }
      return true
    })
    chain = next.then(
      () => undefined,
      () => undefined,
    )
    return next
  }

  /** Undoes the last step; false when there was none. */
  function undo(): Promise<boolean> {
    return run(
      () => done.pop(),
      (s) => s.undo(),
      (s) => undone.push(s),
    )
  }

  /** Redoes the last undone step; false when there was none. */
  function redo(): Promise<boolean> {
    return run(
      () => undone.pop(),
      (s) => s.redo(),
      (s) => done.push(s),
    )
  }

  /** The last step recorded (to offer undoing exactly it, e.g. in a message after a delete). */
  function last(): Step | null {
    return done[done.length - 1] ?? null
  }

  /** Undoes `step` if nothing was done after it: 'undone'; 'already' when it was undone
   *  before (with 撤销 or Ctrl+Z); 'later' when other edits followed it. */
  async function undoStep(step: Step): Promise<'undone' | 'already' | 'later'> {
    await chain
    if (!done.includes(step)) return 'already'
    if (last() !== step) return 'later'
    await undo()
    return 'undone'
  }

  function clear(): void {
    done = []
    undone = []
    sealed = true
    sync()
  }

  return { state, record, batch, seal, undo, redo, last, undoStep, clear }
}

export type History = ReturnType<typeof createHistory>
