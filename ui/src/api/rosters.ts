// Commands of roster import from spreadsheets and CSV (从表格导入): the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const { previewRosterImport, commitRosterImport, saveRosterTemplate, previewPaste } = commands
