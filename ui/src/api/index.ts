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
  saveFieldChecked,
  saveRowChecked,
  startupStatus,
  updateApplicationField,
} from './applications'
export {
  allConflicts,
  checkApplication,
  homeVerdicts,
  linkConflictPeople,
  deletePlatform,
  exportDocuments,
  importRegistryJson,
  listPlatforms,
  listProgrammes,
  previewDocument,
  emptyParts,
  transcription,
  saveTranscription,
  checkPlatformCopy,
  signatureChecklist,
  setSignoff,
  narrativeSections,
  defaultExportDir,
  savePlatform,
  showFolder,
} from './checks'
export {
  adviceFor,
  isAppError,
  toAppError,
  UI_ERROR_CODES,
  type AppError,
  type ErrorAdvice,
  type ErrorCode,
} from './error'
export { backupNow, backupToFolder, listBackups, restoreBackup } from './backups'
export {
  libraryApply,
  libraryChoices,
  libraryCollect,
  libraryKeepRows,
  libraryLinks,
  libraryList,
  libraryPick,
  libraryPreview,
  libraryShow,
} from './library'
export {
  applicationPackVersions,
  importPack,
  movePack,
  previewPackImport,
  previewPackMove,
  removeUserPack,
} from './programmes'
export { commitRosterImport, previewPaste, previewRosterImport, saveRosterTemplate } from './rosters'
export { applyPackage, checkPackageDraft, exportPackage, openPackage, previewPackage } from './packages'
export { pickFiles, pickFolder, pickSaveFile, type FileFilter } from './dialog'
export {
  addEvidenceItem,
  attachEvidence,
  evidenceFile,
  evidenceFileRange,
  listEvidence,
  onFilesDropped,
  removeEvidenceFile,
  removeEvidenceItem,
  reorderEvidence,
  type FileDrop,
} from './evidence'
export { applicationHistory, listSeals, reprintSealedReviewSheet, sealApplication, sealBadges, sealDiff } from './seals'
export { schedule, setMilestone, setMailingDays, reminders } from './schedule'
export type * from './types'
