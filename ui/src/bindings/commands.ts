// Generated from src-tauri/src/commands.rs by src-tauri/tests/commands_ts.rs. Do not edit.
import { call } from "../api/invoke";
import type { About } from "./About";
import type { Application } from "./Application";
import type { ApplicationField } from "./ApplicationField";
import type { ApplicationPackVersions } from "./ApplicationPackVersions";
import type { ApplicationSummary } from "./ApplicationSummary";
import type { AttachedFile } from "./AttachedFile";
import type { BackupInfo } from "./BackupInfo";
import type { Bytes } from "./Bytes";
import type { ColumnMap } from "./ColumnMap";
import type { DraftCheck } from "./DraftCheck";
import type { EmptyPart } from "./EmptyPart";
import type { EvidenceItem } from "./EvidenceItem";
import type { Evidences } from "./Evidences";
import type { ExistingPlatform } from "./ExistingPlatform";
import type { HistoryLine } from "./HistoryLine";
import type { HomeVerdict } from "./HomeVerdict";
import type { ImportKind } from "./ImportKind";
import type { LibraryApplied } from "./LibraryApplied";
import type { LibraryDetail } from "./LibraryDetail";
import type { LibraryKept } from "./LibraryKept";
import type { LibraryKind } from "./LibraryKind";
import type { LibraryListing } from "./LibraryListing";
import type { LibraryPreview } from "./LibraryPreview";
import type { MilestoneChange } from "./MilestoneChange";
import type { NarrativeSection } from "./NarrativeSection";
import type { OpenedDraft } from "./OpenedDraft";
import type { OpenedPackageFile } from "./OpenedPackageFile";
import type { PackDiff } from "./PackDiff";
import type { PackImport } from "./PackImport";
import type { PackMove } from "./PackMove";
import type { PackageDecisions } from "./PackageDecisions";
import type { PackagePreview } from "./PackagePreview";
import type { PackageSummary } from "./PackageSummary";
import type { PersonRef } from "./PersonRef";
import type { PlatformCopyReport } from "./PlatformCopyReport";
import type { Preview } from "./Preview";
import type { ProgrammeSummary } from "./ProgrammeSummary";
import type { RegistryCheck } from "./RegistryCheck";
import type { Reminder } from "./Reminder";
import type { Report } from "./Report";
import type { RosterRow } from "./RosterRow";
import type { RowData } from "./RowData";
import type { RowKind } from "./RowKind";
import type { RowLink } from "./RowLink";
import type { SavedField } from "./SavedField";
import type { SavedFieldChecked } from "./SavedFieldChecked";
import type { SavedRow } from "./SavedRow";
import type { SavedRowChecked } from "./SavedRowChecked";
import type { Schedule } from "./Schedule";
import type { SealBadge } from "./SealBadge";
import type { SealDiff } from "./SealDiff";
import type { SealSummary } from "./SealSummary";
import type { SignatureChecklist } from "./SignatureChecklist";
import type { StartupStatus } from "./StartupStatus";
import type { StepHelp } from "./StepHelp";
import type { TranscriptionSheet } from "./TranscriptionSheet";

/** Shenbao's commands; a failure rejects with a `CommandError` `{ code, message }`. */
export const commands = {
  startupStatus: (): Promise<StartupStatus> => call("startup_status"),
  listApplications: (): Promise<ApplicationSummary[]> => call("list_applications"),
  loadApplication: (id: number): Promise<Application> => call("load_application", { id }),
  createApplication: (application: Application): Promise<number> => call("create_application", { application }),
  createSampleApplication: (): Promise<number> => call("create_sample_application"),
  deleteApplication: (id: number): Promise<Application> => call("delete_application", { id }),
  updateApplicationField: (id: number, change: ApplicationField): Promise<SavedField> => call("update_application_field", { id, change }),
  saveRow: (applicationId: number, row: RowData): Promise<SavedRow> => call("save_row", { applicationId, row }),
  saveFieldChecked: (id: number, change: ApplicationField): Promise<SavedFieldChecked> => call("save_field_checked", { id, change }),
  saveRowChecked: (applicationId: number, row: RowData): Promise<SavedRowChecked> => call("save_row_checked", { applicationId, row }),
  libraryList: (unit: string | null, kind: LibraryKind | null, text: string): Promise<LibraryListing> => call("library_list", { unit, kind, text }),
  libraryChoices: (applicationId: number, kind: LibraryKind, allUnits: boolean, text: string): Promise<LibraryListing> => call("library_choices", { applicationId, kind, allUnits, text }),
  libraryShow: (record: number): Promise<LibraryDetail> => call("library_show", { record }),
  libraryLinks: (applicationId: number): Promise<RowLink[]> => call("library_links", { applicationId }),
  libraryCollect: (): Promise<number> => call("library_collect"),
  libraryKeepRows: (applicationId: number, kind: LibraryKind, rows: number[]): Promise<LibraryKept> => call("library_keep_rows", { applicationId, kind, rows }),
  libraryPick: (applicationId: number, records: number[]): Promise<SavedRow[]> => call("library_pick", { applicationId, records }),
  libraryPreview: (record: number, edited: RowData): Promise<LibraryPreview> => call("library_preview", { record, edited }),
  libraryApply: (record: number, edited: RowData): Promise<LibraryApplied> => call("library_apply", { record, edited }),
  deleteRow: (applicationId: number, kind: RowKind, id: number): Promise<RowData> => call("delete_row", { applicationId, kind, id }),
  importApplicationJson: (text: string): Promise<number> => call("import_application_json", { text }),
  exportApplicationJson: (id: number): Promise<string> => call("export_application_json", { id }),
  listProgrammes: (): Promise<ProgrammeSummary[]> => call("list_programmes"),
  importPack: (fileName: string, text: string): Promise<PackImport> => call("import_pack", { fileName, text }),
  previewPackImport: (fileName: string, text: string): Promise<PackDiff | null> => call("preview_pack_import", { fileName, text }),
  removeUserPack: (id: string): Promise<void> => call("remove_user_pack", { id }),
  applicationPackVersions: (id: number): Promise<ApplicationPackVersions> => call("application_pack_versions", { id }),
  previewPackMove: (id: number, version: string): Promise<PackMove> => call("preview_pack_move", { id, version }),
  movePack: (id: number, version: string): Promise<PackMove> => call("move_pack", { id, version }),
  checkApplication: (id: number): Promise<RegistryCheck> => call("check_application", { id }),
  homeVerdicts: (): Promise<HomeVerdict[]> => call("home_verdicts"),
  allConflicts: (): Promise<Report> => call("all_conflicts"),
  linkConflictPeople: (first: PersonRef, second: PersonRef): Promise<string> => call("link_conflict_people", { first, second }),
  listPlatforms: (): Promise<ExistingPlatform[]> => call("list_platforms"),
  importRegistryJson: (text: string): Promise<number> => call("import_registry_json", { text }),
  savePlatform: (platform: ExistingPlatform): Promise<number> => call("save_platform", { platform }),
  deletePlatform: (id: number): Promise<ExistingPlatform> => call("delete_platform", { id }),
  exportDocuments: (id: number, which: string[], dir: string): Promise<string[]> => call("export_documents", { id, which, dir }),
  previewDocument: (id: number, which: string): Promise<ArrayBuffer> => call("preview_document", { id, which }),
  emptyParts: (id: number): Promise<EmptyPart[]> => call("empty_parts", { id }),
  schedule: (id: number): Promise<Schedule> => call("schedule", { id }),
  signatureChecklist: (id: number): Promise<SignatureChecklist> => call("signature_checklist", { id }),
  setSignoff: (id: number, key: string, done: boolean): Promise<SignatureChecklist> => call("set_signoff", { id, key, done }),
  setMilestone: (id: number, change: MilestoneChange): Promise<Schedule> => call("set_milestone", { id, change }),
  setMailingDays: (id: number, days: number): Promise<Schedule> => call("set_mailing_days", { id, days }),
  reminders: (): Promise<Reminder[]> => call("reminders"),
  transcription: (id: number): Promise<TranscriptionSheet> => call("transcription", { id }),
  saveTranscription: (id: number, path: string): Promise<void> => call("save_transcription", { id, path }),
  checkPlatformCopy: (id: number, path: string): Promise<PlatformCopyReport> => call("check_platform_copy", { id, path }),
  narrativeSections: (): Promise<NarrativeSection[]> => call("narrative_sections"),
  defaultExportDir: (): Promise<string> => call("default_export_dir"),
  about: (): Promise<About> => call("about"),
  stepHelp: (id: number, step: string): Promise<StepHelp> => call("step_help", { id, step }),
  sealApplication: (id: number, note: string): Promise<SealSummary> => call("seal_application", { id, note }),
  listSeals: (id: number): Promise<SealSummary[]> => call("list_seals", { id }),
  sealDiff: (id: number, against: number | null): Promise<SealDiff> => call("seal_diff", { id, against }),
  sealBadges: (): Promise<SealBadge[]> => call("seal_badges"),
  reprintSealedReviewSheet: (seal: number, path: string): Promise<void> => call("reprint_sealed_review_sheet", { seal, path }),
  applicationHistory: (id: number, row: RosterRow | null): Promise<HistoryLine[]> => call("application_history", { id, row }),
  backupNow: (): Promise<string> => call("backup_now"),
  backupToFolder: (folder: string): Promise<string> => call("backup_to_folder", { folder }),
  listBackups: (): Promise<BackupInfo[]> => call("list_backups"),
  restoreBackup: (file: string): Promise<string> => call("restore_backup", { file }),
  previewRosterImport: (applicationId: number, kind: ImportKind, fileName: string, bytes: Bytes, map: ColumnMap): Promise<Preview> => call("preview_roster_import", { applicationId, kind, fileName, bytes, map }),
  commitRosterImport: (applicationId: number, kind: ImportKind, fileName: string, bytes: Bytes, map: ColumnMap): Promise<number> => call("commit_roster_import", { applicationId, kind, fileName, bytes, map }),
  previewPaste: (applicationId: number, kind: ImportKind, text: string): Promise<Preview> => call("preview_paste", { applicationId, kind, text }),
  rosterTemplate: (kind: ImportKind): Promise<Bytes> => call("roster_template", { kind }),
  saveRosterTemplate: (kind: ImportKind, path: string): Promise<void> => call("save_roster_template", { kind, path }),
  listEvidence: (applicationId: number): Promise<EvidenceItem[]> => call("list_evidence", { applicationId }),
  attachEvidence: (applicationId: number, item: string, paths: string[]): Promise<AttachedFile[]> => call("attach_evidence", { applicationId, item, paths }),
  evidenceFile: (applicationId: number, file: number): Promise<ArrayBuffer> => call("evidence_file", { applicationId, file }),
  evidenceFileRange: (applicationId: number, file: number, begin: number, end: number): Promise<ArrayBuffer> => call("evidence_file_range", { applicationId, file, begin, end }),
  reorderEvidence: (applicationId: number, item: string, order: number[]): Promise<void> => call("reorder_evidence", { applicationId, item, order }),
  removeEvidenceFile: (applicationId: number, file: number): Promise<AttachedFile> => call("remove_evidence_file", { applicationId, file }),
  addEvidenceItem: (applicationId: number, title: string, evidences: Evidences, required: boolean): Promise<EvidenceItem[]> => call("add_evidence_item", { applicationId, title, evidences, required }),
  removeEvidenceItem: (applicationId: number, item: string): Promise<void> => call("remove_evidence_item", { applicationId, item }),
  exportPackage: (id: number, unit: number | null, path: string): Promise<string> => call("export_package", { id, unit, path }),
  takeFilesToOpen: (): Promise<string[]> => call("take_files_to_open"),
  openPackageFile: (path: string): Promise<OpenedPackageFile> => call("open_package_file", { path }),
  openPackage: (text: string): Promise<OpenedDraft> => call("open_package", { text }),
  previewPackage: (text: string): Promise<PackagePreview> => call("preview_package", { text }),
  applyPackage: (text: string, decisions: PackageDecisions): Promise<PackageSummary> => call("apply_package", { text, decisions }),
  checkPackageDraft: (id: number): Promise<DraftCheck | null> => call("check_package_draft", { id }),
  showFolder: (dir: string): Promise<void> => call("show_folder", { dir }),
};
