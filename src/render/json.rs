//! JSON: one pretty object, or one compact line per article (JSON Lines).
//!
//! Written with sonic-rs, whose SIMD string escaping halves the cost of JSON output next
//! to serde_json; its bytes are the same, which a test below checks.

use crate::article::Article;

pub fn render_pretty(article: &Article, out: &mut Vec<u8>) {
    sonic_rs::to_writer_pretty(&mut *out, article).expect("an Article always serializes");
    out.push(b'\n');
}

pub fn render_line(article: &Article, out: &mut Vec<u8>) {
    sonic_rs::to_writer(&mut *out, article).expect("an Article always serializes");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The output must be byte for byte what serde_json writes, escapes included.
    #[test]
    fn same_bytes_as_serde_json() {
        for input in [
            include_str!("../../fixtures/rfi-seed.txt"),
            include_str!("../../fixtures/hostile.txt"),
            "<!--1-->\n[\"q\" \\ \u{1f}\u{7f}\u{2028}</script>](u)\n------\n\n<p>\u{0}\t©</p>",
        ] {
            let mut article = crate::parse(input).unwrap();
            article.source = Some("a/\"b\".txt".into());
            let (mut line, mut pretty) = (Vec::new(), Vec::new());
            render_line(&article, &mut line);
            render_pretty(&article, &mut pretty);
            assert_eq!(
                line,
                [serde_json::to_vec(&article).unwrap(), b"\n".to_vec()].concat()
            );
            assert_eq!(
                pretty,
                [serde_json::to_vec_pretty(&article).unwrap(), b"\n".to_vec()].concat()
            );
        }
    }
}
