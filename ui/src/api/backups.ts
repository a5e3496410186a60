// Commands about backups of the database (数据备份): the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const { backupNow, backupToFolder, listBackups, restoreBackup } = commands
