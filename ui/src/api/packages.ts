// Commands of co-builder packages (共建单位材料包): the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const { exportPackage, openPackage, previewPackage, applyPackage, checkPackageDraft } = commands
