// Commands of co-builder packages (共建单位材料包): the generated wrappers, by name, and the files
// the desktop hands to the app (a double-clicked .shenbao package, at start or while it runs).
import { listen } from '@tauri-apps/api/event'
import { commands } from '../bindings/commands'

export const {
  exportPackage,
  openPackage,
  previewPackage,
  applyPackage,
  checkPackageDraft,
  takeFilesToOpen,
  openPackageFile,
} = commands

/** The shell's event when a second launch handed over files (src-tauri's FILES_TO_OPEN_EVENT). */
export const FILES_TO_OPEN_EVENT = 'files-to-open'

/**
 * Calls `handler` whenever another launch of the app hands over files to open; resolves with the
 * function that stops listening (a no-op outside the desktop app).
 */
export async function onFilesHandedOver(handler: () => void): Promise<() => void> {
  try {
    const unlisten = await listen(FILES_TO_OPEN_EVENT, () => handler())
    return () => void unlisten()
  } catch {
    return () => {}
  }
}
