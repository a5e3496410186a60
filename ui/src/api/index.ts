// Typed wrappers around the Tauri commands. Views import from here, never from @tauri-apps/api.
export { listApplications } from './applications'
export { isAppError, toAppError, UI_ERROR_CODES, type AppError } from './error'
