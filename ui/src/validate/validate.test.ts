import { describe, expect, it } from 'vitest'
import { parseDate } from './dates'
import { areaHundredths, formatHundredths, formatWan, parseArea, parseWan } from './quantities'

describe('quantities', () => {
  it.each([
    ['238', 2380000],
    ['238.5', 2385000],
    ['0.0001', 1],
    ['1,250.25', 12502500],
    ['-0', 0],
  ])('parses %s 万元', (text, yuan) => {
    expect(parseWan(text)).toEqual({ ok: true, value: yuan })
  })

  it.each([
    ['', '请填写'],
    ['-5', '不能为负数'],
    ['1.00001', '格式不正确'],
    ['abc', '格式不正确'],
  ])('refuses %s 万元', (text, message) => {
    expect(parseWan(text)).toMatchObject({ ok: false, message: expect.stringContaining(message) })
  })

  it('formats 元 as 万元 exactly', () => {
    expect(formatWan(23805000)).toBe('2380.5')
    expect(formatWan(1)).toBe('0.0001')
    expect(formatWan(20000000)).toBe('2000')
  })

  it('parses and totals areas', () => {
    expect(parseArea('520.50')).toEqual({ ok: true, value: '520.5' })
    expect(parseArea('-1')).toMatchObject({ ok: false, message: '面积不能为负数' })
    expect(parseArea('1.234')).toMatchObject({ ok: false })
    expect(formatHundredths(areaHundredths('520.5') + areaHundredths('486'))).toBe('1006.5')
  })
})

describe('dates', () => {
  it.each([
    ['1980-08-21', '1980-08-21'],
    ['1980年8月21日', '1980-08-21'],
    ['1980/8/21', '1980-08-21'],
    ['19800821', '1980-08-21'],
  ])('parses %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, value: iso })
  })

  it('refuses impossible dates', () => {
    expect(parseDate('1980-02-30').ok).toBe(false)
    expect(parseDate('明天').ok).toBe(false)
  })
})
