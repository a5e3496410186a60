// The error every command rejects with, and how anything else thrown is turned into one.
// The UI branches on `code` and shows `message` (already Chinese); it never shows a raw error.

import type { ErrorCode } from '../bindings/ErrorCode'

export type { ErrorCode }

/**
 * Error value of a rejected command: `{ code, detail, message }`, as serialised by the Rust shell
 * (`code` is an `ErrorCode`, or one of UI_ERROR_CODES for failures of the UI side).
 */
export interface AppError {
  code: ErrorCode | string
  /** The core module's finer English code (for support), when the shell sent one. */
  detail?: string
  message: string
}

/** What the window does about an error: a Chinese title, and the one action it offers. */
export interface ErrorAdvice {
  title: string
  /** restore: open 数据备份 to restore; reload: read again; home: back to the list; none. */
  action: 'restore' | 'reload' | 'home' | null
  /** The action's button label. */
  actionLabel: string
  /** False when nothing may be written (a newer database is never touched). */
  writable: boolean
}

/** How the window handles each kind of failure; `context` names what was being read. */
export function adviceFor(error: AppError, context = '数据'): ErrorAdvice {
  switch (error.code as ErrorCode) {
    case 'not_found':
      return { title: `${context}已不存在（可能已被删除）`, action: 'reload', actionLabel: '刷新', writable: true }
    case 'in_use':
      return { title: '申报通已在另一个窗口中打开', action: 'reload', actionLabel: '重试', writable: false }
    case 'damaged_database':
      return { title: '数据库文件已损坏', action: 'restore', actionLabel: '从备份恢复', writable: false }
    case 'newer_database':
      return { title: '数据库由更新版本的申报通创建，请升级申报通', action: null, actionLabel: '', writable: false }
    default:
      return { title: `无法读取${context}`, action: 'reload', actionLabel: '重试', writable: true }
  }
}

/** Codes raised on the UI side itself (the Rust side owns all others). */
export const UI_ERROR_CODES = {
  unexpected: 'ui_unexpected',
  notInDesktop: 'ui_not_in_desktop',
} as const

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false
  const { code, message } = value as Record<string, unknown>
  return typeof code === 'string' && typeof message === 'string' && message.trim() !== ''
}

/** Returns `value` if it is an AppError, else a generic one: raw errors are never shown. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) {
    const detail = (value as { detail?: unknown }).detail
    return typeof detail === 'string' ? { code: value.code, detail, message: value.message } : { code: value.code, message: value.message }
  }
  return {
    code: UI_ERROR_CODES.unexpected,
    message: '发生意外错误，请重试。如问题持续，请重新启动申报通。',
  }
}
