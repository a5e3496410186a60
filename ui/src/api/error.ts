// The error every command rejects with, and how anything else thrown is turned into one.
// The UI branches on `code` and shows `message` (already Chinese); it never shows a raw error.

/** Error value of a rejected command: `{ code, message }`, as serialised by the Rust shell. */
export interface AppError {
  code: string
  message: string
}

/** Codes raised on the UI side itself (the Rust side owns all others). */
export const UI_ERROR_CODES = {
  unexpected: 'ui_unexpected',
  notInDesktop: 'ui_not_in_desktop',
  /** The shell of this build does not have the command (yet). */
  commandMissing: 'ui_command_missing',
} as const

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false
  const { code, message } = value as Record<string, unknown>
  return typeof code === 'string' && typeof message === 'string' && message.trim() !== ''
}

/** Returns `value` if it is an AppError, else a generic one: raw errors are never shown. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return { code: value.code, message: value.message }
  return {
    code: UI_ERROR_CODES.unexpected,
    message: '发生意外错误，请重试。如问题持续，请重新启动申报通。',
  }
}

/** The error for a command this build of the shell does not provide. */
export function commandMissing(): AppError {
  return { code: UI_ERROR_CODES.commandMissing, message: '此功能在当前版本中尚不可用。' }
}

export function isCommandMissing(error: unknown): boolean {
  return isAppError(error) && error.code === UI_ERROR_CODES.commandMissing
}
