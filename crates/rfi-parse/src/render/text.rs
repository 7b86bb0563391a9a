//! Plain text: title, date line, then lead and paragraphs separated by blank lines.

use crate::article::Article;

pub(crate) fn render(article: &Article, out: &mut Vec<u8>) {
    let mut text = String::with_capacity(256);
    text.push_str(&article.title);
    text.push('\n');
    if let Some(date_line) = &article.date_line {
        text.push_str(date_line);
        text.push('\n');
    }
    for paragraph in article
        .lead
        .as_deref()
        .into_iter()
        .chain(article.paragraphs())
    {
        text.push('\n');
        text.push_str(paragraph);
        text.push('\n');
    }
    out.extend_from_slice(text.as_bytes());
}
