//! The engine names no source: a grep of its code lines (comments and tests aside) for the
//! sources' names, hosts and datelines, and for the strings the source folders write (labels,
//! marks, date forms, selectors and the class and attribute names in them), outside
//! `src/sources/` where each source's folder is; and no word of a language (a Han, kana or
//! Hangul letter in a string) outside `src/language/`, where each language's words are.

use std::fs;
use std::path::{Path, PathBuf};

/// Names, hosts and marks of the sources, matched case-insensitively as whole words
/// (`_` and `-` end a word, so `rfi_zone` is found).
const SOURCE_WORDS: &[&str] = &[
    "rfi",
    "cna",
    "dw",
    "bbc",
    "aj",
    "wsj",
    "kyodo",
    "nhk",
    "rfa",
    "nyt",
    "joins",
    "reuters",
    "rthk",
    "jazeera",
    "aljazeera",
    "nytimes",
    "kyodonews",
    "feedx",
    "共同社",
    "路透",
    "中央社",
    "德国之声",
];

/// Words that hold a source's name without naming it: the crate's own name.
const NOT_SOURCES: &[&str] = &["rfi_parse", "rfi-parse"];

/// The `.rs` files under `dir`, the source and language folders left out unless `sources`.
fn rust_files(dir: &Path, sources: bool, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if sources
                || path
                    .file_name()
                    .is_some_and(|n| n != "sources" && n != "language")
            {
                rust_files(&path, sources, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of a file's code, up to its unit tests (which name the profiles they run).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| line.trim_start() != "#[cfg(test)]")
        .map(|(number, line)| (number + 1, line))
}

/// The string literals of a line's code (what is before a `//` comment outside a string).
fn string_literals(line: &str) -> Vec<String> {
    let (mut literals, mut current, mut in_string, mut escaped) =
        (Vec::new(), String::new(), false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => {
                    current.push(c);
                    escaped = false;
                }
                '\\' => escaped = true,
                '"' => {
                    literals.push(std::mem::take(&mut current));
                    in_string = false;
                }
                _ => current.push(c),
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '\'' {
            // A char literal (`'"'`) or a lifetime: step over a quoted char.
            if chars.peek() == Some(&'\\') {
                chars.next();
                chars.next();
            } else if chars.clone().nth(1) == Some('\'') {
                chars.next();
            }
        } else if c == '/' && chars.peek() == Some(&'/') {
            break;
        }
    }
    literals
}

/// HTML elements a profile's selector may open with before its class (`div.picinfo`).
const ELEMENTS: &[&str] = &[
    "", "a", "b", "div", "p", "section", "span", "ul", "li", "img", "figure", "small", "footer",
];

/// What the source folders write that names their markup or text: every string literal
/// that is no plain word (a label, a mark, a host, a date form, a selector), and the
/// class names and distinctive attribute names and values inside their selectors.
fn source_strings(sources: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(sources, true, &mut files);
    let mut strings = Vec::new();
    // The generic profile's strings (`sources/default/`) are every page's, no source's.
    for path in files
        .iter()
        .filter(|path| !path.starts_with(sources.join("default")))
    {
        let text = fs::read_to_string(path).unwrap();
        for (_, line) in code_lines(&text) {
            for literal in string_literals(line) {
                let plain_word = literal
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ' ');
                if literal.chars().count() < 2 || plain_word {
                    continue;
                }
                // The rule summaries are prose about the source, not its markup.
                if literal.contains(": ") && literal.contains(' ') && literal.len() > 60 {
                    continue;
                }
                strings.extend(selector_names(&literal));
                strings.push(literal);
            }
        }
    }
    strings.sort();
    strings.dedup();
    strings
}

/// Class names that are words of the article model too (`div.paragraph`, `span.copyright`):
/// the engine names the model's fields, not the class.
const MODEL_WORDS: &[&str] = &[
    "paragraph",
    "copyright",
    "caption",
    "credit",
    "byline",
    "author",
    "lead",
];

/// Class names (`div.picinfo`: `picinfo`), and attribute names and values with a `-`, a
/// `_` or a capital (`[data-e2e=image-placeholder]`, `[class*=MediaPlayer]`) of a selector.
fn selector_names(selector: &str) -> Vec<String> {
    let mut names = Vec::new();
    let distinctive = |name: &str| {
        name.len() >= 4 && name.contains(|c: char| c == '-' || c == '_' || c.is_ascii_uppercase())
    };
    for compound in selector.split_whitespace() {
        let (head, attributes) = compound.split_once('[').unwrap_or((compound, ""));
        if let Some((element, classes)) = head.split_once('.')
            && ELEMENTS.contains(&element)
        {
            names.extend(
                classes
                    .split('.')
                    .filter(|class| class.len() >= 4 && !MODEL_WORDS.contains(class))
                    .map(str::to_string),
            );
        }
        for attribute in attributes.split('[') {
            let attribute = attribute.trim_end_matches(']');
            let (name, value) = attribute.split_once('=').unwrap_or((attribute, ""));
            let name = name.trim_end_matches(['*', '^', '$', '~', '|']);
            let value = value.trim_matches(['"', '\'']);
            names.extend(
                [name, value]
                    .into_iter()
                    .filter(|n| distinctive(n))
                    .map(str::to_string),
            );
        }
    }
    names
}

/// A literal without its backquoted spans (examples in a rule's summary).
fn outside_backquotes(literal: &str) -> String {
    literal.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The source strings a line of engine code writes: a literal equal to one, or holding
/// one of three characters or more outside backquotes (an example in a rule's summary).
fn writes_source_string<'s>(line: &str, strings: &'s [String]) -> Option<&'s str> {
    let literals = string_literals(line);
    let unquoted: Vec<String> = literals.iter().map(|l| outside_backquotes(l)).collect();
    strings
        .iter()
        .find(|string| {
            literals.iter().zip(&unquoted).any(|(literal, unquoted)| {
                *literal == **string
                    || (string.chars().count() >= 3 && unquoted.contains(string.as_str()))
            })
        })
        .map(String::as_str)
}

/// Whether `line` names a source in its code (its text before any `//` comment).
fn names_a_source(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or("").to_lowercase();
    let mut code = code;
    for allowed in NOT_SOURCES {
        code = code.replace(allowed, " ");
    }
    SOURCE_WORDS.iter().copied().find(|word| {
        code.match_indices(word).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + word.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            boundary(before) && boundary(after)
        })
    })
}

/// Whether a character is a letter of a CJK script (a word of a language, where the
/// full-width punctuation those scripts share is typography).
fn is_cjk_letter(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
        | '\u{1100}'..='\u{11FF}' | '\u{AC00}'..='\u{D7AF}') // Hangul
}

/// The first string or char literal of a line's code that writes a CJK letter outside
/// backquotes (a backquoted example in a rule's summary is documentation).
fn writes_language_word(line: &str) -> Option<String> {
    let chars = line
        .split("//")
        .next()
        .unwrap_or("")
        .split('\'')
        .skip(1)
        .step_by(2)
        .filter(|quoted| quoted.chars().count() == 1)
        .map(str::to_string);
    string_literals(line)
        .into_iter()
        .map(|literal| outside_backquotes(&literal))
        .chain(chars)
        .find(|text| text.chars().any(is_cjk_letter))
}

#[test]
fn engine_code_writes_no_word_of_a_language() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, false, &mut files);
    files.sort();
    let mut found = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        for (number, line) in code_lines(&text) {
            if let Some(word) = writes_language_word(line) {
                let relative = path.strip_prefix(&src).unwrap().display();
                found.push(format!("  {relative}:{number}: [{word}] {}", line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "engine code writes words of a language (they belong in src/language/):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_language_grep_finds_words_and_not_punctuation_or_examples() {
    for planted in [
        r#"inner.starts_with("本文")"#,
        r#"["%Y-%m-%d", "%Y年%m月%d日"]"#,
        "text.strip_prefix(['左', '右'])",
        r#"let x = "すし";"#,
    ] {
        assert!(writes_language_word(planted).is_some(), "{planted}");
    }
    for clean in [
        "text.contains(['。', '！', '？', '（'])",
        r#""a credit line (`編輯：…`): the byline","#,
        "// `本文`",
    ] {
        assert_eq!(writes_language_word(clean), None, "{clean}");
    }
}

#[test]
fn engine_code_names_no_source() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let strings = source_strings(&src.join("sources"));
    assert!(strings.len() > 100, "the source folders' strings are read");
    let mut files = Vec::new();
    rust_files(&src, false, &mut files);
    files.sort();
    let mut report = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&path).unwrap();
        let mut found = Vec::new();
        for (number, line) in code_lines(&text) {
            if let Some(word) =
                names_a_source(line).or_else(|| writes_source_string(line, &strings))
            {
                found.push(format!("  {relative}:{number}: [{word}] {}", line.trim()));
            }
        }
        if !found.is_empty() {
            report.push(format!(
                "{relative}: code lines name a source (its knowledge belongs in its profile):\n{}",
                found.join("\n")
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_grep_finds_names_in_code_and_not_in_comments() {
    assert_eq!(names_a_source(r#"let x = "www.rfi.fr";"#), Some("rfi"));
    assert_eq!(names_a_source("fn f(rfi_zone: Tz) {}"), Some("rfi"));
    assert_eq!(names_a_source("// RFI's date line"), None);
    assert_eq!(names_a_source("use rfi_parse::Article;"), None);
    assert_eq!(names_a_source("let adwords = 1;"), None);
}

#[test]
fn the_grep_finds_what_a_source_folder_writes_planted_in_the_engine() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let strings = source_strings(&src.join("sources"));
    for (planted, found) in [
        // A selector, its class and its attribute value (BBC's byline label, CNA's caption).
        (r#"let label = css("span[role=text]");"#, "span[role=text]"),
        (r#"if class == "picinfo" {"#, "picinfo"),
        (
            r#"attr(e, "class") == Some("image-placeholder")"#,
            "image-placeholder",
        ),
        (r#"attr(element, "data-e2e")"#, "data-e2e"),
        // A label, a dateline mark, a date form and the archive's footer.
        (r#"text == "阅读更多""#, "阅读更多"),
        (r#"strip_prefix("【共同社")"#, "【共同社"),
        (r#"parse(text, "%d/%m/%Y - %H:%M")"#, "%d/%m/%Y - %H:%M"),
        (r#"starts_with("获取更多RSS")"#, "获取更多RSS"),
    ] {
        assert_eq!(
            writes_source_string(planted, &strings),
            Some(found),
            "{planted}"
        );
    }
    // Comments, backquoted examples in a summary, plain words and other strings pass.
    for clean in [
        r#"// `span[role=text]`, `阅读更多`"#,
        r#""page furniture the profile names (`阅读更多`)","#,
        r#"matches!(name, "div" | "span" | "figcaption")"#,
        r#"let code = ("cn", "zh-Hans");"#,
        r#"if c == '"' { "https://" }"#,
    ] {
        assert_eq!(writes_source_string(clean, &strings), None, "{clean}");
    }
}
