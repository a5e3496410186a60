// Commands of 关于申报通 and the help (帮助): the generated wrappers, by name, and their types.
import { commands } from '../bindings/commands'

export const { about } = commands
export type { About } from '../bindings/About'
export type { AboutPack } from '../bindings/AboutPack'
export const { stepHelp } = commands
export type { StepHelp } from '../bindings/StepHelp'
export type { HelpItem } from '../bindings/HelpItem'
