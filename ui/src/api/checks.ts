// Commands of the rules engine, duplicates, the registry and export: the generated wrappers.
import { commands } from '../bindings/commands'

export const {
  listProgrammes,
  checkApplication,
  homeVerdicts,
  exportDocuments,
  previewDocument,
  emptyParts,
  transcription,
  saveTranscription,
  checkPlatformCopy,
  signatureChecklist,
  setSignoff,
  narrativeSections,
  defaultExportDir,
  showFolder,
  allConflicts,
  linkConflictPeople,
  listPlatforms,
  importRegistryJson,
  savePlatform,
  deletePlatform,
} = commands
