// One roster row in words, for previews (spreadsheet import, co-builder package merge): the
// fields a person checking the rows recognises them by. Pure.
import type { RowData } from '../../bindings/RowData'
import { ACHIEVEMENT_KIND, EDUCATION, ROLE, TITLE, labelOf } from '../../bindings/labels'
import { formatDate } from '../../format'
import { formatWan } from '../../validate/quantities'
import { formatCommitment } from '../../validate/share'

/** The row's main name, e.g. a person's name or an instrument's. */
export function rowName(data: RowData): string {
  switch (data.kind) {
    case 'person': return data.row.name
    case 'instrument': return data.row.name
    case 'site': return [data.row.address, data.row.building_room].filter(Boolean).join(' ')
    case 'achievement': return data.row.title
    case 'rd_investment': return `${data.row.year} 年研发投入`
    case 'host_unit': return data.row.name
    case 'direction': return data.row.title
  }
}

/** The rest of the row, joined by " · ". An owner is named by `owners` (credit code → unit name)
 *  when it knows the code, else shown as its code. */
export function rowDetails(data: RowData, owners: Record<string, string> = {}): string {
  const parts: string[] = []
  const owner = (uscc: string) => (owners[uscc] ? `权属：${owners[uscc]}` : uscc)
  switch (data.kind) {
    case 'person': {
      const p = data.row
      parts.push(p.id_doc.number, p.employer_name, labelOf(EDUCATION, p.education), labelOf(TITLE, p.title), labelOf(ROLE, p.role))
      parts.push(formatCommitment(p))
      break
    }
    case 'instrument':
      parts.push(data.row.model, `原值 ${formatWan(data.row.original_value)} 万元`, owner(data.row.owner_uscc))
      break
    case 'site':
      parts.push(`${data.row.area} 平方米`, data.row.usage, owner(data.row.owner_uscc))
      break
    case 'achievement':
      parts.push(labelOf(ACHIEVEMENT_KIND, data.row.kind), data.row.identifier, data.row.date ? formatDate(data.row.date) : '')
      parts.push(owner(data.row.owner_uscc))
      break
    case 'rd_investment':
      parts.push(`${formatWan(data.row.amount)} 万元`, owner(data.row.owner_uscc))
      break
    case 'host_unit':
      parts.push(data.row.uscc, data.row.registered_region)
      if (data.row.supervising_department) parts.push(`归口管理部门：${data.row.supervising_department}`)
      break
    case 'direction':
      parts.push(data.row.description)
      break
  }
  return parts.filter((p) => p !== '').join(' · ')
}

/** What an import or paste would do, as its preview counts it: "新增 2 行 · 更新 1 行 · 错误 1 行". */
export function countsText(p: { added: number; updated: number; rejected: number }): string {
  return `新增 ${p.added} 行 · 更新 ${p.updated} 行 · 错误 ${p.rejected} 行`
}
