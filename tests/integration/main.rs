//! The core's integration tests, in one binary: store, interchange, CLI (and rules, duplicates,
//! PDF as those land). Each test opens its own real SQLite file in a temporary directory.

mod cli;
mod common;
mod duplicates;
mod interchange;
mod pdf;
mod rules;
mod store;
