// Column definitions of RosterGrid: how a cell reads, writes and validates its row.
import type { Option } from '../bindings/labels'

export interface GridColumn<T> {
  key: string
  label: string
  width: number
  type: 'text' | 'select' | 'check' | 'readonly'
  options?: Option<string>[]
  /** Suggestions for a text cell (a datalist). */
  suggestions?: string[]
  align?: 'left' | 'right' | 'center'
  /** The text shown (or the select value, or "true"/"false" for a checkbox). */
  get(row: T): string
  /** Applies typed text to the row; returns a Chinese message and leaves the row alone when refused. */
  set?(row: T, text: string): string | null
  /** A problem with the stored value, shown at the cell. */
  issue?(row: T): string | null
  /** The core's warning on the stored value (accepted and counted, but implausible), in amber. */
  warning?(row: T): string | null
  /** Read-only for this row (e.g. a birth date derived from a resident ID). */
  readonly?(row: T): boolean
  /** While the cell is being typed in: what the text will be read as (e.g. the date), or null. */
  hint?(text: string): string | null
  /** Sort key; `get` when absent. */
  sortValue?(row: T): string | number
}

/** Where the keyboard moves the focus from a cell. */
export type Direction = 'next' | 'prev' | 'up' | 'down'

/**
 * The cell the focus goes to from (`row`, `col`) in `direction`, skipping cells `editable`
 * refuses: next/prev walk a row and wrap to the neighbouring row (Tab), up/down keep the column.
 * Null at the edge of the table.
 */
export function neighbour(
  row: number,
  col: number,
  direction: Direction,
  rows: number,
  cols: number,
  editable: (row: number, col: number) => boolean,
): { row: number; col: number } | null {
  if (direction === 'up' || direction === 'down') {
    const step = direction === 'down' ? 1 : -1
    for (let r = row + step; r >= 0 && r < rows; r += step) if (editable(r, col)) return { row: r, col }
    return null
  }
  const step = direction === 'next' ? 1 : -1
  let [r, c] = [row, col + step]
  while (r >= 0 && r < rows) {
    while (c >= 0 && c < cols) {
      if (editable(r, c)) return { row: r, col: c }
      c += step
    }
    r += step
    c = step === 1 ? 0 : cols - 1
  }
  return null
}

/**
 * Whether Left/Right leave a text cell: only when the caret sits at that end of the text with
 * nothing selected, so the arrows still move the caret inside the text.
 */
export function arrowLeavesText(key: 'ArrowLeft' | 'ArrowRight', start: number | null, end: number | null, length: number): boolean {
  if (start === null || end === null || start !== end) return false
  return key === 'ArrowLeft' ? start === 0 : end === length
}
