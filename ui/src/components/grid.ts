// Column definitions of RosterGrid: how a cell reads, writes and validates its row.
import type { Option } from '../labels'

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
  /** Read-only for this row (e.g. a birth date derived from a resident ID). */
  readonly?(row: T): boolean
  /** Sort key; `get` when absent. */
  sortValue?(row: T): string | number
}
