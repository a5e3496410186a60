// The one place that calls Tauri's `invoke`: typed command names, errors normalised to AppError.
import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core'
import { isAppError, toAppError, UI_ERROR_CODES, type AppError } from './error'

/** A command name; the typed wrappers in bindings/commands.ts (generated from Rust) call this. */
export type Command = string

/**
 * Invokes a command. Resolves with its result; rejects only with an AppError.
 */
export async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  if (!isTauri()) {
    const error: AppError = {
      code: UI_ERROR_CODES.notInDesktop,
      message: '未在申报通桌面程序中运行，无法读取数据。',
    }
    throw error
  }
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    if (!isAppError(e)) console.error(`command ${command} failed`, e)
    throw toAppError(e)
  }
}
