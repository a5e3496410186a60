// The system file dialogs (tauri-plugin-dialog): the user picks where files go and come from.
import { open } from '@tauri-apps/plugin-dialog'
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
