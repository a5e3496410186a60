// Typed wrappers around the Tauri commands. Views import from here, never from @tauri-apps/api.
export {
  createApplication,
  createSampleApplication,
  deleteApplication,
  deleteRow,
  exportApplicationJson,
  importApplicationJson,
  listApplications,
  loadApplication,
  saveRow,
  startupStatus,
  updateApplicationField,
} from './applications'
export {
  allConflicts,
  checkApplication,
  exportDocuments,
  importRegistryJson,
  listPlatforms,
  listProgrammes,
} from './checks'
export {
  commandMissing,
  isAppError,
  isCommandMissing,
  toAppError,
  UI_ERROR_CODES,
  type AppError,
} from './error'
export { pickFolder } from './dialog'
export type * from './types'
