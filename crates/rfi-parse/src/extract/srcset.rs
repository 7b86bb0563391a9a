//! `srcset` attributes, read by the WHATWG "parse a srcset attribute" algorithm.
//!
//! A candidate's URL runs to the next ASCII whitespace and may itself contain commas
//! (RFI's image URLs carry `m:{"brand":"RFI","lang":"CN",…}`); only commas at its end
//! separate candidates. Descriptors (`246w`, `2x`) are tokenized with the spec's
//! parenthesis rule and validated, so a candidate with broken descriptors is dropped as
//! a browser drops it.

/// The candidates' URLs in order, each with its descriptors validated.
pub(crate) fn candidate_urls(input: &str) -> impl Iterator<Item = &str> {
    let mut rest = input;
    std::iter::from_fn(move || {
        loop {
            // Step: skip ASCII whitespace and commas before a candidate.
            rest = rest.trim_start_matches(|c: char| is_ascii_whitespace(c) || c == ',');
            if rest.is_empty() {
                return None;
            }
            let url_end = rest.find(is_ascii_whitespace).unwrap_or(rest.len());
            let (url, after) = rest.split_at(url_end);
            rest = after;
            if let Some(url) = url.strip_suffix(',') {
                // Trailing commas end the candidate: no descriptors.
                return Some(url.trim_end_matches(','));
            }
            let (descriptors, after) = split_descriptors(rest);
            rest = after;
            if descriptors_are_valid(&descriptors) {
                return Some(url);
            }
        }
    })
}

/// The descriptor tokens after a URL, up to the comma that ends the candidate (one
/// outside parentheses), and what follows that comma.
fn split_descriptors(input: &str) -> (Vec<&str>, &str) {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_parens = false;
    for (at, c) in input.char_indices() {
        if in_parens {
            if c == ')' {
                in_parens = false;
            }
            continue;
        }
        match c {
            c if is_ascii_whitespace(c) => {
                if let Some(from) = start.take() {
                    tokens.push(&input[from..at]);
                }
            }
            ',' => {
                if let Some(from) = start.take() {
                    tokens.push(&input[from..at]);
                }
                return (tokens, &input[at + 1..]);
            }
            '(' => {
                start.get_or_insert(at);
                in_parens = true;
            }
            _ => {
                start.get_or_insert(at);
            }
        }
    }
    if let Some(from) = start {
        tokens.push(&input[from..]);
    }
    (tokens, "")
}

/// The spec's descriptor checks: at most one width or density, at most one height, and
/// a height only beside a width.
fn descriptors_are_valid(descriptors: &[&str]) -> bool {
    let (mut width, mut density, mut height) = (false, false, false);
    for descriptor in descriptors {
        let Some(last) = descriptor.chars().last() else {
            continue;
        };
        let value = &descriptor[..descriptor.len() - last.len_utf8()];
        match last {
            'w' if !width && !density && is_positive_integer(value) => width = true,
            'x' if !width && !density && !height && is_non_negative_float(value) => {
                density = true;
            }
            'h' if !height && !density && is_positive_integer(value) => height = true,
            _ => return false,
        }
    }
    !height || width
}

fn is_positive_integer(value: &str) -> bool {
    !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && value.bytes().any(|b| b != b'0')
}

/// A valid floating-point number (`1`, `1.5`, `.5`, `2e1`), not negative.
fn is_non_negative_float(value: &str) -> bool {
    let mantissa_end = value.find(['e', 'E']).unwrap_or(value.len());
    let (mantissa, exponent) = value.split_at(mantissa_end);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(whole)
        && digits(fraction)
        && !(whole.is_empty() && fraction.is_empty())
        && !mantissa.ends_with('.');
    let exponent_ok = match exponent.get(1..) {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && digits(e)
        }
    };
    mantissa_ok && exponent_ok
}

/// ASCII whitespace as the HTML spec defines it (no vertical tab).
fn is_ascii_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

#[cfg(test)]
mod tests {
    use super::candidate_urls;

    fn urls(srcset: &str) -> Vec<&str> {
        candidate_urls(srcset).collect()
    }

    #[test]
    fn the_specs_examples() {
        assert_eq!(
            urls("images/photo.jpg, images/photo@2x.jpg 2x"),
            ["images/photo.jpg", "images/photo@2x.jpg"]
        );
        assert_eq!(
            urls("elva-fairy-320w.jpg 320w, elva-fairy-480w.jpg 480w, elva-fairy-800w.jpg 800w"),
            [
                "elva-fairy-320w.jpg",
                "elva-fairy-480w.jpg",
                "elva-fairy-800w.jpg"
            ]
        );
        assert_eq!(urls("a.png 1x,b.png 2x"), ["a.png", "b.png"]);
        assert_eq!(urls("  ,, a.png,,, b.png  "), ["a.png", "b.png"]);
        assert_eq!(urls(""), Vec::<&str>::new());
    }

    #[test]
    fn a_url_runs_to_whitespace_and_keeps_its_commas() {
        let rfi = r#"https://s.rfi.fr/media/display/x/w:246/p:16x9/m:{"brand":"RFI","lang":"CN","title":""}/a.webp 246w, https://s.rfi.fr/media/display/x/w:480/p:16x9/b.webp 480w"#;
        assert_eq!(
            urls(rfi),
            [
                r#"https://s.rfi.fr/media/display/x/w:246/p:16x9/m:{"brand":"RFI","lang":"CN","title":""}/a.webp"#,
                "https://s.rfi.fr/media/display/x/w:480/p:16x9/b.webp",
            ]
        );
        assert_eq!(urls("a,b.jpg 1x"), ["a,b.jpg"]);
    }

    #[test]
    fn descriptors_are_tokenized_and_checked() {
        // A comma inside parentheses does not end the candidate.
        assert_eq!(urls("a.jpg 1x (x, y), b.jpg"), ["b.jpg"]);
        // Invalid descriptors drop their candidate only.
        assert_eq!(
            urls("a.jpg 0w, b.jpg 2q, c.jpg 1x 2x, d.jpg 100w 50h, e.jpg 50h"),
            ["d.jpg"]
        );
        assert_eq!(
            urls("a.jpg 1.5x, b.jpg .5x, c.jpg 1e1x, d.jpg 1.x"),
            ["a.jpg", "b.jpg", "c.jpg"]
        );
    }
}
