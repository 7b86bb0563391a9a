//! The command line's machinery as a library: arguments, walking, ordered batches, commands.

pub mod batch;
pub mod cli;
pub mod commands;
pub mod fingerprint;
pub mod inputs;
pub mod lint;
pub mod progress;
pub mod schema;

/// The exit status of a run ended by SIGINT, as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;
