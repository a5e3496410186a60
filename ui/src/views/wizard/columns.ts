// Column definitions of the roster tables: how each cell reads and writes its row. Every issue
// shown at a cell is the core's (from the row's last save, `CoreIssues`); no rule is written
// here. Host units come in through a getter so the employer and owner cells follow the host list.
import type { Achievement } from '../../bindings/Achievement'
import type { HostUnit } from '../../bindings/HostUnit'
import type { Instrument } from '../../bindings/Instrument'
import type { Person } from '../../bindings/Person'
import type { RdInvestment } from '../../bindings/RdInvestment'
import type { Site } from '../../bindings/Site'
import type { GridColumn } from '../../components/grid'
import { formatDate } from '../../format'
import { ACHIEVEMENT_KIND, EDUCATION, FIELD, GENDER, ID_KIND, ROLE, TITLE, type Option } from '../../bindings/labels'
import { parseDate } from '../../validate/dates'
import { areaHundredths, formatWan, parseArea, parseWan } from '../../validate/quantities'
import { formatCommitment, parseCommitment } from '../../validate/share'

type Hosts = () => HostUnit[]
/** The core's message for one field of a row at its last save ("id_doc.number"), or null. */
type IssueAt = (row: object, path: string) => string | null

/** The core's issues of a row at its last save: errors, and warnings (kept and counted). */
export interface CoreIssues {
  issueAt: IssueAt
  warningAt: IssueAt
}

const NONE: CoreIssues = { issueAt: () => null, warningAt: () => null }

/** The cell's error and warning are the core's at `path`. */
function fromCore<T>(core: CoreIssues, path: string): Pick<GridColumn<T>, 'issue' | 'warning'> {
  return { issue: (r) => core.issueAt(r as object, path), warning: (r) => core.warningAt(r as object, path) }
}

function hostOptions(hosts: Hosts): Option<string>[] {
  return [{ value: '', label: '（请选择）' }, ...hosts().map((h) => ({ value: h.uscc, label: h.name || h.uscc || '（未命名单位）' }))]
}

function ownerColumn<T extends { owner_uscc: string }>(label: string, hosts: Hosts, core: CoreIssues): GridColumn<T> {
  return {
    key: 'owner', label, width: 170, type: 'select',
    get options() { return hostOptions(hosts) },
    get: (r) => r.owner_uscc,
    set: (r, t) => { r.owner_uscc = t; return null },
    ...fromCore<T>(core, 'owner_uscc'),
    sortValue: (r) => hosts().find((h) => h.uscc === r.owner_uscc)?.name ?? r.owner_uscc,
  }
}

function text<T>(key: string, label: string, width: number, get: (r: T) => string, set: (r: T, t: string) => void): GridColumn<T> {
  return { key, label, width, type: 'text', get, set: (r, t) => { set(r, t); return null } }
}

function dateColumn<T>(key: string, label: string, path: string, core: CoreIssues, get: (r: T) => string | undefined, set: (r: T, v: string | undefined) => void): GridColumn<T> {
  return {
    key, label, width: 112, type: 'text',
    get: (r) => { const v = get(r); return v ? formatDate(v) : '' },
    set: (r, t) => {
      if (t.trim() === '') { set(r, undefined); return null }
      const d = parseDate(t)
      if (!d.ok) return d.message
      set(r, d.value)
      return null
    },
    ...fromCore<T>(core, path),
    hint: (t) => {
      const d = parseDate(t)
      return d.ok ? `即 ${formatDate(d.value)}` : t.trim() === '' ? null : d.message
    },
    sortValue: (r) => get(r) ?? '',
  }
}

/** `core`: the core's issues (it validates ID numbers and derives birth date and gender). */
export function personColumns(hosts: Hosts, core: CoreIssues = NONE): GridColumn<Person>[] {
  const { issueAt } = core
  const derived = (p: Person) =>
    p.id_doc.kind === 'resident_id' && p.id_doc.number !== '' && issueAt(p, 'id_doc.number') === null && !!p.birth_date
  return [
    text('name', FIELD.people.name, 88, (p) => p.name, (p, t) => (p.name = t.trim())),
    {
      key: 'idKind', label: FIELD.people['id_doc.kind'], width: 132, type: 'select', options: ID_KIND,
      get: (p) => p.id_doc.kind, set: (p, t) => { p.id_doc.kind = t as Person['id_doc']['kind']; return null },
    },
    {
      key: 'idNumber', label: FIELD.people['id_doc.number'], width: 164, type: 'text',
      get: (p) => p.id_doc.number,
      set: (p, t) => { p.id_doc.number = t; return null },
      ...fromCore<Person>(core, 'id_doc.number'),
    },
    {
      key: 'gender', label: FIELD.people.gender, width: 64, type: 'select', options: GENDER,
      get: (p) => p.gender ?? '', set: (p, t) => { p.gender = t as Person['gender']; return null }, readonly: derived,
      ...fromCore<Person>(core, 'gender'),
    },
    { ...dateColumn<Person>('birth', FIELD.people.birth_date, 'birth_date', core, (p) => p.birth_date, (p, v) => { if (v) p.birth_date = v; else delete p.birth_date }), readonly: derived },
    { key: 'education', label: FIELD.people.education, width: 124, type: 'select', options: EDUCATION, get: (p) => p.education, set: (p, t) => { p.education = t as Person['education']; return null } },
    { key: 'title', label: FIELD.people.title, width: 92, type: 'select', options: TITLE, get: (p) => p.title, set: (p, t) => { p.title = t as Person['title']; return null } },
    {
      key: 'employer', label: FIELD.people.employer_name, width: 150, type: 'text',
      get suggestions() { return hosts().map((h) => h.name).filter((n) => n !== '') },
      get: (p) => (p.employer_uscc ? (hosts().find((h) => h.uscc === p.employer_uscc)?.name ?? p.employer_uscc) : p.employer_name),
      set: (p, t) => {
        const host = hosts().find((h) => h.name !== '' && h.name === t.trim())
        if (host) { p.employer_uscc = host.uscc; p.employer_name = '' } else { delete p.employer_uscc; p.employer_name = t }
        return null
      },
      ...fromCore<Person>(core, 'employer_uscc'),
    },
    { key: 'role', label: FIELD.people.role, width: 108, type: 'select', options: ROLE, get: (p) => p.role, set: (p, t) => { p.role = t as Person['role']; return null } },
    {
      key: 'commitment', label: FIELD.people.share, width: 104, type: 'text',
      get: (p) => formatCommitment(p),
      set: (p, t) => {
        const c = parseCommitment(t)
        if (!c.ok) return c.message
        p.full_time = c.value.full_time
        if (c.value.share === undefined) delete p.share
        else p.share = c.value.share
        return null
      },
      issue: (p) => issueAt(p, 'share'),
      hint: (t) => {
        const c = parseCommitment(t)
        return c.ok ? null : c.message
      },
    },
    text('discipline', FIELD.people.discipline, 100, (p) => p.discipline, (p, t) => (p.discipline = t)),
  ]
}

/** `core`: the core's issues (a 原值 of zero; an implausible one, e.g. 元 typed as 万元). */
export function instrumentColumns(hosts: Hosts, core: CoreIssues = NONE): GridColumn<Instrument>[] {
  return [
    text('name', FIELD.instruments.name, 170, (r) => r.name, (r, t) => (r.name = t)),
    text('model', FIELD.instruments.model, 100, (r) => r.model, (r, t) => (r.model = t)),
    text('serial', FIELD.instruments.serial_number, 110, (r) => r.serial_number, (r, t) => (r.serial_number = t)),
    text('asset', FIELD.instruments.asset_number, 120, (r) => r.asset_number, (r, t) => (r.asset_number = t)),
    ownerColumn<Instrument>(FIELD.instruments.owner_uscc, hosts, core),
    {
      key: 'value', label: FIELD.instruments.original_value, width: 110, type: 'text', align: 'right',
      get: (r) => formatWan(r.original_value),
      set: (r, t) => { const v = parseWan(t); if (!v.ok) return v.message; r.original_value = v.value; return null },
      ...fromCore<Instrument>(core, 'original_value'),
      sortValue: (r) => r.original_value,
    },
    text('site', FIELD.instruments.site, 140, (r) => r.site, (r, t) => (r.site = t)),
  ]
}

/** `headquarters`: the programme counts 本部 sites separately, so the grid shows the marker. */
export function siteColumns(hosts: Hosts, headquarters = false, core: CoreIssues = NONE): GridColumn<Site>[] {
  const columns: GridColumn<Site>[] = [
    text('address', FIELD.sites.address, 200, (r) => r.address, (r, t) => (r.address = t)),
    text('room', FIELD.sites.building_room, 160, (r) => r.building_room, (r, t) => (r.building_room = t)),
    {
      key: 'area', label: FIELD.sites.area, width: 100, type: 'text', align: 'right',
      get: (r) => r.area,
      set: (r, t) => { const v = parseArea(t); if (!v.ok) return v.message; r.area = v.value; return null },
      ...fromCore<Site>(core, 'area'),
      sortValue: (r) => Number(areaHundredths(r.area)),
    },
    ownerColumn<Site>(FIELD.sites.owner_uscc, hosts, core),
    { ...text<Site>('usage', '用途', 100, (r) => r.usage, (r, t) => (r.usage = t)), suggestions: ['实验室', '中试车间', '办公'] },
  ]
  if (headquarters) {
    columns.push({ key: 'headquarters', label: FIELD.sites.headquarters, width: 56, type: 'check', align: 'center', get: (r) => String(r.headquarters), set: (r, t) => { r.headquarters = t === 'true'; return null } })
  }
  return columns
}

/** `core`: the core's issues (a year after this one; an implausible amount). */
export function investmentColumns(hosts: Hosts, core: CoreIssues = NONE): GridColumn<RdInvestment>[] {
  return [
    ownerColumn<RdInvestment>(FIELD.rd_investments.owner_uscc, hosts, core),
    {
      key: 'year', label: FIELD.rd_investments.year, width: 80, type: 'text', align: 'right',
      get: (r) => String(r.year),
      set: (r, t) => { if (!/^\d{4}$/.test(t.trim())) return '年度应为四位数字'; r.year = Number(t); return null },
      ...fromCore<RdInvestment>(core, 'year'),
      sortValue: (r) => r.year,
    },
    {
      key: 'amount', label: FIELD.rd_investments.amount, width: 130, type: 'text', align: 'right',
      get: (r) => formatWan(r.amount),
      set: (r, t) => { const v = parseWan(t); if (!v.ok) return v.message; r.amount = v.value; return null },
      ...fromCore<RdInvestment>(core, 'amount'),
      sortValue: (r) => r.amount,
    },
  ]
}

export function achievementColumns(hosts: Hosts, core: CoreIssues = NONE): GridColumn<Achievement>[] {
  return [
    { key: 'kind', label: FIELD.achievements.kind, width: 128, type: 'select', options: ACHIEVEMENT_KIND, get: (r) => r.kind, set: (r, t) => { r.kind = t as Achievement['kind']; return null } },
    text('identifier', FIELD.achievements.identifier, 150, (r) => r.identifier, (r, t) => (r.identifier = t)),
    { ...text<Achievement>('title', FIELD.achievements.title, 220, (r) => r.title, (r, t) => (r.title = t)), ...fromCore<Achievement>(core, 'title') },
    ownerColumn<Achievement>(FIELD.achievements.owner_uscc, hosts, core),
    dateColumn<Achievement>('date', FIELD.achievements.date, 'date', core, (r) => r.date, (r, v) => { if (v) r.date = v; else delete r.date }),
    { key: 'applied', label: FIELD.achievements.applied, width: 60, type: 'check', align: 'center', get: (r) => String(r.applied), set: (r, t) => { r.applied = t === 'true'; return null } },
  ]
}
