//! Shenbao core: the application model, validation, storage, interchange, rules, duplicates, PDF.
//! This crate never depends on tauri; the desktop shell in `src-tauri/` calls into it.

pub mod interchange;
pub mod model;
pub mod quantity;
pub mod samples;
pub mod store;
pub mod validate;
