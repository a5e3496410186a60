// Sealed versions (定稿) in the window: the badge's words and a request, from the home screen,
// to open an application's diff once its wizard is on screen.
import { ref } from 'vue'
import type { ChangeKind } from '../bindings/ChangeKind'
import { CHANGE_KIND, labelOf } from '../bindings/labels'

/** The badge of a sealed application: how many changes since its latest seal. */
export function sealBadgeLabel(changes: number): string {
  return changes > 0 ? `已定稿后修改 ${changes} 处` : '已定稿，未修改'
}

/** A change's kind in Chinese (新增, 删除, 修改), as the core labels it. */
export function changeKindLabel(kind: ChangeKind): string {
  return labelOf(CHANGE_KIND, kind)
}

export const CHANGE_KIND_TONE: Record<ChangeKind, 'success' | 'danger' | 'warning'> = {
  added: 'success',
  removed: 'danger',
  changed: 'warning',
}

/** The application whose diff the wizard opens when it shows it (set by the home screen's badge). */
export const diffRequested = ref<number | null>(null)
