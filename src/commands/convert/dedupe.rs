//! `--dedupe`: one article per URL or per text, the latest collected, chosen in a first
//! pass that keeps a fingerprint per key, so memory grows with the files, not their text.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rfi_parse::ParseOptions;

use crate::batch::ordered::ordered_map;
use crate::batch::site::SiteZones;
use crate::batch::{Input, WalkError};
use crate::cli::Dedupe;
use crate::fingerprint::{content_hash, url_fingerprint};

/// Which inputs to keep, in input order: for each key, the one with the greatest
/// collection time (the first of equals). Inputs without a key (no URL, unreadable,
/// unparseable) are all kept, so that their failures are still reported.
pub fn latest_per_key(
    pool: &rayon::ThreadPool,
    inputs: &[Result<Input, WalkError>],
    key: Dedupe,
    options: &ParseOptions,
    site_zones: &SiteZones,
    max_size: u64,
) -> Vec<bool> {
    let mut keys: Vec<Option<(u64, i64)>> = Vec::with_capacity(inputs.len());
    // The same parallel, ordered map as conversion; nothing here can stop it.
    let _: Option<()> = ordered_map(
        pool,
        inputs.iter(),
        pool.current_num_threads() * 4,
        // An input whose reading panics has no key: kept, its conversion reports it.
        |input| {
            crate::batch::contain::contain(|| key_of(input, key, options, site_zones, max_size))
                .ok()
                .flatten()
        },
        |found| {
            keys.push(found);
            ControlFlow::Continue(())
        },
    );
    let mut best: HashMap<u64, (i64, usize)> = HashMap::new();
    for (index, found) in keys.iter().enumerate() {
        if let Some((hash, timestamp)) = found {
            best.entry(*hash)
                .and_modify(|kept| {
                    if *timestamp > kept.0 {
                        *kept = (*timestamp, index);
                    }
                })
                .or_insert((*timestamp, index));
        }
    }
    keys.iter()
        .enumerate()
        .map(|(index, found)| match found {
            Some((hash, _)) => best[hash].1 == index,
            None => true,
        })
        .collect()
}

/// The key's fingerprint and the collection time of one input.
fn key_of(
    input: &Result<Input, WalkError>,
    key: Dedupe,
    options: &ParseOptions,
    site_zones: &SiteZones,
    max_size: u64,
) -> Option<(u64, i64)> {
    let input = input.as_ref().ok()?;
    let bytes = input.read(max_size).ok()?.bytes;
    let options = &site_zones.options_for(input, options).ok()?;
    // The same fingerprints as `check`'s duplicate rules.
    match key {
        Dedupe::Url => {
            let header = rfi_parse::parse_header(&bytes, options).ok()?;
            Some((url_fingerprint(&header.url?), header.timestamp_ms))
        }
        Dedupe::Content => {
            let article = rfi_parse::parse(&bytes, options).ok()?;
            Some((content_hash(&article)?, article.timestamp_ms))
        }
    }
}
