// Chinese labels of the model's enums (education, title, role, unit kind …) and their reverse
// lookup for pasted text. Display data only; no rule thresholds live here.
import type { AchievementKind } from './bindings/AchievementKind'
import type { Education } from './bindings/Education'
import type { FileKind } from './bindings/FileKind'
import type { Gender } from './bindings/Gender'
import type { Honour } from './bindings/Honour'
import type { IdKind } from './bindings/IdKind'
import type { ImportKind } from './bindings/ImportKind'
import type { MemberRole } from './bindings/MemberRole'
import type { PlatformKind } from './bindings/PlatformKind'
import type { PlatformLevel } from './bindings/PlatformLevel'
import type { Role } from './bindings/Role'
import type { Title } from './bindings/Title'
import type { UnitKind } from './bindings/UnitKind'

export interface Option<T extends string> {
  value: T
  label: string
}

export const EDUCATION: Option<Education>[] = [
  { value: 'doctorate', label: '博士研究生' },
  { value: 'master', label: '硕士研究生' },
  { value: 'bachelor', label: '大学本科' },
  { value: 'college', label: '大专' },
  { value: 'other', label: '其他' },
]

export const TITLE: Option<Title>[] = [
  { value: 'full_senior', label: '正高级' },
  { value: 'associate_senior', label: '副高级' },
  { value: 'intermediate', label: '中级' },
  { value: 'junior', label: '初级' },
  { value: 'none', label: '无' },
]

export const ROLE: Option<Role>[] = [
  { value: 'director', label: '中心主任' },
  { value: 'deputy_director', label: '副主任' },
  { value: 'fixed', label: '固定人员' },
  { value: 'visiting', label: '流动人员' },
]

export const GENDER: Option<Gender>[] = [
  { value: 'male', label: '男' },
  { value: 'female', label: '女' },
]

export const ID_KIND: Option<IdKind>[] = [
  { value: 'resident_id', label: '居民身份证' },
  { value: 'passport', label: '护照' },
  { value: 'hk_macao_permit', label: '港澳居民证件' },
  { value: 'taiwan_permit', label: '台湾居民证件' },
  { value: 'foreign_permanent_resident', label: '外国人永久居留身份证' },
  { value: 'other', label: '其他证件' },
]

export const UNIT_KIND: Option<UnitKind>[] = [
  { value: 'enterprise', label: '企业' },
  { value: 'university', label: '高等院校' },
  { value: 'research_institute', label: '科研院所' },
  { value: 'other', label: '其他' },
]

export const PLATFORM_LEVEL: Option<PlatformLevel>[] = [
  { value: 'national', label: '国家级' },
  { value: 'provincial', label: '省级' },
  { value: 'city', label: '市级' },
]

export const PLATFORM_KIND: Option<PlatformKind>[] = [
  { value: 'key_lab', label: '重点实验室' },
  { value: 'tic', label: '技术创新中心' },
  { value: 'clinical_centre', label: '临床医学研究中心' },
  { value: 'engineering_centre', label: '工程技术研究中心' },
  { value: 'pilot_base', label: '中试基地' },
  { value: 'other', label: '其他' },
]

export const MEMBER_ROLE: Option<MemberRole>[] = [
  { value: 'director', label: '主任' },
  { value: 'fixed', label: '固定人员' },
]

export const HONOUR: Option<Honour>[] = [
  { value: 'cas_academician', label: '中国科学院院士' },
  { value: 'cae_academician', label: '中国工程院院士' },
  { value: 'nsfc_distinguished_young', label: '国家杰出青年科学基金获得者' },
  { value: 'other_national_talent', label: '其他国家级高层次人才' },
]

export const ACHIEVEMENT_KIND: Option<AchievementKind>[] = [
  { value: 'invention_patent', label: '发明专利' },
  { value: 'utility_patent', label: '实用新型专利' },
  { value: 'design_patent', label: '外观设计专利' },
  { value: 'software', label: '软件著作权' },
  { value: 'standard', label: '标准' },
  { value: 'award', label: '科技奖励' },
  { value: 'paper', label: '论文' },
  { value: 'other', label: '其他' },
]

/** The label of `value` in `options`, or the value itself when unknown. */
/** What each roster is called in the import dialog and the template's file name. */
export const IMPORT_KIND_LABEL: Record<ImportKind, string> = {
  staff: '人员名单',
  instruments: '科研仪器设备',
  sites: '研发场地',
  achievements: '成果',
  platforms: '已建平台名录',
}

export function labelOf<T extends string>(options: Option<T>[], value: T | undefined | null): string {
  if (value === undefined || value === null) return ''
  return options.find((o) => o.value === value)?.label ?? value
}

/** Extra spellings accepted when pasting from Excel, by option value. */
const ALIASES: Record<string, string[]> = {
  doctorate: ['博士', '博士研究生', '研究生（博士）'],
  master: ['硕士', '硕士研究生', '研究生（硕士）', '研究生'],
  bachelor: ['本科', '大学本科', '学士'],
  college: ['大专', '专科', '大学专科'],
  full_senior: ['正高', '正高级', '教授', '研究员', '正高级工程师', '教授级高工'],
  associate_senior: ['副高', '副高级', '副教授', '副研究员', '高级工程师', '高工'],
  intermediate: ['中级', '讲师', '助理研究员', '工程师'],
  junior: ['初级', '助教', '研究实习员', '助理工程师', '技术员'],
  none: ['无', '无职称', '-', '—'],
  director: ['主任', '中心主任'],
  deputy_director: ['副主任', '中心副主任'],
  fixed: ['固定人员', '固定', '研究人员', '骨干', '成员'],
  visiting: ['流动人员', '流动', '客座', '客座人员'],
  male: ['男'],
  female: ['女'],
}

/** Finds the option whose label or alias equals `text` (after trimming). */
export function optionFromText<T extends string>(options: Option<T>[], text: string): T | null {
  const t = text.trim()
  if (t === '') return null
  for (const o of options) {
    if (o.label === t || o.value === t || (ALIASES[o.value] ?? []).includes(t)) return o.value
  }
  return null
}

/** The kinds of attached file (印证材料), as the step lists them. */
export const FILE_KIND_LABEL: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPEG 图片', png: 'PNG 图片' }
