// Packages the desktop hands to the app (a .shenbao file double-clicked, passed at start or to a
// second launch while the app runs). The core reads the file and says what it is: a package sent
// to this co-builder opens as its draft in the wizard; one returned to the lead waits on the home
// screen as a merge preview. This module only routes what the core answered.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { openPackageFile, takeFilesToOpen } from '../api/packages'
import { toAppError } from '../api/error'
import type { OpenedDraft } from '../bindings/OpenedDraft'
import type { PackagePreview } from '../bindings/PackagePreview'
import { navigate } from '../router'

/** A returned package handed over from outside, for the home screen's merge dialog. */
export const pendingMerge = ref<{ preview: PackagePreview; text: string } | null>(null)

/** Goes to a co-builder draft that a package opened (from the file button or the desktop). */
export function showOpenedDraft(opened: OpenedDraft): void {
  ElMessage({
    type: 'success',
    message: opened.already_open ? '此材料包已经打开过，转到它的草稿' : '已打开材料包：请填写本单位的信息',
    grouping: true,
  })
  navigate({ name: 'wizard', id: opened.draft_id, step: 'hosts' })
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

/** Opens every file the desktop handed over and not yet opened; an unreadable one is said, by name. */
export async function openHandedFiles(): Promise<void> {
  let files: string[]
  try {
    files = await takeFilesToOpen()
  } catch (e) {
    ElMessage({ type: 'error', message: toAppError(e).message, duration: 8000 })
    return
  }
  for (const path of files) {
    try {
      const opened = await openPackageFile(path)
      if (opened.kind === 'draft') {
        showOpenedDraft(opened.opened)
      } else {
        pendingMerge.value = { preview: opened.preview, text: opened.text }
        navigate({ name: 'home' })
      }
    } catch (e) {
      ElMessage({ type: 'error', message: `无法打开“${fileName(path)}”：${toAppError(e).message}`, duration: 8000 })
    }
  }
}
