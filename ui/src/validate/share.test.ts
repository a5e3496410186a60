import { describe, expect, it } from 'vitest'
import { personColumns } from '../views/wizard/columns'
import type { Person } from '../bindings/Person'
import { formatCommitment, parseCommitment } from './share'

describe('commitment', () => {
  it('reads full time, part time and shares as percent or months, exactly', () => {
    expect(parseCommitment('全职')).toEqual({ ok: true, value: { full_time: true } })
    expect(parseCommitment('兼职')).toEqual({ ok: true, value: { full_time: false } })
    expect(parseCommitment('30%')).toEqual({ ok: true, value: { full_time: false, share: 360 } })
    expect(parseCommitment('３０％')).toEqual({ ok: true, value: { full_time: false, share: 360 } })
    expect(parseCommitment('每年３个月')).toEqual({ ok: true, value: { full_time: false, share: 300 } })
    expect(parseCommitment('30％')).toEqual({ ok: true, value: { full_time: false, share: 360 } })
    expect(parseCommitment('每年 3 个月')).toEqual({ ok: true, value: { full_time: false, share: 300 } })
    expect(parseCommitment('0.5')).toMatchObject({ ok: false })
  })

  it('shows a share as typed back: percent when whole, else months', () => {
    expect(formatCommitment({ full_time: true })).toBe('全职')
    expect(formatCommitment({ full_time: false })).toBe('兼职')
    expect(formatCommitment({ full_time: false, share: 600 })).toBe('50%')
    expect(formatCommitment({ full_time: false, share: 500 })).toBe('每年 5 个月')
  })

  it('the roster column writes both fields and shows the core issue of the share', () => {
    const col = personColumns(() => [], {
      issueAt: (_r, path) => (path === 'share' ? '投入 100%（每年 12 个月）即为全职，请改为全职' : null),
      warningAt: () => null,
    })
      .find((c) => c.key === 'commitment')!
    const p = { full_time: true } as Person
    expect(col.set!(p, '40%')).toBeNull()
    expect(p).toMatchObject({ full_time: false, share: 480 })
    expect(col.get(p)).toBe('40%')
    expect(col.set!(p, '全职')).toBeNull()
    expect(p.full_time).toBe(true)
    expect('share' in p).toBe(false)
    expect(col.set!(p, '很多')).toContain('兼职比例')
    expect(col.issue?.(p)).toContain('即为全职')
  })
})
