// The system file dialogs (tauri-plugin-dialog): the user picks where files go and come from.
import { open, save } from '@tauri-apps/plugin-dialog'
import { toAppError } from './error'

/** Asks for a folder; resolves with its path, or null when the user cancels. */
export async function pickFolder(title: string): Promise<string | null> {
  try {
    const chosen = await open({ directory: true, multiple: false, title })
    return typeof chosen === 'string' ? chosen : null
  } catch (e) {
    throw toAppError(e)
  }
}

/** Asks for files to open; resolves with their paths (empty when the user cancels). */
export async function pickFiles(title: string, filters: FileFilter[]): Promise<string[]> {
  try {
    const chosen = await open({ multiple: true, directory: false, title, filters })
    if (chosen === null) return []
    return Array.isArray(chosen) ? chosen : [chosen]
  } catch (e) {
    throw toAppError(e)
  }
}

/** A kind of file offered in the open and save dialogs, e.g. { name: 'Excel 表格', extensions: ['xlsx'] }. */
export interface FileFilter {
  name: string
  extensions: string[]
}

/** Asks where to save a file; resolves with its path, or null when the user cancels. */
export async function pickSaveFile(title: string, defaultName: string, filters: FileFilter[]): Promise<string | null> {
  try {
    const chosen = await save({ title, defaultPath: defaultName, filters })
    return typeof chosen === 'string' ? chosen : null
  } catch (e) {
    throw toAppError(e)
  }
}
