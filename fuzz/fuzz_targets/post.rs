//! Fuzz target: any bytes as a post's front matter and body, HTML or Markdown, must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rfi_parse::{BodyMarkup, Format, ParseOptions};

fuzz_target!(|data: &[u8]| {
    // The first half is the front matter (after a valid title and date, so that the
    // YAML reader sees all of it), the rest the body.
    let split = data.len() / 2;
    let mut post = b"---\ntitle: T\ndate: 2023-07-01 08:00\n".to_vec();
    post.extend_from_slice(&data[..split]);
    post.extend_from_slice(b"\n---\n");
    post.extend_from_slice(&data[split..]);
    for markup in [BodyMarkup::Html, BodyMarkup::Markdown] {
        let options = ParseOptions::new().body_markup(markup);
        for input in [&post[..], data] {
            if let Ok(article) = rfi_parse::parse(input, &options) {
                for format in [Format::Json, Format::Markdown, Format::Text] {
                    let mut out = Vec::new();
                    format.render(&article, None, &mut out);
                    assert!(std::str::from_utf8(&out).is_ok());
                }
            }
        }
    }
});
