//! The inputs the arguments name: paths and `--files-from` lists, walked lazily.

use std::fs::File;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use crate::batch::display::display_path;
use crate::batch::path_list::path_list;
use crate::batch::{Input, Walk, WalkError};
use anyhow::{Context, Result};

use crate::cli::InputConfig;

pub type Inputs = Box<dyn Iterator<Item = Result<Input, WalkError>> + Send>;

/// Every input, lazily: the paths first, then the `--files-from` list.
pub fn inputs(config: &InputConfig) -> Result<Inputs> {
    let listed: Box<dyn Iterator<Item = io::Result<PathBuf>> + Send> = match &config.files_from {
        None => Box::new(std::iter::empty()),
        Some(list) if list.as_os_str() == "-" => {
            Box::new(path_list(BufReader::new(io::stdin()), config.null))
        }
        Some(list) => {
            let file =
                File::open(list).with_context(|| format!("cannot read {}", display_path(list)))?;
            if file.metadata().is_ok_and(|meta| meta.is_dir()) {
                anyhow::bail!(
                    "--files-from {} is a folder: give a file that lists paths, or the folder as a PATH",
                    display_path(list)
                );
            }
            Box::new(path_list(BufReader::new(file), config.null))
        }
    };
    let list_name = display_path(config.files_from.as_deref().unwrap_or(Path::new("")));
    Ok(walk_all(
        config,
        config.paths.clone().into_iter().map(Ok).chain(listed),
        list_name,
    ))
}

fn walk_all(
    config: &InputConfig,
    paths: impl Iterator<Item = io::Result<PathBuf>> + Send + 'static,
    list_name: String,
) -> Inputs {
    let pattern = config.pattern.clone();
    let skip = config.skip.clone();
    Box::new(paths.flat_map(move |path| -> Inputs {
        match path {
            Ok(path) => Box::new(Walk::new(&path, pattern.as_ref()).skipping(skip.as_deref())),
            Err(error) => Box::new(std::iter::once(Err(WalkError {
                source: list_name.clone(),
                error,
            }))),
        }
    }))
}

/// How many inputs there are, for the progress bar; `None` when a list comes from
/// standard input, which cannot be read twice.
pub fn count_inputs(config: &InputConfig) -> Option<u64> {
    if config
        .files_from
        .as_deref()
        .is_some_and(|list| list.as_os_str() == "-")
    {
        return None;
    }
    Some(inputs(config).ok()?.count() as u64)
}

/// A rayon pool of the configured size.
pub fn pool(config: &InputConfig) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start worker threads")
}

/// The message of a run that found nothing to read.
pub fn no_input(config: &InputConfig) -> String {
    let named: Vec<String> = config.paths.iter().map(|path| display_path(path)).collect();
    let mut message = format!("no input found in {}", named.join(", "));
    if let Some(list) = &config.files_from {
        message = format!(
            "no input found in {} or the list {}",
            named.join(", "),
            display_path(list)
        );
        if config.paths.is_empty() {
            message = format!("no input found in the list {}", display_path(list));
        }
    }
    if config.paths.iter().any(|path| path.is_dir()) {
        message += &format!(" (folders are searched for {})", config.pattern_glob);
    }
    message
}
