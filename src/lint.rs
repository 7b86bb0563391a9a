//! Lint rules over parsed articles, for keepers of a corpus: per file, then across files.

use crate::fingerprint::{content_hash, fingerprint, url_fingerprint};
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use rfi_parse::{Article, Block, ParseOptions, diagnose};

/// How serious a finding is: a `note` says what a file is (a duplicate, a page without a
/// URL), a `warning` points to an extraction defect, an `error` to a file not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A lint rule, by its stable id (`--allow empty-lead`). Ids never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    Unreadable,
    Unparseable,
    EmptyTitle,
    EmptyUrl,
    MissingDateLine,
    UnparseableDate,
    NoParagraphs,
    NoText,
    EmptyLead,
    PlaceholderLeadImage,
    CollectedBeforePublished,
    DuplicateUrl,
    DuplicateContent,
    DroppedProse,
    RepeatedText,
    FrontMatterChanged,
}

impl Rule {
    /// Every rule, in the order of the documentation.
    pub const ALL: [Rule; 16] = [
        Rule::Unreadable,
        Rule::Unparseable,
        Rule::EmptyTitle,
        Rule::EmptyUrl,
        Rule::MissingDateLine,
        Rule::UnparseableDate,
        Rule::NoParagraphs,
        Rule::NoText,
        Rule::EmptyLead,
        Rule::PlaceholderLeadImage,
        Rule::CollectedBeforePublished,
        Rule::DuplicateUrl,
        Rule::DuplicateContent,
        Rule::DroppedProse,
        Rule::RepeatedText,
        Rule::FrontMatterChanged,
    ];

    /// The stable id (`empty-lead`).
    pub fn id(self) -> &'static str {
        match self {
            Rule::Unreadable => "unreadable",
            Rule::Unparseable => "unparseable",
            Rule::EmptyTitle => "empty-title",
            Rule::EmptyUrl => "empty-url",
            Rule::MissingDateLine => "missing-date-line",
            Rule::UnparseableDate => "unparseable-date",
            Rule::NoParagraphs => "no-paragraphs",
            Rule::NoText => "no-text",
            Rule::EmptyLead => "empty-lead",
            Rule::PlaceholderLeadImage => "placeholder-lead-image",
            Rule::CollectedBeforePublished => "collected-before-published",
            Rule::DuplicateUrl => "duplicate-url",
            Rule::DuplicateContent => "duplicate-content",
            Rule::DroppedProse => "dropped-prose",
            Rule::RepeatedText => "repeated-text",
            Rule::FrontMatterChanged => "front-matter-changed",
        }
    }

    /// Errors: a file not read. Notes: what a file is (a gallery or video page without
    /// paragraphs, a duplicate, a link line without URL), which no extraction fix changes.
    /// Warnings: what points to an extraction defect (text left out or never found,
    /// furniture kept, a date not read).
    pub fn severity(self) -> Severity {
        match self {
            Rule::Unreadable | Rule::Unparseable => Severity::Error,
            Rule::EmptyTitle
            | Rule::EmptyUrl
            | Rule::NoParagraphs
            | Rule::EmptyLead
            | Rule::PlaceholderLeadImage
            | Rule::DuplicateUrl
            | Rule::DuplicateContent
            | Rule::FrontMatterChanged => Severity::Note,
            Rule::MissingDateLine
            | Rule::UnparseableDate
            | Rule::NoText
            | Rule::CollectedBeforePublished
            | Rule::DroppedProse
            | Rule::RepeatedText => Severity::Warning,
        }
    }

    /// What the rule looks for.
    pub fn description(self) -> &'static str {
        match self {
            Rule::Unreadable => "the file cannot be read",
            Rule::Unparseable => {
                "the file is not an archive article (bad header, empty, not UTF-8)"
            }
            Rule::EmptyTitle => "the link line has an empty title",
            Rule::EmptyUrl => "the link line has no URL (`[title]()`)",
            Rule::MissingDateLine => "the body has no date line",
            Rule::UnparseableDate => "the date line is not a date this tool reads",
            Rule::NoParagraphs => {
                "the article has no paragraph of text (a gallery or video page: its text, if any, is its lead or captions)"
            }
            Rule::NoText => {
                "the body holds text, but no lead, paragraph or caption was read from it"
            }
            Rule::EmptyLead => "the article has no lead paragraph",
            Rule::PlaceholderLeadImage => {
                "the page's lead image was the source's generic placeholder picture (RFI's social card), left out of `lead_image`"
            }
            Rule::CollectedBeforePublished => "the collection time is before the publication time",
            Rule::DuplicateUrl => "another file has the same URL",
            Rule::DuplicateContent => "another file has the same lead and paragraphs",
            Rule::DroppedProse => {
                "text a rule left out (layout-div text, a caption without a picture) reads like article text"
            }
            Rule::RepeatedText => {
                "a lead or paragraph (digits masked) recurs in many files of the same site, not as the form of one series: page furniture or a promotion"
            }
            Rule::FrontMatterChanged => {
                "a value a site generator cannot take as is (a character YAML forbids, a tag `..` or `index.xml`): the Markdown front matter writes it escaped, renamed or without it"
            }
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The line it concerns, when there is one.
    pub line: Option<usize>,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
}

/// The findings of one file, and the facts the cross-file rules and the summary need.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub source: String,
    /// The encoding the file was read in (`UTF-8`, or `GB18030`, `Big5`… when detected).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// The source profile that read the body, and how it was chosen (`host`, `markup`,
    /// `default`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "profile_json"
    )]
    pub profile: Option<(&'static str, &'static str)>,
    pub findings: Vec<Finding>,
    #[serde(skip)]
    facts: Option<Facts>,
}

#[derive(Debug, Clone)]
struct Facts {
    /// The body's first line, for findings about its text.
    body_line: usize,
    /// Fingerprints of the lead and paragraphs with digits masked, each once.
    lines: Vec<u64>,
    /// The first 60 characters of each of `lines`' texts, by fingerprint.
    samples: Vec<(u64, String)>,
    /// Those of `lines` that are a heading over a paragraph of text: a section's title.
    section_headings: Vec<u64>,
    /// What the file's text is compared across: its site, else its profile when the
    /// markup chose one, else no site.
    group: String,
    /// A fingerprint of the title with digits masked: the files of one series (`追踪首相
    /// （1日）`, `（2日）`…) share it, and the text they share is the series' form.
    title: u64,
    /// The profile expects a publication time and none was read.
    no_published: bool,
    /// A fingerprint of the URL.
    url: Option<u64>,
    content: Option<u64>,
    published: Option<DateTime<FixedOffset>>,
    site: Option<String>,
    section: Option<String>,
}

fn profile_json<S: serde::Serializer>(
    profile: &Option<(&'static str, &'static str)>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match profile {
        Some((name, chosen_by)) => serde::Serialize::serialize(
            &serde_json::json!({"name": name, "chosen_by": chosen_by}),
            serializer,
        ),
        None => serializer.serialize_none(),
    }
}

impl FileReport {
    /// A file that could not be read.
    pub fn unreadable(source: String, message: String) -> Self {
        let mut report = Self {
            source,
            encoding: None,
            profile: None,
            findings: Vec::new(),
            facts: None,
        };
        report.push(None, Rule::Unreadable, message);
        report
    }

    /// A report of findings decided after the run (`repeated-text`), for a file that
    /// had none before.
    pub fn with_findings(source: String, findings: Vec<Finding>) -> Self {
        Self {
            source,
            encoding: None,
            profile: None,
            findings,
            facts: None,
        }
    }

    fn push(&mut self, line: Option<usize>, rule: Rule, message: String) {
        self.findings.push(Finding {
            line,
            severity: rule.severity(),
            rule,
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
        profile: None,
        findings: Vec::new(),
        facts: None,
    };
    let (article, diagnostics) = match diagnose(bytes, options) {
        Ok(read) => read,
        Err(error) => {
            // A file that decodes but does not parse still reports its encoding.
            report.encoding = rfi_parse::decode(bytes, options)
                .ok()
                .map(|decoded| decoded.encoding);
            report.push(Some(error.line()), Rule::Unparseable, error.to_string());
            return report;
        }
    };
    report.encoding = Some(diagnostics.encoding);
    let body = Some(diagnostics.body_line);
    let link = Some(2);
    if article.title.is_empty() {
        report.push(link, Rule::EmptyTitle, "the title is empty".into());
    }
    if article.url.is_none() {
        report.push(link, Rule::EmptyUrl, "the link line has no URL".into());
    }
    for change in rfi_parse::front_matter_changes(&article) {
        let message = match change {
            rfi_parse::FrontMatterChange::Escaped { field } => format!(
                "{field} holds a character YAML forbids; Markdown's front matter writes it escaped"
            ),
            rfi_parse::FrontMatterChange::Tag {
                tag,
                written: Some(written),
            } => {
                format!("tag {tag:?} is written {written:?} in Markdown's front matter")
            }
            rfi_parse::FrontMatterChange::Tag { tag, written: None } => {
                format!("tag {tag:?} names no page; Markdown's front matter leaves it out")
            }
            _ => continue,
        };
        report.push(None, Rule::FrontMatterChanged, message);
    }
    let extractor = diagnostics.extractor;
    report.profile = Some((extractor.profile, extractor.chosen_by.as_str()));
    match (&article.date_line, &article.published) {
        // Only sources that print a date line are expected to have one.
        (None, _) if !extractor.expects_date_line => {}
        (None, _) => report.push(
            body,
            Rule::MissingDateLine,
            "no date line before the article".into(),
        ),
        // A source that prints a day without a time gives `published_date` alone, and so
        // does a page that prints only its day where its source usually prints a time
        // (WSJ's `<time>2022年5月6日</time>`): a line without a clock time has none to give.
        (Some(line), None)
            if article.published_date.is_some()
                && (!extractor.expects_time || !line.contains([':', '：'])) => {}
        (Some(line), None) => report.push(
            body,
            Rule::UnparseableDate,
            format!("date line {line:?} is not a date"),
        ),
        (Some(_), Some(published))
            if article.timestamp < published.to_utc() - chrono::Duration::hours(1) =>
        {
            report.push(
                Some(1),
                Rule::CollectedBeforePublished,
                format!(
                    "collected at {} but published at {}",
                    article.timestamp.to_rfc3339(),
                    published.to_rfc3339()
                ),
            );
        }
        _ => {}
    }
    if article.paragraphs().next().is_none() {
        report.push(
            body,
            Rule::NoParagraphs,
            "the article has no paragraph of text".into(),
        );
        let captioned = article
            .lead_image
            .iter()
            .chain(article.images())
            .any(|image| image.caption.is_some());
        if article.lead.is_none() && !captioned {
            let text = visible_chars(bytes, options, diagnostics.body_line);
            if text >= NO_TEXT_MIN_CHARS {
                report.push(
                    body,
                    Rule::NoText,
                    format!("the body holds {text}+ characters of text, but no lead, paragraph or caption was read"),
                );
            }
        }
    }
    if article.lead.is_none() && extractor.expects_lead {
        report.push(
            body,
            Rule::EmptyLead,
            "the article has no lead paragraph".into(),
        );
    }
    if extractor.placeholder_lead_image {
        report.push(
            body,
            Rule::PlaceholderLeadImage,
            "the lead image was the source's generic placeholder picture, left out of lead_image"
                .into(),
        );
    }
    if let Some(text) = diagnostics.dropped_text.first() {
        let shown: String = text.chars().take(60).collect();
        report.push(
            body,
            Rule::DroppedProse,
            format!(
                "{} text block(s) left out by a rule read like article text, first: {shown:?}",
                diagnostics.dropped_text.len()
            ),
        );
    }
    let (lines, samples) = masked_lines(&article);
    let section_headings = section_headings(&article);
    let title = fingerprint(&mask_digits(&article.title));
    let group = match (&article.site, extractor.chosen_by) {
        (Some(site), _) => site.clone(),
        (None, rfi_parse::ChosenBy::Default) => "(no site)".to_string(),
        (None, _) => format!("({} markup)", extractor.profile),
    };
    report.facts = Some(Facts {
        body_line: diagnostics.body_line,
        lines,
        samples,
        section_headings,
        title,
        group,
        no_published: extractor.expects_time && article.published.is_none(),
        content: content_hash(&article),
        url: article.url.as_deref().map(url_fingerprint),
        published: article.published,
        site: article.site,
        section: article.section,
    });
    report
}

/// How many characters of text outside markup a body must hold for `no-text`: an empty
/// page (`<div><p/></div>`, a stray `null`) is what the source sent, not a defect.
const NO_TEXT_MIN_CHARS: usize = 20;

/// The characters of text (not white space) outside tags, scripts and styles in the body
/// from line `body_line` on, counted up to [`NO_TEXT_MIN_CHARS`]: only for the rare file
/// whose article came out empty.
fn visible_chars(bytes: &[u8], options: &ParseOptions, body_line: usize) -> usize {
    let Ok(decoded) = rfi_parse::decode(bytes, options) else {
        return 0;
    };
    let body = decoded
        .text
        .split_inclusive('\n')
        .skip(body_line.saturating_sub(1))
        .collect::<String>();
    let lower = body.to_ascii_lowercase();
    let mut count = 0;
    let mut at = 0;
    while at < body.len() && count < NO_TEXT_MIN_CHARS {
        let rest = &lower[at..];
        if rest.starts_with('<') {
            // A script's or style's content is code, not text.
            let end_tag = ["script", "style"]
                .into_iter()
                .find(|name| rest[1..].starts_with(name))
                .map(|name| format!("</{name}"));
            let end = match end_tag {
                Some(close) => rest.find(&close).map(|i| i + close.len()),
                None => Some(0),
            };
            at += end
                .and_then(|from| rest[from..].find('>').map(|i| from + i + 1))
                .unwrap_or(rest.len());
            continue;
        }
        let c = rest.chars().next().expect("not at the end");
        count += usize::from(!c.is_whitespace());
        at += c.len_utf8();
    }
    count
}

/// The lead's and paragraphs' fingerprints with runs of digits masked (`#`), each once,
/// and a short sample of each text.
fn masked_lines(article: &Article) -> (Vec<u64>, Vec<(u64, String)>) {
    let mut lines = Vec::new();
    let mut samples = Vec::new();
    for text in article
        .lead
        .as_deref()
        .into_iter()
        .chain(article.paragraphs())
    {
        let hash = fingerprint(&mask_digits(text));
        if !lines.contains(&hash) {
            lines.push(hash);
            samples.push((hash, text.chars().take(60).collect()));
        }
    }
    (lines, samples)
}

/// The fingerprints (as [`masked_lines`] takes them) of the headings that title a section
/// of text: the next text block is a paragraph, not another heading, so the heading is
/// over text of its own rather than one of a list of headlines (a related-links box).
fn section_headings(article: &Article) -> Vec<u64> {
    let mut headings = Vec::new();
    let mut text_blocks = article.blocks.iter().filter_map(|block| match block {
        Block::Heading(text) => Some((true, text.text())),
        Block::Paragraph(text) => Some((false, text.text())),
        _ => None,
    });
    let mut last = text_blocks.next();
    for next in text_blocks {
        if let (Some((true, text)), (false, _)) = (last, next) {
            let hash = fingerprint(&mask_digits(text));
            if !headings.contains(&hash) {
                headings.push(hash);
            }
        }
        last = Some(next);
    }
    headings
}

/// The text with each run of digits as one `#` and white space left out, so that `第744天`
/// and `第 745 天` read the same.
fn mask_digits(text: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_numeric() {
            if !masked.ends_with('#') {
                masked.push('#');
            }
        } else if !c.is_whitespace() {
            masked.push(c);
        }
    }
    masked
}

/// Runs the cross-file rules over file reports given in input order, and keeps the
/// summary. Memory grows with the number of distinct URLs and texts seen.
#[derive(Debug, Default)]
pub struct Checker {
    allowed: Vec<Rule>,
    /// A fingerprint of each URL seen, with the first file that had it: memory grows
    /// with the number of files, not with the length of their URLs.
    urls: HashMap<u64, String>,
    contents: HashMap<u64, String>,
    /// How often each text (by group and fingerprint) occurs, one count per file; a file
    /// with the text of an earlier one (a duplicate) is not counted again.
    repeats: HashMap<(usize, u64), usize>,
    /// How often each text occurs in files of each masked title (by group, text and
    /// title fingerprints), to tell a series' form from furniture.
    by_title: HashMap<(usize, u64, u64), usize>,
    /// How many of each text's files have it as a heading over text of its own
    /// ([`section_headings`]).
    over_text: HashMap<(usize, u64), usize>,
    /// A short sample of each text, kept for the texts of the files' first occurrence.
    samples: HashMap<(usize, u64), String>,
    /// Group names, and their file counts, by index.
    groups: Vec<(String, usize)>,
    /// Per file checked: its source, group, body line, texts, profile and whether it
    /// had any finding, for the rules decided once every file is seen.
    seen: Vec<SeenFile>,
    repeat_threshold: RepeatThreshold,
    summary: CheckSummary,
}

#[derive(Debug)]
struct SeenFile {
    source: String,
    group: usize,
    body_line: usize,
    lines: Vec<u64>,
    profile: Option<&'static str>,
    /// No warning or error (so far).
    clean: bool,
    /// Notes only.
    noted: bool,
}

/// When a text recurs often enough to be reported as `repeated-text`: in at least
/// `min_files` files of its group and at least `min_share` percent of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RepeatThreshold {
    pub min_files: usize,
    pub min_share: f64,
}

impl Default for RepeatThreshold {
    fn default() -> Self {
        Self {
            min_files: 5,
            min_share: 2.0,
        }
    }
}

/// The figures per source profile that show a layout has changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProfileFigures {
    pub files: usize,
    pub no_paragraphs: usize,
    /// Files whose profile expects a publication time and none was read.
    pub no_published: usize,
    pub dropped_prose: usize,
    /// Files whose body holds text of which nothing was read.
    pub no_text: usize,
    pub repeated_text: usize,
}

/// Counts over the whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckSummary {
    pub files: usize,
    pub clean: usize,
    pub with_warnings: usize,
    pub with_errors: usize,
    /// Files with notes (what a file is) and no warning or error; counted as clean too.
    pub with_notes: usize,
    pub notes: usize,
    pub warnings: usize,
    pub errors: usize,
    /// The earliest and latest publication times.
    pub published_from: Option<String>,
    pub published_to: Option<String>,
    /// Findings per rule id.
    pub rules: BTreeMap<Rule, usize>,
    /// Files per encoding they were read in.
    pub encodings: BTreeMap<&'static str, usize>,
    /// Articles per site and per section (`site/section`).
    pub sites: BTreeMap<String, usize>,
    /// Articles per source profile and how it was chosen (`rfi (markup)`).
    pub profiles: BTreeMap<String, usize>,
    /// Per source profile (`rfi`): files, and those with no paragraphs, no publication
    /// time though the profile expects one, dropped prose or repeated text.
    pub by_profile: BTreeMap<&'static str, ProfileFigures>,
    pub sections: BTreeMap<String, usize>,
    #[serde(skip)]
    span: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
}

impl Checker {
    /// A checker that drops the findings of the `allowed` rule ids.
    pub fn new(allowed: Vec<Rule>, repeat_threshold: RepeatThreshold) -> Self {
        Self {
            allowed,
            repeat_threshold,
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
                        report.push(Some(2), Rule::DuplicateUrl, format!("same URL as {first}"))
                    }
                    None => {
                        self.urls.insert(url, report.source.clone());
                    }
                }
            }
            let mut duplicate = false;
            if let Some(hash) = facts.content {
                match self.contents.get(&hash) {
                    Some(first) => {
                        duplicate = true;
                        report.push(
                            None,
                            Rule::DuplicateContent,
                            format!("same text as {first}"),
                        )
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
            let group = match self
                .groups
                .iter()
                .position(|(name, _)| *name == facts.group)
            {
                Some(index) => index,
                None => {
                    self.groups.push((facts.group, 0));
                    self.groups.len() - 1
                }
            };
            // A duplicate's texts were counted with the file it repeats.
            if !duplicate {
                self.groups[group].1 += 1;
                for (hash, sample) in facts.samples {
                    *self.repeats.entry((group, hash)).or_default() += 1;
                    *self.by_title.entry((group, hash, facts.title)).or_default() += 1;
                    self.samples.entry((group, hash)).or_insert(sample);
                }
                for hash in facts.section_headings {
                    *self.over_text.entry((group, hash)).or_default() += 1;
                }
            }
            if let Some((name, _)) = report.profile {
                let figures = self.summary.by_profile.entry(name).or_default();
                figures.no_published += usize::from(facts.no_published);
            }
            self.seen.push(SeenFile {
                source: report.source.clone(),
                group,
                body_line: facts.body_line,
                lines: if duplicate { Vec::new() } else { facts.lines },
                profile: report.profile.map(|(name, _)| name),
                clean: false,
                noted: false,
            });
            let summary = &mut self.summary;
            let site = facts.site.unwrap_or_else(|| "(no site)".to_string());
            if let Some(section) = facts.section {
                *summary
                    .sections
                    .entry(format!("{site}/{section}"))
                    .or_default() += 1;
            }
            *summary.sites.entry(site).or_default() += 1;
        }
        report.findings.retain(|f| !self.allowed.contains(&f.rule));
        let summary = &mut self.summary;
        summary.files += 1;
        if let Some((name, chosen_by)) = report.profile {
            *summary
                .profiles
                .entry(format!("{name} ({chosen_by})"))
                .or_default() += 1;
        }
        if let Some(encoding) = report.encoding {
            *summary.encodings.entry(encoding).or_default() += 1;
        }
        if let Some((name, _)) = report.profile {
            let figures = summary.by_profile.entry(name).or_default();
            figures.files += 1;
            let has = |rule| report.findings.iter().any(|f| f.rule == rule);
            figures.no_paragraphs += usize::from(has(Rule::NoParagraphs));
            figures.dropped_prose += usize::from(has(Rule::DroppedProse));
            figures.no_text += usize::from(has(Rule::NoText));
        }
        if let Some(seen) = self.seen.last_mut()
            && seen.source == report.source
        {
            seen.clean = report.worst() <= Some(Severity::Note);
            seen.noted = report.worst() == Some(Severity::Note);
        }
        match report.worst() {
            None => summary.clean += 1,
            Some(Severity::Note) => {
                summary.clean += 1;
                summary.with_notes += 1;
            }
            Some(Severity::Warning) => summary.with_warnings += 1,
            Some(Severity::Error) => summary.with_errors += 1,
        }
        for finding in &report.findings {
            *summary.rules.entry(finding.rule).or_default() += 1;
            match finding.severity {
                Severity::Note => summary.notes += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Error => summary.errors += 1,
            }
        }
    }

    /// Ends the run: decides the rules that need every file (`repeated-text`), and gives
    /// the summary, their findings per file in input order, and each repeated text once
    /// with the files it is in.
    pub fn finish(mut self) -> Finished {
        if let Some((from, to)) = self.summary.span {
            self.summary.published_from = Some(from.to_rfc3339());
            self.summary.published_to = Some(to.to_rfc3339());
        }
        let mut late = Vec::new();
        let mut repeated: Vec<RepeatedText> = Vec::new();
        if !self.allowed.contains(&Rule::RepeatedText) {
            let threshold = self.repeat_threshold;
            let needed = |group_files: usize| {
                threshold
                    .min_files
                    .max((threshold.min_share / 100.0 * group_files as f64).ceil() as usize)
            };
            // The most files of one masked title a repeated text is in: when they are most
            // of its files, the text is the form of that series (a schedule's `<上午>`, a
            // daily count's sentence), not furniture.
            let mut series: HashMap<(usize, u64), usize> = HashMap::new();
            for ((group, hash, _), in_title) in &self.by_title {
                if self.repeats[&(*group, *hash)] >= needed(self.groups[*group].1) {
                    let most = series.entry((*group, *hash)).or_default();
                    *most = (*most).max(*in_title);
                }
            }
            // A heading over text of its own in every file it is in is the title of a
            // recurring section (a daily summary's `武器`, `战事`): the text under it
            // differs, and is judged on its own.
            let is_furniture = |key: &(usize, u64)| {
                let count = self.repeats[key];
                count >= needed(self.groups[key.0].1)
                    && series.get(key).is_none_or(|most| most * 2 <= count)
                    && self.over_text.get(key).is_none_or(|over| *over < count)
            };
            let mut index: HashMap<(usize, u64), usize> = HashMap::new();
            for file in std::mem::take(&mut self.seen) {
                let group_files = self.groups[file.group].1;
                let mut findings = Vec::new();
                for hash in &file.lines {
                    let key = (file.group, *hash);
                    if !is_furniture(&key) {
                        continue;
                    }
                    let count = self.repeats[&key];
                    let sample = &self.samples[&key];
                    let group_name = &self.groups[file.group].0;
                    findings.push(Finding {
                        line: Some(file.body_line),
                        severity: Rule::RepeatedText.severity(),
                        rule: Rule::RepeatedText,
                        message: format!(
                            "{sample:?} recurs in {count} of {group_files} files of {group_name}"
                        ),
                    });
                    let at = *index.entry(key).or_insert_with(|| {
                        repeated.push(RepeatedText {
                            text: sample.clone(),
                            group: group_name.clone(),
                            count,
                            group_files,
                            files: Vec::new(),
                        });
                        repeated.len() - 1
                    });
                    repeated[at].files.push(Located {
                        source: file.source.clone(),
                        line: file.body_line,
                    });
                }
                if findings.is_empty() {
                    continue;
                }
                let summary = &mut self.summary;
                if file.clean {
                    summary.clean -= 1;
                    summary.with_notes -= usize::from(file.noted);
                    summary.with_warnings += 1;
                }
                summary.warnings += findings.len();
                *summary.rules.entry(Rule::RepeatedText).or_default() += findings.len();
                if let Some(name) = file.profile {
                    summary.by_profile.entry(name).or_default().repeated_text += 1;
                }
                late.push((file.source, findings));
            }
        }
        // The most widespread first.
        repeated.sort_by_key(|text| std::cmp::Reverse(text.count));
        Finished {
            summary: self.summary,
            late,
            repeated,
        }
    }
}

/// What a finished check gives.
#[derive(Debug)]
pub struct Finished {
    pub summary: CheckSummary,
    /// The `repeated-text` findings, per file in input order.
    pub late: Vec<(String, Vec<Finding>)>,
    /// Each repeated text once, the most widespread first.
    pub repeated: Vec<RepeatedText>,
}

/// A text that recurs across a site's files, with every file it is in.
#[derive(Debug, Clone, Serialize)]
pub struct RepeatedText {
    /// Its first 60 characters, as the first file has them.
    pub text: String,
    /// The site (or profile markup) whose files are compared.
    pub group: String,
    /// Files it is in (duplicates counted once).
    pub count: usize,
    /// Files of the group (duplicates counted once).
    pub group_files: usize,
    pub files: Vec<Located>,
}

/// A place in a file.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    pub source: String,
    pub line: usize,
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

    fn rules(report: &FileReport) -> Vec<Rule> {
        report.findings.iter().map(|f| f.rule).collect()
    }

    fn check(text: &str) -> FileReport {
        check_file("a.txt".into(), text.as_bytes(), &ParseOptions::default())
    }

    #[test]
    fn a_good_file_is_clean() {
        assert_eq!(rules(&check(GOOD)), []);
    }

    #[test]
    fn each_per_file_rule_fires_with_its_line() {
        let report = check(
            "<!--1-->\n[](  )\n------\n\n\n<img src=\"https://static.rfi.fr/meta_og_twcards/RFI_FB.png\"><div></div>",
        );
        assert_eq!(
            rules(&report),
            [
                Rule::EmptyTitle,
                Rule::EmptyUrl,
                Rule::MissingDateLine,
                Rule::NoParagraphs,
                Rule::EmptyLead,
                Rule::PlaceholderLeadImage
            ]
        );
        assert_eq!(report.findings[0].line, Some(2));
        assert_eq!(report.findings[2].line, Some(6));
        let report = check(&GOOD.replace("12/06/2023 - 17:21", "32/13/2023 - 99:99"));
        assert_eq!(rules(&report), [Rule::UnparseableDate]);
        // A page that prints only its day, where its source usually prints a time (WSJ's
        // `<time>2022年5月6日</time>`), gives the day: no finding.
        let wsj = "<!--1651795200000-->\n[標題](https://cn.wsj.com/articles/x-11651795200)\n------\n\n<time>2022年5月6日</time><p>這是文章的第一段，講述了一件事情的經過。</p>";
        let report = check(wsj);
        assert!(
            !rules(&report).contains(&Rule::UnparseableDate),
            "{:?}",
            rules(&report)
        );
        // What Markdown's front matter cannot hold as is: a title with U+FFFE, a tag `..`.
        let hazard = GOOD.replacen("](", "\u{fffe}](", 1);
        let report = check(&hazard);
        assert_eq!(rules(&report), [Rule::FrontMatterChanged], "{report:?}");
        assert!(report.findings[0].message.starts_with("title holds"));
        let report = check(&GOOD.replace("1686586501000", "1500000000000"));
        assert_eq!(rules(&report), [Rule::CollectedBeforePublished]);
        let report = check("");
        assert_eq!(rules(&report), [Rule::Unparseable]);
        assert_eq!(report.worst(), Some(Severity::Error));
    }

    /// Generated sites: a line that recurs (its digits varying) in enough files of one
    /// site is reported in each of them, with its count; the same line in another
    /// site, or in too few files, is not.
    #[test]
    fn the_caption_of_a_picture_the_page_lost_is_no_dropped_prose() {
        // DW's saved pages keep `<img src="">` where the picture was lost; its
        // `<div><small>` caption goes with it. A caption under nothing is still reported.
        let dw = |picture: &str| {
            format!(
                "<!--1653528381000-->\n[T](https://www.dw.com/zh/t/a-61932474)\n------\n\n\
                 <div><i><br>2022-05-25T15:16:14.257Z</i></div><p>（德国之声中文网）正文第一段说明了这件事的来龙去脉。</p>\
                 {picture}<div><small style=\"color: #999;\">图为2007年《时代》评选出的最具影响力一百人。该杂志自2004年起每年评选“百大人物”，并在网站上公布。</small></div>\
                 <p>正文第二段接着说明了更多的细节和背景。</p>"
            )
        };
        let dropped = |text: String| {
            check_file("dw.txt".into(), text.as_bytes(), &ParseOptions::default())
                .findings
                .iter()
                .any(|finding| finding.rule == Rule::DroppedProse)
        };
        assert!(!dropped(dw(r#"<img src="" width="100%">"#)));
        assert!(dropped(dw("")));
    }

    #[test]
    fn a_recurring_heading_over_text_of_its_own_is_no_furniture() {
        // Al Jazeera's daily summaries title their sections `武器`, `战事` every day;
        // a headline kept from a list of related links recurs as a heading too, but
        // over another headline, not over text.
        let run = |extra: &dyn Fn(usize) -> String| {
            let mut checker = Checker::new(Vec::new(), RepeatThreshold::default());
            for n in 0..20 {
                let text = format!(
                    "<!--1686586501000-->\n[Title {}](https://news.example.com/a/{n})\n------\n\n\
                     <p>The article number {} says what it says.</p>{}",
                    "x".repeat(n + 1),
                    "y".repeat(n + 1),
                    extra(n)
                );
                let mut report = check_file(
                    format!("{n}.txt"),
                    text.as_bytes(),
                    &ParseOptions::default(),
                );
                checker.add(&mut report);
            }
            checker.finish().late.len()
        };
        let section = |n: usize| {
            format!(
                "<h2>Weapons</h2><p>On day {}, the fighting went on as it had.</p>",
                "z".repeat(n + 1)
            )
        };
        assert_eq!(run(&section), 0);
        let related = |n: usize| {
            format!(
                "<h3>Will the ceasefire hold?</h3><h3>Another headline {}</h3>",
                "w".repeat(n + 1)
            )
        };
        assert_eq!(run(&related), 20);
    }

    #[test]
    fn repeated_text_is_found_by_recurrence_per_site() {
        // Digits are masked, so each article's own text is told apart by letters.
        let letters = |mut n: usize| {
            let mut word = String::new();
            loop {
                word.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
                if n == 0 {
                    return word;
                }
            }
        };
        let article = |site: &str, n: usize, extra: &str| {
            format!(
                "<!--1686586501000-->\n[t{}](https://{site}/a/{n})\n------\n\n\
                 <p>The article called {} says what it says.</p>{extra}",
                letters(n),
                letters(n)
            )
        };
        for (files, with_line, min_files, share, reported) in [
            (100, 5, 5, 2.0, true),
            (100, 4, 5, 2.0, false),
            (400, 7, 5, 2.0, false),
            (400, 8, 5, 2.0, true),
            (10, 3, 3, 2.0, true),
        ] {
            let mut checker = Checker::new(
                Vec::new(),
                RepeatThreshold {
                    min_files,
                    min_share: share,
                },
            );
            for n in 0..files {
                let promo = if n < with_line {
                    format!("<p>Follow us, {n} days left!</p>")
                } else {
                    String::new()
                };
                let text = article("news.example.com", n, &promo);
                let mut report = check_file(
                    format!("{n}.txt"),
                    text.as_bytes(),
                    &ParseOptions::default(),
                );
                checker.add(&mut report);
            }
            // The same line once on another site: its own group, never counted with these.
            let other = article("other.example.org", 1, "<p>Follow us, 9 days left!</p>");
            let mut report = check_file(
                "other.txt".into(),
                other.as_bytes(),
                &ParseOptions::default(),
            );
            checker.add(&mut report);
            let Finished { summary, late, .. } = checker.finish();
            let case = (files, with_line, min_files);
            assert_eq!(late.len(), if reported { with_line } else { 0 }, "{case:?}");
            assert!(
                late.iter().all(|(source, _)| source != "other.txt"),
                "{case:?}"
            );
            if reported {
                let message = &late[0].1[0].message;
                assert!(
                    message.contains(&format!(
                        "recurs in {with_line} of {files} files of news.example.com"
                    )),
                    "{message}"
                );
                assert_eq!(summary.rules.get(&Rule::RepeatedText), Some(&with_line));
                assert_eq!(summary.by_profile["default"].repeated_text, with_line);
            }
        }
    }

    #[test]
    fn duplicates_are_found_across_files_and_rules_can_be_allowed() {
        let mut checker = Checker::new(vec![Rule::EmptyLead], RepeatThreshold::default());
        let mut first = check(GOOD);
        let mut second = check_file("b.txt".into(), GOOD.as_bytes(), &ParseOptions::default());
        let mut third = check(&GOOD.replace("<p><strong>导语</strong></p>", ""));
        checker.add(&mut first);
        checker.add(&mut second);
        checker.add(&mut third);
        assert_eq!(rules(&first), []);
        assert_eq!(rules(&second), [Rule::DuplicateUrl, Rule::DuplicateContent]);
        assert!(second.findings[0].message.contains("a.txt"));
        assert_eq!(
            rules(&third),
            [Rule::DuplicateUrl],
            "empty-lead is allowed; other text"
        );
        let summary = checker.finish().summary;
        // Duplicates are notes: the files stay clean.
        assert_eq!(
            (
                summary.files,
                summary.clean,
                summary.with_notes,
                summary.with_warnings
            ),
            (3, 3, 2, 0)
        );
        assert_eq!(summary.sites.get("rfi.fr"), Some(&3));
        assert_eq!(summary.sections.get("rfi.fr/法国"), Some(&3));
        assert_eq!(
            summary.published_from.as_deref(),
            Some("2023-06-12T17:21:00+02:00")
        );
    }

    #[test]
    fn rule_ids_are_unique_and_match_clap_and_serde() {
        use clap::ValueEnum;
        for (i, rule) in Rule::ALL.iter().enumerate() {
            assert!(
                Rule::ALL[i + 1..]
                    .iter()
                    .all(|other| other.id() != rule.id())
            );
            let clap_name = rule.to_possible_value().unwrap();
            assert_eq!(clap_name.get_name(), rule.id());
            assert_eq!(serde_json::to_value(rule).unwrap(), rule.id());
        }
        assert_eq!(Rule::value_variants().len(), Rule::ALL.len());
    }
}
