//! Lint rules over parsed articles, for keepers of a corpus: per file, then across files.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::article::Article;
use crate::parse::decode::decode;
use crate::parse::{ParseOptions, parse_with};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A lint rule: a stable id, its severity, and what it looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub description: &'static str,
}

/// Every rule, in the order of the documentation. Ids never change meaning.
pub const RULES: &[Rule] = &[
    rule("unreadable", Severity::Error, "the file cannot be read"),
    rule(
        "unparseable",
        Severity::Error,
        "the file is not an archive article (bad header, empty, not UTF-8)",
    ),
    rule(
        "empty-title",
        Severity::Warning,
        "the link line has an empty title",
    ),
    rule(
        "empty-url",
        Severity::Warning,
        "the link line has no URL (`[title]()`)",
    ),
    rule(
        "missing-date-line",
        Severity::Warning,
        "the body has no date line",
    ),
    rule(
        "unparseable-date",
        Severity::Warning,
        "the date line is not a date this tool reads",
    ),
    rule(
        "no-paragraphs",
        Severity::Warning,
        "the article has no paragraph of text",
    ),
    rule(
        "empty-lead",
        Severity::Warning,
        "the article has no lead paragraph",
    ),
    rule(
        "placeholder-lead-image",
        Severity::Warning,
        "the lead image is the generic RFI placeholder",
    ),
    rule(
        "collected-before-published",
        Severity::Warning,
        "the collection time is before the publication time",
    ),
    rule(
        "duplicate-url",
        Severity::Warning,
        "another file has the same URL",
    ),
    rule(
        "duplicate-content",
        Severity::Warning,
        "another file has the same lead and paragraphs",
    ),
];

const fn rule(id: &'static str, severity: Severity, description: &'static str) -> Rule {
    Rule {
        id,
        severity,
        description,
    }
}

/// The rule with this id, if there is one.
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.id == id)
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The line it concerns, when there is one.
    pub line: Option<usize>,
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
}

/// The findings of one file, and the facts the cross-file rules and the summary need.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub source: String,
    /// The encoding the file was read in (`UTF-8`, or `GB18030`, `Big5`… when detected).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    pub findings: Vec<Finding>,
    #[serde(skip)]
    facts: Option<Facts>,
}

#[derive(Debug, Clone)]
struct Facts {
    url: Option<String>,
    content: Option<u64>,
    published: Option<DateTime<FixedOffset>>,
    site: Option<String>,
    section: Option<String>,
}

impl FileReport {
    /// A file that could not be read.
    pub fn unreadable(source: String, message: String) -> Self {
        let mut report = Self {
            source,
            encoding: None,
            findings: Vec::new(),
            facts: None,
        };
        report.push(None, "unreadable", message);
        report
    }

    fn push(&mut self, line: Option<usize>, rule_id: &'static str, message: String) {
        let rule = find_rule(rule_id).expect("rules are declared in RULES");
        self.findings.push(Finding {
            line,
            severity: rule.severity,
            rule: rule.id,
            message,
        });
    }

    /// Whether the report says something: a finding, or an encoding other than UTF-8.
    pub fn is_notable(&self) -> bool {
        !self.findings.is_empty() || self.encoding.is_some_and(|name| name != "UTF-8")
    }

    /// The most serious finding's severity; `None` for a clean file.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Reads and checks one file by the rules that need only that file.
pub fn check_file(source: String, bytes: &[u8], options: &ParseOptions) -> FileReport {
    let mut report = FileReport {
        source,
        encoding: None,
        findings: Vec::new(),
        facts: None,
    };
    let decoded = decode(bytes, options.encoding);
    report.encoding = decoded.as_ref().ok().map(|decoded| decoded.encoding.name());
    let article = match decoded.and_then(|decoded| parse_with(&decoded.text, options)) {
        Ok(article) => article,
        Err(error) => {
            report.push(Some(error.line()), "unparseable", error.to_string());
            return report;
        }
    };
    let body = Some(body_line(bytes));
    let link = Some(2);
    if article.title.is_empty() {
        report.push(link, "empty-title", "the title is empty".into());
    }
    if article.url.is_none() {
        report.push(link, "empty-url", "the link line has no URL".into());
    }
    match (&article.date_line, &article.published) {
        (None, _) => report.push(
            body,
            "missing-date-line",
            "no date line before the article".into(),
        ),
        (Some(line), None) => report.push(
            body,
            "unparseable-date",
            format!("date line {line:?} is not a date"),
        ),
        (Some(_), Some(published))
            if article.timestamp < published.to_utc() - chrono::Duration::hours(1) =>
        {
            report.push(
                Some(1),
                "collected-before-published",
                format!(
                    "collected at {} but published at {}",
                    article.timestamp.to_rfc3339(),
                    published.to_rfc3339()
                ),
            );
        }
        _ => {}
    }
    if article.paragraphs.is_empty() {
        report.push(
            body,
            "no-paragraphs",
            "the article has no paragraph of text".into(),
        );
    }
    if article.lead.is_none() {
        report.push(
            body,
            "empty-lead",
            "the article has no lead paragraph".into(),
        );
    }
    if let Some(image) = &article.lead_image
        && image.url.contains("/meta_og_twcards/")
    {
        report.push(
            body,
            "placeholder-lead-image",
            format!("the lead image is the placeholder {}", image.url),
        );
    }
    report.facts = Some(Facts {
        content: content_hash(&article),
        url: article.url,
        published: article.published,
        site: article.site,
        section: article.section,
    });
    report
}

/// The line the HTML body starts on: after the three header lines and any blank lines.
fn body_line(bytes: &[u8]) -> usize {
    let mut line = 1;
    let mut lines = bytes.split(|b| *b == b'\n');
    for _ in 0..3 {
        if lines.next().is_some() {
            line += 1;
        }
    }
    for text in lines {
        if !text.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        line += 1;
    }
    line
}

/// A fingerprint of the article's text; `None` when there is no text to compare.
fn content_hash(article: &Article) -> Option<u64> {
    if article.paragraphs.is_empty() {
        return None;
    }
    // SipHash with fixed keys: the same text hashes the same in every run.
    let mut hasher = std::hash::DefaultHasher::new();
    article.lead.hash(&mut hasher);
    article.paragraphs.hash(&mut hasher);
    Some(hasher.finish())
}

/// Runs the cross-file rules over file reports given in input order, and keeps the
/// summary. Memory grows with the number of distinct URLs and texts seen.
#[derive(Debug, Default)]
pub struct Checker {
    allowed: Vec<String>,
    urls: HashMap<String, String>,
    contents: HashMap<u64, String>,
    summary: CheckSummary,
}

/// Counts over the whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckSummary {
    pub files: usize,
    pub clean: usize,
    pub with_warnings: usize,
    pub with_errors: usize,
    pub warnings: usize,
    pub errors: usize,
    /// The earliest and latest publication times.
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// Findings per rule id.
    pub rules: BTreeMap<&'static str, usize>,
    /// Files per encoding they were read in.
    pub encodings: BTreeMap<&'static str, usize>,
    /// Articles per site and per section (`site/section`).
    pub sites: BTreeMap<String, usize>,
    pub sections: BTreeMap<String, usize>,
    #[serde(skip)]
    span: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
}

impl Checker {
    /// A checker that drops the findings of the `allowed` rule ids.
    pub fn new(allowed: Vec<String>) -> Self {
        Self {
            allowed,
            ..Self::default()
        }
    }

    /// Adds the next file's report: applies the cross-file rules to it, drops allowed
    /// findings, and counts it.
    pub fn add(&mut self, report: &mut FileReport) {
        if let Some(facts) = report.facts.take() {
            if let Some(url) = facts.url {
                match self.urls.get(&url) {
                    Some(first) => {
                        report.push(Some(2), "duplicate-url", format!("same URL as {first}"))
                    }
                    None => {
                        self.urls.insert(url, report.source.clone());
                    }
                }
            }
            if let Some(hash) = facts.content {
                match self.contents.get(&hash) {
                    Some(first) => {
                        report.push(None, "duplicate-content", format!("same text as {first}"))
                    }
                    None => {
                        self.contents.insert(hash, report.source.clone());
                    }
                }
            }
            let summary = &mut self.summary;
            if let Some(published) = facts.published {
                summary.span = Some(match summary.span {
                    Some((from, to)) => (from.min(published), to.max(published)),
                    None => (published, published),
                });
            }
            let site = facts.site.unwrap_or_else(|| "(no site)".to_string());
            if let Some(section) = facts.section {
                *summary
                    .sections
                    .entry(format!("{site}/{section}"))
                    .or_default() += 1;
            }
            *summary.sites.entry(site).or_default() += 1;
        }
        report
            .findings
            .retain(|f| !self.allowed.iter().any(|id| id == f.rule));
        let summary = &mut self.summary;
        summary.files += 1;
        if let Some(encoding) = report.encoding {
            *summary.encodings.entry(encoding).or_default() += 1;
        }
        match report.worst() {
            None => summary.clean += 1,
            Some(Severity::Warning) => summary.with_warnings += 1,
            Some(Severity::Error) => summary.with_errors += 1,
        }
        for finding in &report.findings {
            *summary.rules.entry(finding.rule).or_default() += 1;
            match finding.severity {
                Severity::Warning => summary.warnings += 1,
                Severity::Error => summary.errors += 1,
            }
        }
    }

    pub fn finish(mut self) -> CheckSummary {
        if let Some((from, to)) = self.summary.span {
            self.summary.published_from = Some(from.to_rfc3339());
            self.summary.published_to = Some(to.to_rfc3339());
        }
        self.summary
    }
}

impl Finding {
    /// `FILE:LINE: severity[id]: message`, the line left out when there is none.
    pub fn human(&self, source: &str) -> String {
        match self.line {
            Some(line) => format!(
                "{source}:{line}: {}[{}]: {}",
                self.severity.as_str(),
                self.rule,
                self.message
            ),
            None => format!(
                "{source}: {}[{}]: {}",
                self.severity.as_str(),
                self.rule,
                self.message
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "<!--1686586501000-->\n[标题](https://www.rfi.fr/cn/法国/x)\n------\n\n\
        <div>12/06/2023 - 17:21</div><img src=\"https://s.rfi.fr/a.jpg\"><p><strong>导语</strong></p><div><p>正文</p></div>";

    fn rules(report: &FileReport) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.rule).collect()
    }

    fn check(text: &str) -> FileReport {
        check_file("a.txt".into(), text.as_bytes(), &ParseOptions::default())
    }

    #[test]
    fn a_good_file_is_clean() {
        assert_eq!(rules(&check(GOOD)), Vec::<&str>::new());
    }

    #[test]
    fn each_per_file_rule_fires_with_its_line() {
        let report = check(
            "<!--1-->\n[](  )\n------\n\n\n<img src=\"https://static.rfi.fr/meta_og_twcards/RFI_FB.png\"><div></div>",
        );
        assert_eq!(
            rules(&report),
            [
                "empty-title",
                "empty-url",
                "missing-date-line",
                "no-paragraphs",
                "empty-lead",
                "placeholder-lead-image"
            ]
        );
        assert_eq!(report.findings[0].line, Some(2));
        assert_eq!(report.findings[2].line, Some(6));
        let report = check(&GOOD.replace("12/06/2023 - 17:21", "32/13/2023 - 99:99"));
        assert_eq!(rules(&report), ["unparseable-date"]);
        let report = check(&GOOD.replace("1686586501000", "1500000000000"));
        assert_eq!(rules(&report), ["collected-before-published"]);
        let report = check("");
        assert_eq!(rules(&report), ["unparseable"]);
        assert_eq!(report.worst(), Some(Severity::Error));
    }

    #[test]
    fn duplicates_are_found_across_files_and_rules_can_be_allowed() {
        let mut checker = Checker::new(vec!["empty-lead".into()]);
        let mut first = check(GOOD);
        let mut second = check_file("b.txt".into(), GOOD.as_bytes(), &ParseOptions::default());
        let mut third = check(&GOOD.replace("<p><strong>导语</strong></p>", ""));
        checker.add(&mut first);
        checker.add(&mut second);
        checker.add(&mut third);
        assert_eq!(rules(&first), Vec::<&str>::new());
        assert_eq!(rules(&second), ["duplicate-url", "duplicate-content"]);
        assert!(second.findings[0].message.contains("a.txt"));
        assert_eq!(
            rules(&third),
            ["duplicate-url"],
            "empty-lead is allowed; other text"
        );
        let summary = checker.finish();
        assert_eq!(
            (summary.files, summary.clean, summary.with_warnings),
            (3, 1, 2)
        );
        assert_eq!(summary.sites.get("rfi.fr"), Some(&3));
        assert_eq!(summary.sections.get("rfi.fr/法国"), Some(&3));
        assert_eq!(
            summary.published_from.as_deref(),
            Some("2023-06-12T17:21:00+02:00")
        );
    }

    #[test]
    fn rule_ids_are_unique() {
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                RULES[i + 1..].iter().all(|other| other.id != rule.id),
                "{}",
                rule.id
            );
        }
    }
}
