//! Fingerprints of addresses and texts, the keys of duplicate detection in `check` and `--dedupe`.

use std::hash::{Hash, Hasher};

use rfi_parse::Article;

/// A fingerprint of an article's address without its fragment: BBC collections list one
/// article under `…/simp#0`, `…/simp#3`, which a browser loads as one page.
pub fn url_fingerprint(url: &str) -> u64 {
    fingerprint(url.split_once('#').map_or(url, |(page, _)| page))
}

/// A 64-bit fingerprint (SipHash with fixed keys: the same in every run).
pub fn fingerprint(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A fingerprint of the article's text; `None` when there is no text to compare.
pub fn content_hash(article: &Article) -> Option<u64> {
    let paragraphs = article.paragraphs();
    let count = paragraphs.clone().count();
    if count == 0 {
        return None;
    }
    // SipHash with fixed keys: the same text hashes the same in every run. The
    // paragraphs are hashed as a `Vec<String>` of them hashes (its length, then each).
    let mut hasher = std::hash::DefaultHasher::new();
    article.lead.hash(&mut hasher);
    count.hash(&mut hasher);
    paragraphs.for_each(|paragraph| paragraph.hash(&mut hasher));
    Some(hasher.finish())
}
