import { describe, expect, it } from 'vitest'
import {
  categoryLabel,
  formatBytes,
  formatLocalDateTime,
  formatDate,
  formatDateTime,
  formatField,
  formatStaff,
} from './format'

// vite.config.ts runs the tests in Asia/Shanghai (UTC+8).

describe('formatDate', () => {
  it.each([
    ['2024-05-06', '2024年5月6日'],
    ['2024-12-31', '2024年12月31日'],
    ['2025-01-01', '2025年1月1日'],
    // Malformed input is shown as it is.
    ['2024-13-01', '2024-13-01'],
    ['2024/05/06', '2024/05/06'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(formatDate(input)).toBe(expected)
  })
})

describe('formatDateTime', () => {
  it.each([
    ['2024-05-06T14:03:00+08:00', '2024年5月6日 14:03'],
    // Converted to local time, across a day boundary.
    ['2024-05-06T06:03:00Z', '2024年5月6日 14:03'],
    ['2024-05-05T22:03:00-00:00', '2024年5月6日 06:03'],
    ['2024-01-02T09:05:59.123456+08:00', '2024年1月2日 09:05'],
    ['not a date', 'not a date'],
    ['2024-05-06', '2024-05-06'],
  ])('%j → %j', (input, expected) => {
    expect(formatDateTime(input)).toBe(expected)
  })
})

describe('labels', () => {
  it.each([
    ['comprehensive', '综合类'],
    ['field', '领域类'],
    ['other', 'other'],
  ])('category %s → %s', (category, expected) => {
    expect(categoryLabel(category)).toBe(expected)
  })

  it('joins field and sub-area, leaving out an empty part', () => {
    expect(formatField('新材料', '先进金属材料')).toBe('新材料 / 先进金属材料')
    expect(formatField('新材料', '')).toBe('新材料')
    expect(formatField('', '')).toBe('')
  })

  it('shows fixed staff over all people', () => {
    expect(formatStaff(12, 30)).toBe('12 / 30')
  })
})

describe('formatLocalDateTime', () => {
  it.each([
    ['2025-01-01 09:30:00', '2025年1月1日 09:30:00'],
    ['2024-11-30 23:05', '2024年11月30日 23:05'],
    ['2024-13-01 10:00:00', '2024-13-01 10:00:00'],
    ['昨天', '昨天'],
  ])('%s → %s', (text, shown) => {
    expect(formatLocalDateTime(text)).toBe(shown)
  })
})

describe('formatBytes', () => {
  it.each([
    [820, '820 字节'],
    [12800, '12.5 KB'],
    [3355443, '3.2 MB'],
  ])('%d → %s', (bytes, shown) => {
    expect(formatBytes(bytes)).toBe(shown)
  })
})
