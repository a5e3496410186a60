//! The app's start: the store the window's commands use, the sample on a first start, and the
//! daily backup, made through a reader of its own once the commands have their store.

use shenbao::store::backup;

#[test]
fn a_first_start_loads_the_sample_and_makes_the_daily_backup_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shenbao.sqlite");
    let state = shenbao_app::AppState::open(&path);
    let listed = state.with(|s| Ok(s.list_applications()?)).expect("the commands have their store");
    assert_eq!(listed.len(), 1, "the sample");
    let backups = backup::list(&dir.path().join(backup::BACKUP_DIR)).unwrap();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].kind, backup::BackupKind::Daily);
    assert_eq!(backups[0].applications, Some(1), "the backup holds the sample");
    // The store is still the writer: an edit after the backup is saved.
    state.with(|s| Ok(s.delete_application(listed[0].id)?)).expect("the writer still writes");
    drop(state);
    // A second start the same day makes no second backup.
    let again = shenbao_app::AppState::open(&path);
    assert_eq!(backup::list(&dir.path().join(backup::BACKUP_DIR)).unwrap().len(), 1);
    drop(again);
}
