// Commands of the rules engine, duplicates, the registry and export: the generated wrappers.
import { commands } from '../bindings/commands'

export const {
  listProgrammes,
  checkApplication,
  exportDocuments,
  previewDocument,
  showFolder,
  allConflicts,
  listPlatforms,
  importRegistryJson,
  savePlatform,
  deletePlatform,
} = commands
