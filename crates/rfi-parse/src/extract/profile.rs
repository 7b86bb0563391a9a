//! Per-source extraction profiles, kept as data: which markup of a source is a caption, a
//! byline, a tag or page furniture, and the zone its printed times are in.
//!
//! The walker in `body.rs` is layout-neutral and asks the profile; adding a source is adding
//! a [`Profile`] to [`PROFILES`], with no change to the walker. Selectors are CSS, compiled
//! once for every profile by scraper's selector engine ([`css`]): `div.picinfo`,
//! `a[rel=author]`, `footer p`, `section[aria-labelledby=article-byline]`.

use chrono_tz::Tz;
use ego_tree::NodeRef;
use scraper::Node;

pub(crate) use crate::article::ChosenBy;

/// How a source lays out the top of its body, and text straight in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    /// Any short block with a digit opening the body is its date line, even one this
    /// tool cannot read (so `check` reports it as `unparseable-date`); otherwise only a
    /// date this tool reads is.
    pub(crate) any_date_block: bool,
    /// A paragraph all in `<strong>` at the top is the lead (RFI).
    pub(crate) strong_lead: bool,
    /// The picture the article opens with, before any text, is its lead image.
    pub(crate) opening_picture_is_lead: bool,
    /// Text straight in the body (not in a `<p>`) is a paragraph (NHK puts it there);
    /// otherwise it is furniture, as text straight in a layout `<div>` is.
    pub(crate) body_text_is_prose: bool,
    /// The source's rule that splits a byline off its date line (the name it prints
    /// before the instant): the byline, if any, and the date line left.
    pub(crate) split_date_line: Option<DateLineSplit>,
}

/// A source's rule that splits its date line into a byline and the date line proper.
pub(crate) type DateLineSplit = fn(String) -> (Option<String>, String);

/// The header of a source without RFI's: a date line only where it reads as one.
pub(crate) const GENERIC_HEADER: Header = Header {
    any_date_block: false,
    strong_lead: false,
    opening_picture_is_lead: true,
    body_text_is_prose: true,
    split_date_line: None,
};

/// Where a source's URL states the publication day, for articles that print none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlDate {
    /// The URL is read for no date.
    None,
    /// A path segment opens with `YYYYMMDD` (CNA `/news/aipl/202511200123.aspx`, RFI
    /// `/cn/中国/20231001-…`, the NYT `/world/20240322/…/`).
    Compact,
    /// Three path segments `/YYYY/M/D/` (Al Jazeera `/news/2021/10/1/…`).
    Segments,
    /// The last segment ends with `-MMDDYYYYhhmmss` (RFA
    /// `/news/us-china-spy-12072024103440.html`): the day of that stamp.
    MonthDayYearStamp,
    /// The last segment ends with `-YYYYMMDD` before its extension (RTHK
    /// `/component/k2/1742648-20240301.htm`).
    TrailingCompact,
    /// Two path segments `/YYYY/MM/` give year and month only (Kyodo
    /// `/news/2021/10/…`): the day comes from the dateline.
    YearMonth,
}

/// How a source's URLs name an article's language: for one of its sites, the path
/// segments that may hold a language code (`rfi.fr/cn/…`, `dw.com/zh/…`), or the
/// site's only language.
#[derive(Debug)]
pub(crate) struct UrlLanguage {
    /// The site (host without `www.`) the rule is for; `None` for every host of the
    /// profile.
    pub(crate) site: Option<&'static str>,
    /// Path segments that may hold a language code; the first that does names it.
    pub(crate) segments: &'static [Segment],
    /// The codes read there ([`LANGUAGE_CODES`] unless the site writes its own).
    pub(crate) codes: &'static [(&'static str, &'static str)],
    /// The language when no segment names one (a site in one language).
    pub(crate) otherwise: Option<&'static str>,
}

/// A path segment by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment {
    /// The segment at this index, from 0.
    At(usize),
    /// The last segment.
    Last,
}

/// A path segment's language codes, as the archive's sites write them, with the BCP 47
/// tag each names.
pub(crate) const LANGUAGE_CODES: &[(&str, &str)] = &[
    ("cn", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("zh-cn", "zh-Hans"),
    ("zh-hans", "zh-Hans"),
    ("simp", "zh-Hans"),
    ("gb", "zh-Hans"),
    ("tw", "zh-Hant"),
    ("zh-tw", "zh-Hant"),
    ("zh-hant", "zh-Hant"),
    ("trad", "zh-Hant"),
    ("big5", "zh-Hant"),
    ("hk", "zh-Hant"),
    ("en", "en"),
    ("fr", "fr"),
];

/// How a source's URL paths name an article's section: the first folder that is
/// neither a language code, a number, nor one of the site's own folders.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UrlSection {
    /// Folders of the site's own, never a section (`zhongwen`, `amp`, `news`).
    pub(crate) site_folders: &'static [&'static str],
    /// A path with this segment second names no section: an id stands where the section
    /// was (BBC since 2023, `/zhongwen/articles/ID/simp`).
    pub(crate) id_after: Option<&'static str>,
    /// An article name with this prefix follows a headline, not a section (DW
    /// `/zh/<headline>/a-123`).
    pub(crate) headline_before: Option<&'static str>,
    /// Without a section folder, an article name `section-12345` opens with its section
    /// (BBC `/zhongwen/simp/world-66074278`).
    pub(crate) section_in_name: bool,
}

/// The folders that are no section on most sites.
pub(crate) const SITE_FOLDERS: &[&str] = &["news", "amp", "articles"];

/// A language rule for sites that write a code of [`LANGUAGE_CODES`] as the first or
/// second folder (`rfi.fr/cn/…`, `dw.com/zh-hant/…`, `nhk.or.jp/nhkworld/zh/…`).
pub(crate) const CODE_IN_FIRST_TWO_FOLDERS: &[UrlLanguage] = &[UrlLanguage {
    site: None,
    segments: &[Segment::At(0), Segment::At(1)],
    codes: LANGUAGE_CODES,
    otherwise: None,
}];

/// A section rule for sites whose first folder (past the common ones) is the section.
pub(crate) const FIRST_FOLDER: UrlSection = UrlSection {
    site_folders: SITE_FOLDERS,
    id_after: None,
    headline_before: None,
    section_in_name: false,
};

/// A source's rule for the publication day its text states (a dateline, a date stamp),
/// run when neither a printed time nor the URL gave one.
pub(crate) type TextDateRule = fn(&super::day::DayEvidence<'_>) -> Option<chrono::NaiveDate>;

/// An element's attribute that holds the article's own publication time, as a wall-clock
/// time read with the profile's `date_formats` in its `zone` (CNA's topic timeline marks
/// the article's own item: `<li class="timelineItem isNotLink" data-time="2024/06/18
/// 22:06">`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OwnTime {
    /// The element, as CSS; the first in the page that matches is read.
    pub(crate) element: &'static str,
    pub(crate) attribute: &'static str,
}

/// What one source's markup means.
#[derive(Debug)]
pub(crate) struct Profile {
    /// The name `check` reports (`cna`).
    pub(crate) name: &'static str,
    /// URL hosts, matched as the host or a subdomain of it.
    pub(crate) hosts: &'static [&'static str],
    /// Substrings of the body that only this source's markup or text holds, for files
    /// without a URL (the archives of 2020 and January 2021).
    pub(crate) marks: &'static [&'static str],
    /// Weaker marks, which another source may also hold (the opening of its datelines,
    /// `（中央社`, `【共同社`, which others quote; its usual first element): looked for
    /// only when no profile's `marks` are in the body.
    pub(crate) weak_marks: &'static [&'static str],
    /// The `chrono` format of the date line this source opens its body with
    /// (`<div>12/06/2023 - 17:21</div>`), which recognises it without a URL.
    pub(crate) opening_date_line: Option<&'static str>,
    /// The top of the body, where a source prints its date line, lead image and lead:
    /// RFI's `<div>DD/MM/YYYY - HH:MM</div>`, top-level `<img>` and `<p><strong>` lead.
    pub(crate) header: Header,
    /// The zone of times the source prints without an offset; `None` reads them as UTC
    /// only when they say so.
    pub(crate) zone: Option<Tz>,
    /// The `chrono` formats of the wall-clock times it prints (read in `zone`).
    pub(crate) date_formats: &'static [&'static str],
    /// Where the URL states the publication day.
    pub(crate) url_date: UrlDate,
    /// How the text states the publication day, if it does: the source's own rule.
    pub(crate) text_date: Option<TextDateRule>,
    /// An attribute anywhere in the page (a box dropped as furniture included) that
    /// states the article's own time, read when the top of the page gave none.
    pub(crate) own_time: Option<OwnTime>,
    /// How its URLs name the language.
    pub(crate) url_languages: &'static [UrlLanguage],
    /// How its URL paths name the section; `None` where they never do.
    pub(crate) url_section: Option<UrlSection>,
    /// Elements the source marks as its lead paragraph, read as `lead` when they come
    /// before any paragraph.
    pub(crate) lead: &'static [&'static str],
    /// Whether the source prints a lead and a date line, so that `check` may expect them.
    pub(crate) has_lead: bool,
    pub(crate) has_date_line: bool,
    /// Whether the source prints its publication time (a date line, `<time>`), so that
    /// `check` may count the files where none was read.
    pub(crate) prints_time: bool,
    /// Containers dropped whole: carousels, related-news boxes, profile widgets.
    pub(crate) drop: &'static [&'static str],
    /// Prefixes of attribute names that mark an element as no part of the article
    /// (RFI's `data-selfpromo…` slots, `data-root-share` widget): dropped whole.
    pub(crate) noise_attributes: &'static [&'static str],
    /// Containers read as inline text, whose start and end do not end a paragraph (a
    /// glossary term's wrapper inside a sentence).
    pub(crate) inline: &'static [&'static str],
    /// Elements whose text is the caption of the picture before them.
    pub(crate) captions: &'static [&'static str],
    /// Elements whose text is the caption of the picture or player right before them,
    /// when one is (`small`, a `*caption*` class); elsewhere they are text.
    pub(crate) captions_after_image: &'static [&'static str],
    /// Elements whose text is the credit of the picture before them; inside a
    /// `<figcaption>` of no spans or blocks, the caption's credit (`<cite>`).
    pub(crate) credits: &'static [&'static str],
    /// Labels that open an image-source credit (`图片来源：`), on its own line or glued to
    /// a caption.
    pub(crate) credit_labels: &'static [&'static str],
    /// Agencies the source's captions name in brackets by a short name the caption
    /// grammar does not know (`(路透)`), read as the picture's credit.
    pub(crate) caption_credit_agencies: &'static [&'static str],
    /// Paragraphs that are the copyright line (RFI's `p.t-copyright`).
    pub(crate) copyright: &'static [&'static str],

    /// Picture or player blocks whose caption is the short text block beside them
    /// (BBC: `<div><div data-e2e=image-placeholder>…</div></div><div><p>caption</p></div>`).
    pub(crate) caption_after: &'static [&'static str],
    /// Player wrappers that hold no `<iframe>` or `<video>` (a script builds the player):
    /// an embed of the address inside (a player element's `source`, a link to the
    /// player's page), not the poster picture and the player's own text they hold.
    pub(crate) players: &'static [&'static str],
    /// Elements whose text is a byline line.
    pub(crate) bylines: &'static [&'static str],
    /// Elements in a byline item that hold a screen-reader label and then the value
    /// (`<span role=text><span>Author, </span><span>name</span></span>`): a first inner
    /// element ending in a comma or colon names the field, not the person, and is left out.
    pub(crate) byline_labelled: &'static [&'static str],
    /// Paragraph openings that make it a byline line (`編輯：`, `翻译：`).
    pub(crate) byline_labels: &'static [&'static str],
    /// Newsroom roles whose credit in parentheses closes a paragraph
    /// (`（編輯：張雅淨）`, `（译者：…/核稿：…）`): moved to the byline.
    pub(crate) credit_roles: &'static [&'static str],
    /// Elements whose links are topic tags (`#國防部` gives `國防部`).
    pub(crate) tags: &'static [&'static str],
    /// The words of the position a screen reader announces before each item of a list,
    /// written as text before a related article's link (`list 1 of 4`: `["list", "of"]`),
    /// so that such an item still reads as only a link.
    pub(crate) list_position_words: Option<[&'static str; 2]>,
    /// Openings of the first text of a `<div>` that mark it as a footer appended to the
    /// article: furniture, dropped whole.
    pub(crate) footer_openings: &'static [&'static str],
    /// Attributes whose value names a post the page embeds as `NETWORK-embed-ADDRESS`
    /// (`data-e2e="instagram-embed-https://…"`): an embed of that address, without a caption.
    pub(crate) embed_address_attributes: &'static [&'static str],
    /// Exact paragraph texts that are page furniture (`阅读更多`).
    pub(crate) furniture: &'static [&'static str],
    /// Openings of paragraphs that are page furniture (`相关图集：` and a gallery's name).
    pub(crate) furniture_prefixes: &'static [&'static str],
    /// A `<ul>` of names and titles without links before any paragraph is the byline
    /// (BBC's `<ul role=list><li>叶靖斯</li><li>BBC中文记者</li></ul>`).
    pub(crate) byline_list_first: bool,
    /// The first block of the article all in bold, before any text, is the byline (Al
    /// Jazeera's `<div><strong>记者-地点</strong></div>` under the lead image).
    pub(crate) byline_bold_first: bool,
    /// Substrings of image URLs that are interface icons or placeholders, not pictures.
    pub(crate) junk_images: &'static [&'static str],
    /// Substrings of the URL of the site's generic picture, which stands in as the lead
    /// image of an article that has none: left out of `lead_image` (`check` notes it).
    pub(crate) placeholder_images: &'static [&'static str],
    /// Text straight inside a `<div>` right after a picture in it is that picture's
    /// caption (DW galleries: `<div><img><b>title</b>：text</div>`).
    pub(crate) div_text_captions_image: bool,
    /// Text straight inside a `<div>` is article text (bodies of `<div>`s without `<p>`).
    pub(crate) div_text_is_prose: bool,
    /// Prose straight in a `<div>` before anything else is the article's summary, read
    /// as `lead` (WSJ's feed puts it before the page).
    pub(crate) opening_text_is_lead: bool,
    /// The source's own block rules: quirks that need code, run in this order at the
    /// block stage's `source-rules` step (see its folder).
    pub(crate) block_rules: &'static [SourceRule],
}

/// A quirk of one source that needs code: a named rule of its own on each text block.
#[derive(Debug)]
pub(crate) struct SourceRule {
    pub(crate) name: &'static str,
    pub(crate) summary: &'static str,
    /// Whether it claimed the block; it may also cut the block and pass the rest on.
    pub(crate) rule: fn(&mut super::body::SourceBlock<'_>) -> bool,
}

/// The generic profile, every source's defaults (`sources/default/`).
pub(crate) use crate::sources::default::PROFILE as DEFAULT;

/// Every known source (one folder each in `sources/`); the first whose host or mark
/// matches is used.
pub(crate) const PROFILES: &[Profile] = crate::sources::PROFILES;

/// The profile of this name (`default` included).
pub(crate) fn by_name(name: &str) -> Option<&'static Profile> {
    PROFILES
        .iter()
        .chain([&DEFAULT])
        .find(|profile| profile.name == name)
}

/// The profile for an article: by its URL's site, else by the body's marks.
/// The profile of a site (a host without `www.`), matched as one of its hosts or a
/// subdomain of one.
pub(crate) fn by_host(site: &str) -> Option<&'static Profile> {
    PROFILES
        .iter()
        .find(|p| p.hosts.iter().any(|host| host_matches(site, host)))
}

#[cfg(test)]
pub(crate) fn choose(site: Option<&str>, body: &str) -> (&'static Profile, ChosenBy) {
    let (profile, chosen_by, _) = choose_with_evidence(site, body);
    (profile, chosen_by)
}

/// What chose a profile: the host it names, or the mark or date line format the body
/// opens with (`rfi-parse explain` prints it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Evidence {
    Host(&'static str),
    DateLine(&'static str),
    Mark(&'static str),
    Nothing,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Host(host) => write!(f, "host {host}"),
            Self::DateLine(format) => write!(f, "opening date line `{format}`"),
            Self::Mark(mark) => write!(f, "markup `{mark}`"),
            Self::Nothing => f.write_str("no host or markup of a known source"),
        }
    }
}

/// [`choose`], and what chose the profile.
pub(crate) fn choose_with_evidence(
    site: Option<&str>,
    body: &str,
) -> (&'static Profile, ChosenBy, Evidence) {
    if let Some(site) = site
        && let Some((profile, host)) = PROFILES.iter().find_map(|p| {
            p.hosts
                .iter()
                .find(|host| host_matches(site, host))
                .map(|host| (p, *host))
        })
    {
        return (profile, ChosenBy::Host, Evidence::Host(host));
    }
    if site.is_none() || !site.is_some_and(|s| s.contains('.')) {
        let by_date_line = PROFILES.iter().find_map(|p| {
            p.opening_date_line
                .filter(|format| opens_with_date_line(body, format))
                .map(|format| (p, Evidence::DateLine(format)))
        });
        let by_marks = |marks: fn(&Profile) -> &[&str]| {
            PROFILES.iter().find_map(|p| {
                marks(p)
                    .iter()
                    .find(|mark| body.contains(*mark))
                    .map(|mark| (p, Evidence::Mark(mark)))
            })
        };
        if let Some((profile, evidence)) = by_date_line
            .or_else(|| by_marks(|p| p.marks))
            .or_else(|| by_marks(|p| p.weak_marks))
        {
            return (profile, ChosenBy::Markup, evidence);
        }
    }
    (&DEFAULT, ChosenBy::Default, Evidence::Nothing)
}

/// Whether `site` is `host` or a subdomain of it.
pub(crate) fn host_matches(site: &str, host: &str) -> bool {
    site == host
        || site
            .strip_suffix(host)
            .is_some_and(|prefix| prefix.ends_with('.'))
}

/// Whether the body opens with `<div>` and a date line of this `chrono` format.
fn opens_with_date_line(body: &str, format: &str) -> bool {
    let Some(rest) = body.trim_start().strip_prefix("<div>") else {
        return false;
    };
    // A date line is short: its end is looked for in the first bytes only (cut at a
    // character boundary, which the text after it may not have at that byte).
    let mut head_len = super::settings::OPENING_DATE_LINE_MAX_BYTES.min(rest.len());
    while !rest.is_char_boundary(head_len) {
        head_len -= 1;
    }
    let Some(end) = rest[..head_len].find("</div>") else {
        return false;
    };
    chrono::NaiveDateTime::parse_from_str(rest[..end].trim(), format).is_ok()
}

/// A profile's selectors, compiled once by scraper's selector engine (the `selectors`
/// crate of Servo and Firefox): any CSS a profile writes, descendant selectors and
/// attribute values with dots included, matched as a browser matches them.
#[derive(Debug)]
pub(crate) struct Css {
    pub(crate) drop: SelectorList,
    pub(crate) inline: SelectorList,
    pub(crate) lead: SelectorList,
    pub(crate) captions: SelectorList,
    pub(crate) captions_after_image: SelectorList,
    pub(crate) credits: SelectorList,
    pub(crate) caption_after: SelectorList,
    pub(crate) players: SelectorList,
    pub(crate) bylines: SelectorList,
    pub(crate) byline_labelled: SelectorList,
    pub(crate) tags: SelectorList,
    pub(crate) copyright: SelectorList,
    /// The element of [`Profile::own_time`].
    pub(crate) own_time: SelectorList,
    /// The profile's credit labels as searchers built once (a caption is searched for
    /// each label in turn).
    pub(crate) credit_labels: Vec<memchr::memmem::Finder<'static>>,
}

/// Compiled selectors of one field, as one selector group (`a, b`) matched in one pass of
/// the engine, with what each selector's subject needs; an empty list matches nothing at
/// no cost.
#[derive(Debug)]
pub(crate) struct SelectorList {
    group: Option<scraper::Selector>,
    subjects: Vec<Subject>,
}

impl SelectorList {
    /// Compiles the selectors of the field `field` names (`rfi.drop`); one that is no CSS
    /// is a bug, named in the panic (every profile is compiled by a test).
    fn compile(field: &str, written: &[&str]) -> Self {
        let mut subjects = Vec::new();
        for css in written {
            let list = selectors::parser::SelectorList::parse(
                &scraper::selector::Parser,
                &mut cssparser::Parser::new(css),
                selectors::parser::ParseRelative::No,
            )
            .unwrap_or_else(|e| panic!("{field}: {css:?} is no CSS: {e:?}"));
            subjects.extend(list.slice().iter().map(Subject::of));
        }
        Self {
            group: (!written.is_empty())
                .then(|| scraper::Selector::parse(&written.join(", ")).expect("each one parses")),
            subjects,
        }
    }

    /// The first element of `document` that one of the selectors matches; `None` at no
    /// cost when there are none.
    pub(crate) fn first_in<'a>(
        &self,
        document: &'a scraper::Html,
    ) -> Option<scraper::ElementRef<'a>> {
        document.select(self.group.as_ref()?).next()
    }

    /// Whether `node` is an element that one of the selectors matches.
    pub(crate) fn matches(&self, node: NodeRef<'_, Node>) -> bool {
        let Some(group) = &self.group else {
            return false;
        };
        let Some(element) = scraper::ElementRef::wrap(node) else {
            return false;
        };
        // The engine sets up a matching context at every call: most elements are ruled
        // out by name and attributes alone first.
        self.subjects.iter().any(|subject| subject.admits(&element)) && group.matches(&element)
    }
}

/// What an element needs for a selector's subject (its rightmost compound) to match it:
/// the type it names, if any, and attributes, if it names a class, an id or an attribute.
/// A necessary condition only, never a match by itself.
#[derive(Debug)]
struct Subject {
    /// The name as written and lowercased (an HTML element's name is matched lowercase).
    name: Option<(html5ever::LocalName, html5ever::LocalName)>,
    needs_attributes: bool,
    /// The classes it names, and its id: compared ASCII case-insensitively, as a
    /// document in quirks mode compares them (a standards-mode one compares them
    /// exactly), so that no element the selector matches is ruled out.
    classes: Vec<String>,
    id: Option<String>,
}

impl Subject {
    fn of(selector: &selectors::parser::Selector<scraper::selector::Simple>) -> Self {
        use selectors::parser::Component;
        let mut subject = Subject {
            name: None,
            needs_attributes: false,
            classes: Vec::new(),
            id: None,
        };
        // `iter` yields the rightmost compound's components, up to its combinator.
        for component in selector.iter() {
            match component {
                Component::LocalName(name) => {
                    subject.name = Some((name.name.0.clone(), name.lower_name.0.clone()));
                }
                Component::ID(id) => {
                    subject.needs_attributes = true;
                    subject.id = Some(id.0.to_string());
                }
                Component::Class(class) => {
                    subject.needs_attributes = true;
                    subject.classes.push(class.0.to_string());
                }
                Component::AttributeInNoNamespaceExists { .. }
                | Component::AttributeInNoNamespace { .. }
                | Component::AttributeOther(_) => subject.needs_attributes = true,
                _ => {}
            }
        }
        subject
    }

    fn admits(&self, element: &scraper::ElementRef<'_>) -> bool {
        let element = element.value();
        self.name
            .as_ref()
            .is_none_or(|(name, lower)| element.name.local == *name || element.name.local == *lower)
            && (!self.needs_attributes || element.attrs().next().is_some())
            && self
                .id
                .as_deref()
                .is_none_or(|id| element.id().is_some_and(|own| own.eq_ignore_ascii_case(id)))
            && self.classes.iter().all(|class| {
                element.has_class(
                    class,
                    selectors::attr::CaseSensitivity::AsciiCaseInsensitive,
                )
            })
    }
}

impl Css {
    fn of(profile: &Profile) -> Self {
        let list = |field: &str, written| {
            SelectorList::compile(&format!("{}.{field}", profile.name), written)
        };
        Self {
            drop: list("drop", profile.drop),
            inline: list("inline", profile.inline),
            lead: list("lead", profile.lead),
            captions: list("captions", profile.captions),
            captions_after_image: list("captions_after_image", profile.captions_after_image),
            credits: list("credits", profile.credits),
            caption_after: list("caption_after", profile.caption_after),
            players: list("players", profile.players),
            bylines: list("bylines", profile.bylines),
            byline_labelled: list("byline_labelled", profile.byline_labelled),
            tags: list("tags", profile.tags),
            copyright: list("copyright", profile.copyright),
            own_time: list(
                "own_time",
                profile
                    .own_time
                    .as_ref()
                    .map_or(&[], |own| std::slice::from_ref(&own.element)),
            ),
            credit_labels: profile
                .credit_labels
                .iter()
                .map(memchr::memmem::Finder::new)
                .collect(),
        }
    }
}

#[cfg(test)]
impl Css {
    fn lists(&self) -> [&SelectorList; 13] {
        [
            &self.drop,
            &self.inline,
            &self.lead,
            &self.captions,
            &self.captions_after_image,
            &self.credits,
            &self.caption_after,
            &self.players,
            &self.bylines,
            &self.byline_labelled,
            &self.tags,
            &self.copyright,
            &self.own_time,
        ]
    }
}

/// The compiled selectors of a profile, compiled for every profile on first use.
pub(crate) fn css(profile: &Profile) -> &'static Css {
    static ALL: std::sync::OnceLock<Vec<(&'static str, Css)>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        PROFILES
            .iter()
            .chain([&DEFAULT])
            .map(|profile| (profile.name, Css::of(profile)))
            .collect()
    });
    all.iter()
        .find(|(name, _)| *name == profile.name)
        .map(|(_, css)| css)
        .expect("every profile is compiled")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the compiled `list` matches the first element of `html`'s body.
    fn first_matches(list: &SelectorList, html: &str) -> bool {
        let document = scraper::Html::parse_document(html);
        let body = scraper::Selector::parse("body > *").unwrap();
        let first = document.select(&body).next().expect("an element");
        list.matches(*first)
    }

    #[test]
    fn selectors_match_as_css_does() {
        let list = SelectorList::compile(
            "test",
            &[
                r#"img[src*="zoom.png"]"#,
                "footer p",
                "div.focus.owl-carousel",
                "section[aria-labelledby=article-byline]",
            ],
        );
        // An attribute value with a dot, which a split on `.` broke.
        assert!(first_matches(&list, r#"<img src="/img/icon-zoom.png">"#));
        assert!(!first_matches(&list, r#"<img src="/img/icon-zoom-png">"#));
        // A descendant selector, in any context.
        assert!(!first_matches(&list, "<footer><p>x</p></footer>"));
        let document = scraper::Html::parse_document("<footer><p>x</p></footer><p>y</p>");
        let paragraphs: Vec<_> = document
            .select(&scraper::Selector::parse("p").unwrap())
            .map(|p| list.matches(*p))
            .collect();
        assert_eq!(paragraphs, [true, false]);
        assert!(first_matches(
            &list,
            r#"<div class="owl-carousel focus">x</div>"#
        ));
        assert!(!first_matches(
            &list,
            r#"<div class="owl-carousel">x</div>"#
        ));
        assert!(first_matches(
            &list,
            r#"<section aria-labelledby="article-byline"></section>"#
        ));
        assert!(
            !SelectorList::compile("test", &[])
                .matches(*scraper::Html::parse_fragment("<p>").root_element())
        );
    }

    /// Every element of every fixture (and of markup that names elements in other cases
    /// and namespaces), against every list of every profile: ruling elements out by their
    /// subjects first never loses a match.
    #[test]
    fn subjects_never_rule_out_a_match() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut pages: Vec<String> = std::fs::read_dir(&fixtures)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "txt"))
            .map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned())
            .collect();
        assert!(pages.len() > 20, "the fixtures are there");
        pages.push(
            r#"<DIV CLASS="picinfo">a</DIV><svg><foreignObject class="x"><p>b</p></foreignObject></svg>
            <figure><figcaption>c</figcaption></figure><section aria-labelledby="article-byline"></section>"#
                .into(),
        );
        let (mut checked, mut matched) = (0, 0);
        for profile in PROFILES.iter().chain([&DEFAULT]) {
            let css = Css::of(profile);
            for list in css.lists() {
                let Some(group) = &list.group else { continue };
                for page in &pages {
                    let document = scraper::Html::parse_document(page);
                    for node in document.tree.root().descendants() {
                        let Some(element) = scraper::ElementRef::wrap(node) else {
                            continue;
                        };
                        let by_engine = group.matches(&element);
                        assert_eq!(
                            list.matches(node),
                            by_engine,
                            "{}: {:?}",
                            profile.name,
                            element.value()
                        );
                        checked += 1;
                        matched += usize::from(by_engine);
                    }
                }
            }
        }
        assert!(
            checked > 20_000 && matched > 100,
            "{checked} checked, {matched} matched"
        );
    }

    #[test]
    fn furniture_entries_open_with_a_character_that_is_no_whitespace() {
        // The furniture rule rules a block out by its first character (body.rs).
        for profile in PROFILES.iter().chain([&DEFAULT]) {
            for entry in profile.furniture.iter().chain(profile.furniture_prefixes) {
                assert!(
                    entry.chars().next().is_some_and(|c| !c.is_whitespace()),
                    "{}: {entry:?}",
                    profile.name
                );
            }
        }
    }

    #[test]
    fn every_profile_selector_compiles() {
        // Compiling panics naming the profile, field and selector that is no CSS.
        for profile in PROFILES.iter().chain([&DEFAULT]) {
            Css::of(profile);
        }
    }

    #[test]
    fn profiles_by_host_then_by_markup() {
        assert_eq!(choose(Some("cna.com.tw"), "").0.name, "cna");
        assert_eq!(choose(Some("cn.nytimes.com"), "").0.name, "nyt");
        assert_eq!(choose(Some("notwsj.com"), "").0.name, "default");
        let (rfi, by) = choose(None, "<div>12/06/2023 - 17:21</div>");
        assert_eq!((rfi.name, by), ("rfi", ChosenBy::Markup));
        // (The line's end falls inside a character 64 bytes in: still read.)
        let joins = choose(
            None,
            "<div>2020.12.10 09:41</div><p>韩国截至12月10日零时较前日新增682例新冠确诊病例</p>",
        )
        .0;
        assert_eq!(joins.name, "joins");
        assert_eq!(choose(None, "<div>2020.12.01</div>").0.name, "default");
        let kyodo = choose(None, "<p>【共同社北京12月1日电】日本外务省</p>").0;
        assert_eq!(kyodo.name, "kyodo");
        assert_eq!(choose(None, "<p>（中央社台北1日電）</p>").0.name, "cna");
        // A dateline another source quotes does not outweigh that source's own marks.
        let dw = choose(
            None,
            r#"<p>（中央社）</p><img src="https://static.dw.com/x.jpg">"#,
        );
        assert_eq!(dw.0.name, "dw");
        assert_eq!(
            choose(None, r#"<img src="https://chinese.joins.com/x.jpg">"#)
                .0
                .name,
            "joins"
        );
        assert_eq!(choose(None, "<p>x</p>").1, ChosenBy::Default);
        // A known host decides even when the body carries another source's marks.
        assert_eq!(choose(Some("dw.com"), "images.wsj.net").0.name, "dw");
    }
}
