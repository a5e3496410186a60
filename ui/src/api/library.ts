// Commands of the unit's library (单位资料库): the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const {
  libraryList,
  libraryChoices,
  libraryShow,
  libraryLinks,
  libraryCollect,
  libraryKeepRows,
  libraryPick,
  libraryPreview,
  libraryApply,
} = commands
