// Generated from src-tauri/src/commands.rs by src-tauri/tests/commands_ts.rs. Do not edit.
import { call } from "../api/invoke";
import type { Application } from "./Application";
import type { ApplicationField } from "./ApplicationField";
import type { ApplicationSummary } from "./ApplicationSummary";
import type { ExistingPlatform } from "./ExistingPlatform";
import type { ProgrammeSummary } from "./ProgrammeSummary";
import type { RegistryCheck } from "./RegistryCheck";
import type { Report } from "./Report";
import type { RowData } from "./RowData";
import type { RowKind } from "./RowKind";
import type { StartupStatus } from "./StartupStatus";

/** Shenbao's commands; a failure rejects with a `CommandError` `{ code, message }`. */
export const commands = {
  startupStatus: (): Promise<StartupStatus> => call("startup_status"),
  listApplications: (): Promise<ApplicationSummary[]> => call("list_applications"),
  loadApplication: (id: number): Promise<Application> => call("load_application", { id }),
  createApplication: (application: Application): Promise<number> => call("create_application", { application }),
  createSampleApplication: (): Promise<number> => call("create_sample_application"),
  deleteApplication: (id: number): Promise<Application> => call("delete_application", { id }),
  updateApplicationField: (id: number, change: ApplicationField): Promise<void> => call("update_application_field", { id, change }),
  saveRow: (applicationId: number, row: RowData): Promise<number> => call("save_row", { applicationId, row }),
  deleteRow: (applicationId: number, kind: RowKind, id: number): Promise<RowData> => call("delete_row", { applicationId, kind, id }),
  importApplicationJson: (text: string): Promise<number> => call("import_application_json", { text }),
  exportApplicationJson: (id: number): Promise<string> => call("export_application_json", { id }),
  listProgrammes: (): Promise<ProgrammeSummary[]> => call("list_programmes"),
  checkApplication: (id: number): Promise<RegistryCheck> => call("check_application", { id }),
  allConflicts: (): Promise<Report> => call("all_conflicts"),
  listPlatforms: (): Promise<ExistingPlatform[]> => call("list_platforms"),
  importRegistryJson: (text: string): Promise<number> => call("import_registry_json", { text }),
  exportDocuments: (id: number, which: string[], dir: string): Promise<string[]> => call("export_documents", { id, which, dir }),
};
