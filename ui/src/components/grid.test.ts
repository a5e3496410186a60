import { describe, expect, it } from 'vitest'
import { arrowLeavesText, neighbour } from './grid'

// A 3×4 table whose column 1 is read-only in row 1 (e.g. a birth date derived from the ID).
const editable = (row: number, col: number) => !(row === 1 && col === 1)

describe('neighbour', () => {
  it('Tab walks the row and wraps to the first cell of the next row', () => {
    expect(neighbour(0, 2, 'next', 3, 4, editable)).toEqual({ row: 0, col: 3 })
    expect(neighbour(0, 3, 'next', 3, 4, editable)).toEqual({ row: 1, col: 0 })
  })

  it('skips cells that cannot be edited', () => {
    expect(neighbour(1, 0, 'next', 3, 4, editable)).toEqual({ row: 1, col: 2 })
    expect(neighbour(0, 1, 'down', 3, 4, editable)).toEqual({ row: 2, col: 1 })
  })

  it('Shift+Tab wraps back to the last cell of the previous row', () => {
    expect(neighbour(2, 0, 'prev', 3, 4, editable)).toEqual({ row: 1, col: 3 })
  })

  it('stops at the edges of the table', () => {
    expect(neighbour(2, 3, 'next', 3, 4, editable)).toBeNull()
    expect(neighbour(0, 0, 'prev', 3, 4, editable)).toBeNull()
    expect(neighbour(2, 0, 'down', 3, 4, editable)).toBeNull()
    expect(neighbour(0, 0, 'up', 3, 4, editable)).toBeNull()
  })
})

describe('arrowLeavesText', () => {
  it('leaves only from the end of the text the arrow points to, with nothing selected', () => {
    expect(arrowLeavesText('ArrowRight', 4, 4, 4)).toBe(true)
    expect(arrowLeavesText('ArrowRight', 3, 3, 4)).toBe(false)
    expect(arrowLeavesText('ArrowLeft', 0, 0, 4)).toBe(true)
    expect(arrowLeavesText('ArrowLeft', 1, 1, 4)).toBe(false)
    expect(arrowLeavesText('ArrowLeft', 0, 4, 4)).toBe(false)
  })
})
