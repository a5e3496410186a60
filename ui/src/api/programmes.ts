// Commands about the programme packs the user loads (导入申报规则): the generated wrappers, by name.
// The list itself comes from listProgrammes (./checks).
import { commands } from '../bindings/commands'

export const { importPack, previewPackImport, removeUserPack, applicationPackVersions, previewPackMove, movePack } = commands
