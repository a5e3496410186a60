import { describe, expect, it } from 'vitest'
import { emptyKey, exportBlocked, needsConfirm } from './exportConfirm'

const directions = { part: 'directions', label: '研究方向：尚无条目' }
const goals = { part: 'narrative.goals', label: '建设目标：尚未填写' }

describe('export asks once', () => {
  it('does not ask when nothing is empty', () => {
    expect(needsConfirm([], null)).toBe(false)
  })

  it('asks before the first export with empty parts, not again after 仍然导出 for the same list', () => {
    const parts = [directions, goals]
    expect(needsConfirm(parts, null)).toBe(true)
    const agreed = emptyKey(parts)
    expect(needsConfirm(parts, agreed)).toBe(false)
  })

  it('asks again when the list of empty parts changed', () => {
    const agreed = emptyKey([goals])
    expect(needsConfirm([directions, goals], agreed)).toBe(true)
  })
})

describe('why export is disabled', () => {
  it('names the missing choice, then the missing folder', () => {
    expect(exportBlocked(0, '/tmp')).toContain('勾选')
    expect(exportBlocked(1, '  ')).toContain('文件夹')
    expect(exportBlocked(1, '/home/a/文档/申报材料')).toBeNull()
  })
})
