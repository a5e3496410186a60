// Commands of the way to the post office (报送进度): the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const { schedule, setMilestone, setMailingDays, reminders } = commands
