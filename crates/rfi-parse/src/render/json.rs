//! JSON: one pretty object, or one compact line per article (JSON Lines).

use crate::article::Article;

pub(crate) fn render_pretty(article: &Article, out: &mut Vec<u8>) {
    serde_json::to_writer_pretty(&mut *out, article).expect("an Article always serializes");
    out.push(b'\n');
}

pub(crate) fn render_line(article: &Article, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, article).expect("an Article always serializes");
    out.push(b'\n');
}
