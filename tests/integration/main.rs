//! The core's integration tests, in one binary: store, interchange, CLI (and rules, duplicates,
//! PDF as those land). Each test opens its own real SQLite file in a temporary directory.

mod about;
mod backup;
mod cli;
mod cli_hygiene;
mod commitment;
mod common;
mod crash;
mod cross_checks;
mod damaged;
mod duplicates;
mod evidence;
mod help;
mod history;
mod home;
mod interchange;
mod library;
mod one_writer;
mod pack_kit;
mod pack_presentation;
mod pack_versions;
mod package;
mod paste;
mod pdf;
mod platform_copy;
mod registry;
mod roster_import;
mod rules;
mod save_row;
mod schedule;
mod seal;
mod signatures;
mod store;
mod transcription;
mod user_packs;
