//! The hostile-input table: each expensive construction, parsed and rendered in release,
//! with its time. `cargo bench -p rfi-parse-bench --bench hostile`.

use std::time::Instant;

// The constructions are the ones the library's test checks for bounded output.
#[allow(dead_code, unused_imports)]
#[path = "../../rfi-parse/tests/hostile.rs"]
mod cases;

fn main() {
    println!(
        "{:<48} {:>10} {:>10} {:>12}",
        "construction", "input", "seconds", "JSON bytes"
    );
    for (name, body) in cases::constructions() {
        let input = format!("<!--1686586501000-->\n[t](https://www.rfi.fr/cn/x)\n------\n\n{body}");
        let started = Instant::now();
        let article =
            rfi_parse::parse(&input, &rfi_parse::ParseOptions::default()).expect("converts");
        let mut json = Vec::new();
        rfi_parse::Format::Json.render(&article, None, &mut json);
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name:<48} {:>10} {seconds:>10.3} {:>12}",
            input.len(),
            json.len()
        );
    }
    // Bodies of `&` without `;`, parsed and rendered as Markdown, at 1 MiB.
    for (name, body) in cases::markdown_writer_constructions(1 << 20) {
        let input = format!("<!--1686586501000-->\n[t](https://www.rfi.fr/cn/x)\n------\n\n{body}");
        let started = Instant::now();
        let article =
            rfi_parse::parse(&input, &rfi_parse::ParseOptions::default()).expect("converts");
        let mut md = Vec::new();
        rfi_parse::Format::Markdown.render(&article, None, &mut md);
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "{name:<48} {:>10} {seconds:>10.3} {:>12}",
            input.len(),
            md.len()
        );
    }
    // Jekyll Markdown posts (`_posts/*.md`), at 1 and 5 MiB.
    let markdown = rfi_parse::ParseOptions::default().body_markup(rfi_parse::BodyMarkup::Markdown);
    for bytes in [1 << 20, 5 << 20] {
        for (name, post) in cases::markdown_constructions(bytes) {
            let started = Instant::now();
            let article = rfi_parse::parse(&post, &markdown).expect("converts");
            let mut json = Vec::new();
            rfi_parse::Format::Json.render(&article, None, &mut json);
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "{name:<48} {:>10} {seconds:>10.3} {:>12}",
                post.len(),
                json.len()
            );
        }
    }
}
