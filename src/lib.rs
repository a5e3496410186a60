//! Shenbao core: the application model, validation, storage, interchange, rules, duplicates, PDF.
//! This crate never depends on tauri; the desktop shell in `src-tauri/` calls into it.

pub mod attachment;
#[cfg(test)]
mod bindings;
pub mod completeness;
pub mod duplicates;
pub mod evidence;
pub mod help;
pub mod identity;
pub mod import;
pub mod interchange;
pub mod labels;
pub mod model;
pub mod package;
pub mod packkit;
pub mod paper;
pub(crate) mod parallel;
pub mod pdf;
pub mod platform_copy;
pub mod quantity;
pub mod registry;
pub mod rules;
pub mod samples;
pub mod service;
pub mod shingles;
pub mod signatures;
pub mod store;
pub mod transcription;
pub mod validate;
pub mod within;
