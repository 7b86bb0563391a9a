//! Fuzz target: any bytes through decoding, parsing and every writer must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rfi_parse::Format;

fuzz_target!(|data: &[u8]| {
    let options = rfi_parse::ParseOptions::default();
    if let Ok(article) = rfi_parse::parse(data, &options) {
        for format in [Format::Json, Format::JsonLines, Format::Markdown, Format::Text] {
            let mut out = Vec::new();
            format.render(&article, None, &mut out);
            assert!(std::str::from_utf8(&out).is_ok());
        }
    }
    // The same bytes behind a valid header reach the HTML extraction every time.
    let mut framed = b"<!--1686586501000-->\n[t](https://www.rfi.fr/cn/x)\n------\n\n".to_vec();
    framed.extend_from_slice(data);
    let article = rfi_parse::parse(&framed, &options);
    if let Ok(article) = article {
        let mut out = Vec::new();
        Format::Markdown.render(&article, None, &mut out);
    }
});
