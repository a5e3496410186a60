// Turns staff rows pasted from Excel (Chinese headers) into Person rows, with per-row errors
// in Chinese, before anything is saved. Pure: host units and existing IDs come in as arguments.
import type { HostUnit } from '../bindings/HostUnit'
import type { IdKind } from '../bindings/IdKind'
import type { Person } from '../bindings/Person'
import {
  EDUCATION, GENDER, ID_KIND, ROLE, TITLE, labelOf, optionFromText,
} from '../labels'
import { parseDate } from '../validate/dates'
import { normalizeCode } from '../validate/normalize'
import { checkResidentId } from '../validate/residentId'
import { parseTsv } from './tsv'

/** Column keys and the header spellings that name them. */
const HEADERS = {
  name: ['姓名'],
  idKind: ['证件类型'],
  idNumber: ['身份证号码', '身份证号', '证件号码', '身份证'],
  gender: ['性别'],
  birth: ['出生年月', '出生日期', '出生年月日'],
  education: ['学历', '最高学历'],
  title: ['职称', '专业技术职称'],
  employer: ['工作单位', '所在单位', '人事关系所在单位'],
  role: ['在中心职务', '中心职务', '职务', '人员类型', '类别'],
  fullTime: ['是否全职', '全职', '是否专职'],
  discipline: ['学科', '从事学科', '所学专业', '专业'],
} as const

export type PasteColumn = keyof typeof HEADERS

export const PASTE_COLUMN_LABEL: Readonly<Record<PasteColumn, string>> = {
  name: '姓名', idKind: '证件类型', idNumber: '身份证号码', gender: '性别', birth: '出生年月',
  education: '学历', title: '职称', employer: '工作单位', role: '在中心职务', fullTime: '是否全职',
  discipline: '学科',
}

export interface PastedRow {
  /** 1-based number among the pasted data rows (the header is not counted). */
  line: number
  cells: Partial<Record<PasteColumn, string>>
  person: Person | null
  errors: string[]
}

export interface PasteResult {
  columns: PasteColumn[]
  /** Headers that matched nothing. */
  ignored: string[]
  rows: PastedRow[]
  /** A problem with the whole paste (no header, no name column …). */
  error: string | null
}

function columnOf(header: string): PasteColumn | null {
  const h = header.replace(/\s/g, '')
  for (const [key, names] of Object.entries(HEADERS)) {
    if ((names as readonly string[]).includes(h)) return key as PasteColumn
  }
  return null
}

function yesNo(text: string): boolean | null {
  const t = text.trim()
  if (['是', '全职', '专职', 'Y', 'y', '√', '1'].includes(t)) return true
  if (['否', '兼职', 'N', 'n', '×', '0'].includes(t)) return false
  return null
}

/** "1972.03", "1972-03", "1972年3月", or a full date: year and month, with the day if given. */
function birthParts(text: string): { ym: string; full: string | null } | null {
  const full = parseDate(text)
  if (full.ok) return { ym: full.value.slice(0, 7), full: full.value }
  const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/.exec(text.trim())
  if (!m) return null
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  return { ym: `${m[1]}-${String(month).padStart(2, '0')}`, full: null }
}

export interface PasteContext {
  hosts: HostUnit[]
  /** Normalised ID numbers already in the roster. */
  existingIds: Set<string>
}

export function parsePeople(text: string, context: PasteContext): PasteResult {
  const table = parseTsv(text)
  const header = table[0]
  if (!header) return { columns: [], ignored: [], rows: [], error: '没有可导入的内容' }
  const map = header.map(columnOf)
  const columns = map.filter((c): c is PasteColumn => c !== null)
  const ignored = header.filter((_, i) => map[i] === null && (header[i] ?? '').trim() !== '')
  if (!columns.includes('name') || !columns.includes('idNumber')) {
    return {
      columns, ignored, rows: [],
      error: '第一行应为表头，且至少包含“姓名”和“身份证号码”两列（可从 Excel 连同表头一起复制）',
    }
  }
  const seen = new Map<string, number>()
  const rows = table.slice(1).map((cellsOfRow, index): PastedRow => {
    const cells: Partial<Record<PasteColumn, string>> = {}
    map.forEach((col, i) => {
      if (col) cells[col] = (cellsOfRow[i] ?? '').trim()
    })
    const line = index + 1
    const errors: string[] = []
    const name = cells.name ?? ''
    if (name === '') errors.push('姓名未填写')

    let idKind: IdKind = 'resident_id'
    if (cells.idKind) {
      const k = optionFromText(ID_KIND, cells.idKind === '身份证' ? '居民身份证' : cells.idKind)
      if (k) idKind = k
      else errors.push(`证件类型“${cells.idKind}”无法识别`)
    }
    const number = normalizeCode(cells.idNumber ?? '')
    let birthDate: string | undefined
    let gender: Person['gender']
    if (idKind === 'resident_id') {
      const id = checkResidentId(number)
      if (!id.ok) errors.push(id.message)
      else {
        birthDate = id.birthDate
        gender = id.gender
      }
    } else if (number === '') {
      errors.push('证件号码未填写')
    }
    if (number !== '') {
      const earlier = seen.get(number)
      if (earlier !== undefined) errors.push(`证件号码与第 ${earlier} 行重复`)
      else if (context.existingIds.has(number)) errors.push('证件号码已在人员名单中')
      seen.set(number, line)
    }

    if (cells.gender) {
      const g = optionFromText(GENDER, cells.gender)
      if (!g) errors.push(`性别“${cells.gender}”无法识别`)
      else if (gender && g !== gender) errors.push(`性别与身份证号码不一致（号码显示为${labelOf(GENDER, gender)}）`)
      else gender = gender ?? g
    }
    if (cells.birth) {
      const b = birthParts(cells.birth)
      if (!b) errors.push(`出生年月“${cells.birth}”格式不正确`)
      else if (birthDate && birthDate.slice(0, 7) !== b.ym) errors.push('出生年月与身份证号码不一致')
      else birthDate = birthDate ?? b.full ?? undefined
    }
    if (idKind !== 'resident_id' && !birthDate) errors.push('非居民身份证人员须填写完整出生日期')

    const education = cells.education ? optionFromText(EDUCATION, cells.education) : 'other'
    if (!education) errors.push(`学历“${cells.education}”无法识别`)
    const title = cells.title ? optionFromText(TITLE, cells.title) : 'none'
    if (!title) errors.push(`职称“${cells.title}”无法识别`)
    const role = cells.role ? optionFromText(ROLE, cells.role) : 'fixed'
    if (!role) errors.push(`在中心职务“${cells.role}”无法识别（可填 固定人员、流动人员、副主任）`)
    let fullTime = role !== 'visiting'
    if (cells.fullTime) {
      const f = yesNo(cells.fullTime)
      if (f === null) errors.push(`是否全职“${cells.fullTime}”无法识别（填 是 或 否）`)
      else fullTime = f
    }
    const employerText = cells.employer ?? ''
    const host = context.hosts.find((h) => h.name.trim() === employerText && employerText !== '')

    if (errors.length > 0 || !education || !title || !role) {
      return { line, cells, person: null, errors }
    }
    const person: Person = {
      name,
      id_doc: { kind: idKind, number },
      employer_name: host ? '' : employerText,
      education,
      title,
      role,
      full_time: fullTime,
      discipline: cells.discipline ?? '',
      honours: [],
      awards_first_completer: [],
      projects_first_pi: [],
    }
    if (birthDate) person.birth_date = birthDate
    if (gender) person.gender = gender
    if (host) person.employer_uscc = host.uscc
    return { line, cells, person, errors }
  })
  return { columns, ignored, rows, error: rows.length === 0 ? '只有表头，没有数据行' : null }
}

/** "第 2 行：身份证号码校验位错误…" for each error of each row. */
export function rowErrorLines(result: PasteResult): string[] {
  return result.rows.flatMap((r) => r.errors.map((e) => `第 ${r.line} 行：${e}`))
}
