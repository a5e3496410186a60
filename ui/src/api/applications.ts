// Commands about applications (申报书) and their rows: the generated wrappers, by name.
import { commands } from '../bindings/commands'

export const {
  startupStatus,
  listApplications,
  loadApplication,
  createApplication,
  createSampleApplication,
  deleteApplication,
  updateApplicationField,
  saveRow,
  saveFieldChecked,
  saveRowChecked,
  deleteRow,
  importApplicationJson,
  exportApplicationJson,
} = commands
