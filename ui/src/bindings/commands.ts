// Generated from src-tauri/src/commands.rs by src-tauri/tests/commands_ts.rs. Do not edit.
import { call } from "../api/invoke";
import type { Application } from "./Application";
import type { ApplicationSummary } from "./ApplicationSummary";
import type { StartupStatus } from "./StartupStatus";

/** Shenbao's commands; a failure rejects with a `CommandError` `{ code, message }`. */
export const commands = {
  startupStatus: (): Promise<StartupStatus> => call("startup_status"),
  listApplications: (): Promise<ApplicationSummary[]> => call("list_applications"),
  loadApplication: (id: number): Promise<Application> => call("load_application", { id }),
};
