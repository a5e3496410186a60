// Commands about applications (申报书).
import type { ApplicationSummary } from '../bindings/ApplicationSummary'
import { commands } from '../bindings/commands'

/** All applications in the database, as the Rust side orders them. */
export function listApplications(): Promise<ApplicationSummary[]> {
  return commands.listApplications()
}
