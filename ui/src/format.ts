// Display formatting for the UI: dates and category labels (the core's). Pure functions, no IO.
// Unknown or malformed input is shown as it is rather than hidden.
import { CATEGORY, labelOf, type Option } from './bindings/labels'

/** The core's label of a category (综合类 / 领域类), or the text itself when unknown. */
export function categoryLabel(category: string): string {
  return labelOf(CATEGORY as Option<string>[], category)
}

function chineseDate(year: number, month: number, day: number): string {
  return `${year}年${month}月${day}日`
}

/** "2024-05-06" → "2024年5月6日". A calendar date, so no time zone is involved. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim())
  if (!match) return date
  const [, year, month, day] = match.map(Number) as [number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31) return date
  return chineseDate(year, month, day)
}

/** RFC 3339 timestamp → "2024年5月6日 14:03", in the computer's local time. */
export function formatDateTime(rfc3339: string): string {
  // Require a full date and time so that loose strings are not guessed at.
  if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/.test(rfc3339.trim())) return rfc3339
  const moment = new Date(rfc3339.trim())
  if (Number.isNaN(moment.getTime())) return rfc3339
  const hours = String(moment.getHours()).padStart(2, '0')
  const minutes = String(moment.getMinutes()).padStart(2, '0')
  const date = chineseDate(moment.getFullYear(), moment.getMonth() + 1, moment.getDate())
  return `${date} ${hours}:${minutes}`
}

/** A local time without zone, "2025-01-01 09:30:00" → "2025年1月1日 09:30:00"; seconds when given. */
export function formatLocalDateTime(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim())
  if (!match) return text
  const [, year, month, day] = match.slice(0, 4).map(Number) as [number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31) return text
  return `${chineseDate(year, month, day)} ${match[4]}:${match[5]}${match[6] ? `:${match[6]}` : ''}`
}

/** A file size: "820 字节", "12.5 KB", "3.2 MB" (1 KB = 1024 字节). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** "新材料" + "先进金属材料" → "新材料 / 先进金属材料"; an empty part is left out. */
export function formatField(field: string, subArea: string): string {
  return [field, subArea].filter((part) => part.trim() !== '').join(' / ')
}

/** Fixed staff over all people: "12 / 30". */
export function formatStaff(fixedStaff: number, people: number): string {
  return `${fixedStaff} / ${people}`
}
