// Export asks once: when parts of the application are still empty, the user is asked before the
// first export; after 仍然导出 the same list is not asked about again, a changed list is.
import type { EmptyPart } from '../bindings/EmptyPart'

/** A fingerprint of the empty parts the user already agreed to export with. */
export function emptyKey(parts: EmptyPart[]): string {
  return parts.map((p) => p.part).join('|')
}

/** True when export must ask first: something is empty and the user has not yet agreed to
 * export with exactly this list. */
export function needsConfirm(parts: EmptyPart[], agreed: string | null): boolean {
  return parts.length > 0 && emptyKey(parts) !== agreed
}

/** Why 导出 PDF cannot run yet, or null when it can. */
export function exportBlocked(chosen: number, dir: string): string | null {
  if (chosen === 0) return '请至少勾选一种要导出的文件'
  if (dir.trim() === '') return '请先填写或选择保存到的文件夹'
  return null
}
