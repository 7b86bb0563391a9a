//! The article body: date line, lead, paragraphs, images, embeds, copyright and share links.

use chrono_tz::Tz;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

use super::builder::{ArticleBuilder, Filed, Hold, Holds};
use super::date::{parse_date_line, parse_date_only};
use super::player;
use super::profile::{Css, Profile, SelectorList};
use super::script;
use super::settings;
use super::share::share_link;
use super::srcset::candidate_urls;
use super::text::{
    TextBuilder, is_textless, literal_bold as literal_bold_range, spaced, strip_controls, text_of,
};
use crate::address::{self, Href};
use crate::article::{Embed, EmbedKind, Image, Link};
use crate::explain::{Destination, Rule, Stage};
use crate::language;
use memchr::memmem::Finder;

/// A rule of a stage: its name (what `explain` prints), what it does in one line, and
/// the function.
type Named<F> = (&'static str, &'static str, F);

/// Extracts every body field from the article HTML into `fields` (a tracing builder
/// records each decision).
/// `title` is the article's title, which a page may repeat as its first heading; `page`
/// the page's address, which a scheme-relative player address takes its scheme from.
pub(crate) fn extract(
    html: &str,
    title: &str,
    page: Option<&str>,
    options_zone: Option<Tz>,
    profile: &'static Profile,
    mut fields: ArticleBuilder,
) -> ArticleBuilder {
    let header = profile.header;
    // A time printed without an offset is in the zone the caller names (`--tz`), else in
    // the zone the source prints its times in.
    let zone = options_zone.or(profile.zone);
    let html = super::prepass::prepare(html);
    let (document, as_written) = super::tree::build(&html);
    fields.simplified = !as_written;
    let Some(body) = document
        .root_element()
        .children()
        .find(|child| element_name(*child) == Some("body"))
    else {
        return fields;
    };

    let mut walker = Walker::new(&mut fields, page, profile, title, zone);
    // Text straight in the body is a paragraph for generic sources (NHK puts it there).
    let body_kind = if header.body_text_is_prose {
        BlockKind::Body
    } else {
        BlockKind::Container
    };
    walker.blocks.push((body.id(), body_kind));
    // The header part (date line, lead image, lead) comes before any article content.
    let mut in_header = true;
    for child in body.children() {
        if in_header {
            match child.value() {
                Node::Text(text) if text.trim().is_empty() => continue,
                Node::Element(element) if walker.header_part(child, element) => continue,
                Node::Comment(_) => continue,
                _ => in_header = false,
            }
        }
        walker.walk(child);
    }
    walker.finish();
    if fields.published.is_none()
        && let Some(own) = profile.own_time
    {
        own_time(&mut fields, &document, own, profile, zone);
    }
    // Text that is in the article anyway (a teaser repeating a paragraph, or one that
    // opens as a paragraph does and adds a name in brackets there: WSJ's summary) was
    // not lost.
    if !fields.dropped.is_empty() {
        let mut dropped = std::mem::take(&mut fields.dropped);
        let paragraphs = fields.paragraphs();
        let opening = |text: &str| {
            text.chars()
                .filter(|c| !c.is_whitespace())
                .take(settings::DROPPED_OPENING_CHARS)
                .collect::<String>()
        };
        dropped.retain(|text| {
            let start = opening(text);
            !paragraphs.iter().any(|p| {
                p.contains(text.as_str())
                    || (start.chars().count() == settings::DROPPED_OPENING_CHARS
                        && opening(p) == start)
            })
        });
        fields.dropped = dropped;
    }
    fields
}

/// The article's own time where the profile finds it in an attribute, anywhere in the
/// page ([`Profile::own_time`]): the publication time, when nothing before the text
/// gave one.
fn own_time(
    fields: &mut ArticleBuilder,
    document: &scraper::Html,
    own: super::profile::OwnTime,
    profile: &'static Profile,
    zone: Option<Tz>,
) {
    let Some(value) = super::profile::css(profile)
        .own_time
        .first_in(document)
        .and_then(|element| element.value().attr(own.attribute))
    else {
        return;
    };
    let Some(published) = parse_date_line(value, zone, profile.date_formats) else {
        return;
    };
    fields.note(Stage::Finish, OWN_TIME.0, Destination::Date, || {
        Some(value.trim().to_string())
    });
    fields.published = Some(published);
}

/// Every rule, stage by stage, in the order each stage runs them; the sources' own block
/// rules where `source-rules` runs them.
pub(crate) fn rules() -> Vec<Rule> {
    let engine = |stage: Stage, name: &'static str, summary: &'static str| Rule {
        stage,
        name,
        source: None,
        summary,
    };
    let mut rules: Vec<Rule> = HEADER_RULES
        .iter()
        .map(|(name, summary, _)| engine(Stage::Header, name, summary))
        .chain(
            ELEMENT_RULES
                .iter()
                .map(|(name, summary, _)| engine(Stage::Element, name, summary)),
        )
        .collect();
    for (name, summary, _) in BLOCK_RULES {
        rules.push(engine(Stage::Block, name, summary));
        if *name == "source-rules" {
            for profile in super::profile::PROFILES {
                rules.extend(profile.block_rules.iter().map(|rule| Rule {
                    stage: Stage::Block,
                    name: rule.name,
                    source: Some(profile.name),
                    summary: rule.summary,
                }));
            }
        }
    }
    rules.extend(
        FINISH_RULES
            .iter()
            .map(|(name, summary, _)| engine(Stage::Finish, name, summary)),
    );
    rules.push(engine(Stage::Finish, OWN_TIME.0, OWN_TIME.1));
    rules
}

/// The rule that reads [`Profile::own_time`], after the walk (the element may sit in a
/// box the walk dropped).
const OWN_TIME: (&str, &str) = (
    "own-time",
    "the attribute where the profile finds the article's own time anywhere in the page, when nothing before the text dated it: the publication time",
);

/// A rule of the header stage: whether it took this top-level element.
type HeaderRule = fn(&mut Walker<'_>, NodeRef<'_, Node>, &Element) -> bool;

/// The rules that read the top-level elements before the article's content; the first
/// element none takes starts the content.
const HEADER_RULES: &[Named<HeaderRule>] = &[
    (
        "date-line",
        "a short `<div>` of inline text with a digit, dated as the profile reads dates: the date line (a name the profile splits off it: the byline)",
        date_line,
    ),
    (
        "lead-image",
        "the first `<img>` with an address: the lead image",
        lead_image,
    ),
    (
        "separator",
        "`<br>` and `<hr>` between the header's parts",
        separator,
    ),
    (
        "strong-lead",
        "a `<p>` all in `<strong>`, where the profile prints its lead so: the lead",
        strong_lead,
    ),
];

fn date_line(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> bool {
    if element.name() != "div" || walker.fields.date_line.is_some() {
        return false;
    }
    let Some(date_line) = date_div_text(node) else {
        return false;
    };
    let (zone, header, formats) = (
        walker.zone,
        walker.profile.header,
        walker.profile.date_formats,
    );
    let published = parse_date_line(&date_line, zone, formats);
    // A wall-clock time read in no zone (the source names none): its day as printed,
    // which needs no zone (CHOSUN `2025-11-28&nbsp;10:03`).
    let printed_day = parse_date_line(&date_line, Some(chrono_tz::UTC), formats)
        .map(|instant| instant.date_naive());
    // (Only a line that gives no instant is tried as a date alone.)
    let printed_date = published
        .is_none()
        .then(|| parse_date_only(&date_line).or(printed_day))
        .flatten();
    if !header.any_date_block && published.is_none() && printed_date.is_none() {
        // Only a date this tool reads is a date line on other sources; any other
        // short block with a digit is left to the article. A date read only with
        // a zone the source does not name (the default profile) is still the
        // date line, with no publication instant: none is guessed.
        return false;
    }
    let (byline, date_line) = match header.split_date_line {
        Some(split) => split(date_line),
        None => (None, date_line),
    };
    walker.note(Destination::Byline, || byline.clone());
    walker.note(Destination::Date, || Some(date_line.clone()));
    let fields = &mut *walker.fields;
    fields.byline.extend(byline);
    fields.date_line = Some(date_line);
    fields.published = published;
    fields.printed_date = printed_date;
    true
}

fn lead_image(walker: &mut Walker<'_>, _: NodeRef<'_, Node>, element: &Element) -> bool {
    if element.name() != "img" || walker.fields.lead_image.is_some() {
        return false;
    }
    let Some(url) = image_url(element, None) else {
        return false;
    };
    walker.note(Destination::LeadImage, || Some(url.clone()));
    walker.fields.lead_image = Some(Image {
        url,
        alt: non_empty(attr(element, "alt")),
        caption: None,
        credit: None,
    });
    true
}

fn separator(_: &mut Walker<'_>, _: NodeRef<'_, Node>, element: &Element) -> bool {
    matches!(element.name(), "br" | "hr")
}

fn strong_lead(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> bool {
    if element.name() != "p"
        || !walker.profile.header.strong_lead
        || walker.fields.lead.is_some()
        || !is_lead(node)
    {
        return false;
    }
    let lead = text_of(node);
    walker.note(Destination::Lead, || lead.clone());
    walker.fields.lead = lead;
    true
}

/// The text of a date line: a short block of inline text with a digit in it
/// (`<div>12/06/2023 - 17:21</div>`), its lines joined by spaces.
fn date_div_text(node: NodeRef<'_, Node>) -> Option<String> {
    let inline_only = node.descendants().skip(1).all(|d| match d.value() {
        Node::Element(e) => matches!(
            e.name(),
            "i" | "b" | "em" | "strong" | "span" | "br" | "time"
        ),
        _ => true,
    });
    if !inline_only {
        return None;
    }
    let text = text_of(node)?;
    let date_like = text.chars().count() <= settings::DATE_LINE_MAX_CHARS
        && text.contains(|c: char| c.is_ascii_digit());
    date_like.then(|| text.replace('\n', " "))
}

/// `<p><strong>…</strong></p>`: a paragraph whose text is all strong (or empty).
fn is_lead(node: NodeRef<'_, Node>) -> bool {
    let mut strong = false;
    for child in node.children() {
        match child.value() {
            Node::Text(text) if text.trim().is_empty() => {}
            Node::Element(e) if matches!(e.name(), "strong" | "b") => strong = true,
            Node::Element(e) if e.name() == "br" => {}
            _ => return false,
        }
    }
    strong
}

/// The kind of block element whose text is being collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    /// `<p>` and other text blocks.
    Paragraph,
    Heading,
    ListItem,
    /// The copyright line the profile names (RFI's `p.t-copyright`).
    Copyright,
    /// A `<div>` or other container: text straight inside it is not a paragraph
    /// (player widgets, bylines, image notes).
    Container,
    /// The body of a generic source: text straight inside it is a paragraph, and an
    /// empty line (`<br><br>`) ends one.
    Body,
    /// A `<figure>`: text straight inside it captions its picture when it has no
    /// `<figcaption>` (`<figure><img>caption</figure>`, WordPress), else is a paragraph.
    Figure,
}

/// A `<figure>` being walked: the caption its `<figcaption>` gives, and whether a
/// picture or player took it (the first one does; one caption is never copied per
/// element, so a figure of thousands of players stays as small as its markup).
struct OpenFigure {
    id: NodeId,
    caption: (Option<String>, Option<String>),
    has_figcaption: bool,
    /// Whether a picture or player is in it at all: without one, its `<figcaption>`
    /// (a quotation's attribution) is text.
    has_picture: bool,
    given: bool,
}

/// Walks article content in document order without recursion, so deep nesting cannot
/// overflow the stack.
struct Walker<'f> {
    fields: &'f mut ArticleBuilder,
    /// The page's address, which a scheme-relative player address takes its scheme from.
    page: Option<&'f str>,
    profile: &'static Profile,
    /// The profile's selectors, compiled.
    css: &'static Css,
    /// The zone the profile's date lines are read in.
    zone: Option<Tz>,
    /// The stage and the rule being run, which every decision is recorded under.
    stage: Stage,
    rule: &'static str,
    /// The article's title without whitespace, which the page may repeat as its first
    /// heading.
    title: String,
    /// The container the last picture was found in, for captions written beside it.
    image_container: Option<NodeId>,
    /// Whether a heading was the last thing filed, and no list item read since.
    last_heading: bool,
    /// Elements already read as the caption of a picture before them.
    taken: Vec<NodeId>,
    /// Placeholders whose caption is given when they close.
    pending_captions: Vec<(NodeId, String)>,
    text: TextBuilder,
    /// Open block elements, innermost last.
    blocks: Vec<(NodeId, BlockKind)>,
    strong_depth: usize,
    /// Open `<em>`/`<i>` elements.
    italic_depth: usize,
    /// No block has been flushed since the innermost open block element opened: text
    /// flushed when it closes is all it holds.
    block_fresh: bool,
    /// The innermost open block element is closing (its text is being flushed).
    closing_block: bool,
    /// How many lines at the end of the byline the finish stage's `author-note` moved
    /// there, so that attributions printed before the notes are filed before them.
    author_notes: usize,
    /// Whether the block being flushed ends at an empty line (`<br><br>`), and whether
    /// the last block with text did: a bold run alone between two is a subheading.
    ending_at_empty_line: bool,
    after_empty_line: bool,
    /// Open link elements, so that their close ends the link.
    links: Vec<NodeId>,
    /// Open `<figure>`s, innermost last.
    figures: Vec<OpenFigure>,
    /// In a list of related articles written as paragraphs of one link each.
    related_links: bool,
    /// An `<img>` without an address (the picture lost when the page was saved, DW's
    /// `<img src="">`) was the last thing read: the number of blocks then.
    lost_picture: Option<usize>,
    /// Every `<p>` outside a `<blockquote>`, whitespace collapsed: read at the first
    /// quote, for the `pull-quote` rule.
    printed_paragraphs: Option<PrintedParagraphs>,
    /// The address of the link element the share-link rule read and left (each link's
    /// address is parsed once), for the link's own text.
    link_address: Option<(NodeId, Href)>,
}

/// What the walk does after an element rule took an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Walk into its children.
    Descend,
    /// Pass over its subtree.
    Skip,
}

/// A rule of the element stage: `None` leaves the element to the rules after it.
type ElementRule = fn(&mut Walker<'_>, NodeRef<'_, Node>, &Element) -> Option<Flow>;

/// The rules that decide an element as the walk opens it, in order; the last takes every
/// element that comes to it.
const ELEMENT_RULES: &[Named<ElementRule>] = &[
    (
        "noscript-picture",
        "the `<img>` a lazy-loading figure, or a captioned placeholder with no other picture, keeps as text in `<noscript>`: its picture",
        noscript_picture_rule,
    ),
    (
        "textless",
        "elements that hold no text a reader sees (`<script>`, `<style>`, `<svg>`…): passed over",
        textless,
    ),
    (
        "noise",
        "elements the profile marks by an attribute, and the footers it names (the feed collector's): furniture",
        noise,
    ),
    (
        "hidden",
        "`hidden`, `aria-hidden` and screen-reader-only elements: left out",
        hidden,
    ),
    (
        "taken",
        "an element already read as the caption beside a picture: passed over",
        taken,
    ),
    (
        "figcaption",
        "a `<figcaption>`: its figure's caption (read when the figure opens), the caption of the picture before it outside a figure, or text in a figure with no picture",
        figcaption,
    ),
    (
        "profile-lead",
        "the block the profile marks as its lead, before any paragraph",
        profile_lead,
    ),
    (
        "profile-drop",
        "elements the profile names as furniture: never article text",
        profile_drop,
    ),
    (
        "profile-byline",
        "the profile's byline blocks: a line per list item, its screen-reader label left out",
        profile_byline,
    ),
    (
        "byline-list",
        "a list without links before the text, where the profile prints its byline so",
        byline_list,
    ),
    (
        "profile-tags",
        "the profile's tag lists: the text of each link",
        profile_tags,
    ),
    (
        "pull-quote",
        "a `<blockquote>` whose text is a paragraph the article prints elsewhere outside quotes (a pull quote): the text shown again for display, left out",
        pull_quote,
    ),
    (
        "dated-link-list",
        "a list whose every item is one link and the `<time>` of its story, nothing else: related stories, left out",
        dated_link_list,
    ),
    (
        "caption-after-picture",
        "a note right after a picture, of a kind the profile names: its caption",
        caption_after_picture,
    ),
    (
        "profile-caption",
        "the profile's caption blocks: the caption of the picture before them",
        profile_caption,
    ),
    (
        "profile-credit",
        "the profile's credit blocks: the credit of the picture before them",
        profile_credit,
    ),
    (
        "caption-beside",
        "a picture or player the profile names, with a short caption beside it in their wrapper: the caption is given when it closes",
        caption_beside_rule,
    ),
    (
        "address-less-player",
        "a player the profile names that a script builds (no `<iframe>` or `<video>`): an embed of the address inside it, its poster picture the poster, its figure's caption or the caption beside it the caption; its own text is the player's",
        address_less_player,
    ),
    (
        "audio-player",
        "an audio player whose media the page names in `<script data-media-id type=\"application/json\">` (a broadcaster's episode player): an embed of the media's address, the title line before the player its caption",
        audio_player,
    ),
    (
        "social-embed",
        "a quoted tweet, Instagram, Facebook, Threads or TikTok post, Infogram chart or Getty picture: an embed, its text the caption",
        social_embed,
    ),
    (
        "picture-description",
        "`<dd>` describing a `<dt>` that holds a picture: its caption",
        picture_description,
    ),
    (
        "time",
        "the first `<time>` before any paragraph: the publication time when nothing else gives one",
        time,
    ),
    (
        "share-link",
        "a link to a network's share page: a share link",
        share_link_rule,
    ),
    (
        "figure",
        "a `<figure>`: the caption of its first picture or player",
        figure,
    ),
    (
        "picture",
        "`<img>` and `<picture>` with an address: a picture",
        picture,
    ),
    (
        "player",
        "`<iframe>`, `<video>` and `<embed>` with a web address: an embed",
        player,
    ),
    (
        "structure",
        "every other element: line breaks, bold, links, and the text blocks and containers that end a block",
        structure,
    ),
];

fn noscript_picture_rule(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    if element.name() != "noscript" {
        return None;
    }
    let in_open_figure = walker.figures.last().is_some_and(|figure| !figure.given);
    // A placeholder the profile names with a caption beside it (BBC 2022's
    // `data-e2e="image-placeholder"`), holding no picture or player but this one.
    let in_empty_placeholder = || {
        node.ancestors().any(|ancestor| {
            walker
                .pending_captions
                .iter()
                .any(|(placeholder, _)| *placeholder == ancestor.id())
                && !ancestor.descendants().any(|d| {
                    matches!(
                        element_name(d),
                        Some("img" | "picture" | "iframe" | "video" | "embed")
                    )
                })
        })
    };
    if in_open_figure || in_empty_placeholder() {
        // Lazy-loading pages keep the real `<img>` as text inside `<noscript>`.
        walker.noscript_picture(node);
        return Some(Flow::Skip);
    }
    None
}

fn textless(_: &mut Walker<'_>, _: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    is_textless(element.name()).then_some(Flow::Skip)
}

fn noise(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if !is_noise(node, element, walker.profile) {
        return None;
    }
    walker.note(Destination::Furniture, || text_of(node));
    Some(Flow::Skip)
}

fn hidden(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if !(element.attrs().next().is_some() && is_hidden(element)) {
        return None;
    }
    walker.note(Destination::Dropped, || text_of(node));
    Some(Flow::Skip)
}

fn taken(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, _: &Element) -> Option<Flow> {
    walker.taken.contains(&node.id()).then_some(Flow::Skip)
}

fn figcaption(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if element.name() != "figcaption" {
        return None;
    }
    // The figure rules read every `<figcaption>`, before any profile rule sees it.
    if walker
        .figures
        .last()
        .is_some_and(|figure| !figure.has_picture)
    {
        // Nothing to caption (a quotation's attribution): its text is kept.
        walker.flush();
        walker.blocks.push((node.id(), BlockKind::Paragraph));
        walker.block_fresh = true;
        return Some(Flow::Descend);
    }
    if walker.figures.is_empty() {
        // A caption outside a figure follows the player or picture it describes.
        walker.caption_last(node);
    }
    // Inside a figure, it was read when its figure opened.
    Some(Flow::Skip)
}

fn profile_lead(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    if element.attrs().next().is_some()
        && walker.fields.lead.is_none()
        && !walker.fields.has_paragraphs()
        && walker.css.lead.matches(node)
    {
        // The paragraph the source marks as its lead (`p.story-body__introduction`).
        walker.flush();
        let lead = text_of(node);
        walker.note(Destination::Lead, || lead.clone());
        walker.fields.lead = lead;
        return Some(Flow::Skip);
    }
    None
}

fn profile_drop(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, _: &Element) -> Option<Flow> {
    let css = walker.css;
    if !css.drop.matches(node) {
        return None;
    }
    // Inside an inline wrapper the text around it is one sentence.
    let in_inline = node
        .parent()
        .is_some_and(|parent| css.inline.matches(parent));
    if !in_inline {
        walker.flush();
    }
    walker.note(Destination::Furniture, || text_of(node));
    Some(Flow::Skip)
}

fn profile_byline(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, _: &Element) -> Option<Flow> {
    if !walker.css.bylines.matches(node) {
        return None;
    }
    walker.flush();
    // A list gives a line per item (name, then title).
    // (A section holding the list: its list's items.)
    let mut items: Vec<NodeRef<'_, Node>> = node
        .children()
        .filter(|c| element_name(*c) == Some("li"))
        .collect();
    if items.is_empty() {
        // The innermost items only (an item holding a list repeats its lines), and none
        // that holds the time: that is the date, read below, not a byline line (BBC
        // 2025 prints it relative, `25 分钟前`).
        items = node
            .descendants()
            .filter(|d| {
                element_name(*d) == Some("li")
                    && !d
                        .descendants()
                        .skip(1)
                        .any(|inner| matches!(element_name(inner), Some("li" | "time")))
            })
            .collect();
    }
    let texts: Vec<String> = if items.is_empty() {
        text_of(node).into_iter().collect()
    } else {
        let labelled = &walker.css.byline_labelled;
        items
            .into_iter()
            .filter_map(|item| unlabelled_text(item, labelled))
            .collect()
    };
    // A byline block may hold the publication time (BBC's byline section).
    if walker.fields.time.is_none()
        && let Some(time) = node
            .descendants()
            .find(|d| element_name(*d) == Some("time"))
        && let Some(datetime) = time.value().as_element().and_then(|e| attr(e, "datetime"))
    {
        walker.note(Destination::Date, || Some(datetime.trim().to_string()));
        walker.fields.time = Some(datetime.trim().to_string());
    }
    for line in texts.iter().flat_map(|text| text.lines()) {
        // Links the page adds to a byline ("点击查看更多关于他的信息。") are furniture.
        let mut line = line.trim();
        for furniture in walker.profile.furniture {
            line = line.strip_suffix(furniture).unwrap_or(line).trim_end();
        }
        if !line.is_empty() {
            walker.note(Destination::Byline, || Some(line.to_string()));
            walker.fields.byline.push(line.to_string());
        }
    }
    Some(Flow::Skip)
}

fn byline_list(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    if walker.profile.byline_list_first
        && element.name() == "ul"
        && !walker.fields.has_paragraphs()
        && !node.descendants().any(|d| element_name(d) == Some("a"))
    {
        // A list of names and titles before the text, with no links: the byline.
        walker.flush();
        for item in node.children().filter(|c| element_name(*c) == Some("li")) {
            if let Some(text) = text_of(item) {
                walker.note(Destination::Byline, || Some(text.clone()));
                walker.fields.byline.push(text);
            }
        }
        return Some(Flow::Skip);
    }
    None
}

/// A pull quote: a `<blockquote>` that shows again, set apart for display, a paragraph the
/// article prints elsewhere in its text (Al Jazeera's opinion pieces, 86 files of the
/// shared months: `<blockquote><p>许多美国记者…</p></blockquote>` two paragraphs in,
/// and the same `<p>` six blocks on), as printed or slightly reworded (`科威特总理宣布谨慎地
/// 恢复该国的正常生活…` over `…该国将谨慎地恢复正常生活…`, 119 quotes more). Kept, it is the
/// same paragraph twice; a quotation the text quotes but does not print again is no
/// such thing and stays.
fn pull_quote(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if element.name() != "blockquote" {
        return None;
    }
    let quoted = spaced(&text_of(node)?);
    // The paragraphs outside quotes are read once, at the first quote: a page of many
    // quotes costs no more than one.
    let printed = walker.printed_paragraphs.get_or_insert_with(|| {
        let in_a_quote =
            |p: NodeRef<'_, Node>| p.ancestors().any(|a| element_name(a) == Some("blockquote"));
        PrintedParagraphs::new(
            (node.tree().root().descendants())
                .filter(|p| element_name(*p) == Some("p") && !in_a_quote(*p))
                .filter_map(|p| text_of(p).map(|text| spaced(&text))),
        )
    });
    if !printed.repeats(&quoted) {
        return None;
    }
    walker.flush();
    walker.note(Destination::Furniture, || Some(quoted));
    Some(Flow::Skip)
}

/// The paragraphs an article prints outside its quotes, for the `pull-quote` rule: their
/// texts, and (read at the first quote that is no exact copy) the pairs of words that
/// follow each other in each, by hash, sorted, each once.
struct PrintedParagraphs {
    texts: std::collections::HashSet<String>,
    pairs: Option<Vec<Vec<u64>>>,
    /// Pair lookups left for near copies: a multiple of the paragraphs' pairs, so that a
    /// page of many quotes costs a bounded multiple of its size (past it, only exact
    /// copies are found).
    budget: usize,
}

impl PrintedParagraphs {
    fn new(texts: impl Iterator<Item = String>) -> Self {
        PrintedParagraphs {
            texts: texts.collect(),
            pairs: None,
            budget: 0,
        }
    }

    /// Whether `quoted` prints again, whole or reworded, what one of these paragraphs
    /// prints.
    fn repeats(&mut self, quoted: &str) -> bool {
        if self.texts.contains(quoted) {
            return true;
        }
        let quote = distinct_word_pairs(quoted);
        if quote.len() < settings::PULL_QUOTE_MIN_PAIRS {
            return false;
        }
        let pairs = self.pairs.get_or_insert_with(|| {
            let pairs: Vec<Vec<u64>> = self
                .texts
                .iter()
                .map(|text| distinct_word_pairs(text))
                .collect();
            self.budget =
                settings::PULL_QUOTE_LOOKUPS_PER_PAIR * pairs.iter().map(Vec::len).sum::<usize>();
            pairs
        });
        let needed = settings::PULL_QUOTE_MIN_SHARED_PAIRS * quote.len() as f64;
        for paragraph in pairs.iter() {
            let Some(left) = self.budget.checked_sub(paragraph.len()) else {
                return false;
            };
            self.budget = left;
            let shared = (paragraph.iter())
                .filter(|pair| quote.binary_search(pair).is_ok())
                .count();
            if shared as f64 >= needed {
                return true;
            }
        }
        false
    }
}

/// The hashes of the pairs of words that follow each other in `text`, sorted, each once;
/// a word is a Han character, a kana or a hangul syllable, or a run of other letters and
/// digits (lower-cased): the units that repeat between a text and its rewording in any
/// script.
fn distinct_word_pairs(text: &str) -> Vec<u64> {
    // A multiplicative hash (FxHash's constant): fixed, so that the same pair hashes the
    // same in the paragraphs and the quote, and cheap on every character of the text.
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let add = |hash: u64, value: u64| (hash.rotate_left(5) ^ value).wrapping_mul(K);
    let ideographic = |c: char| script::is_han(c) || script::is_kana(c) || script::is_hangul(c);
    let mut pairs = Vec::new();
    let mut previous: Option<u64> = None;
    let mut word: Option<u64> = None;
    let mut end_word = |word: &mut Option<u64>, pairs: &mut Vec<u64>| {
        if let Some(hash) = word.take() {
            if let Some(before) = previous {
                pairs.push(add(before, hash));
            }
            previous = Some(hash);
        }
    };
    for c in text.chars() {
        if !c.is_alphanumeric() {
            end_word(&mut word, &mut pairs);
        } else if ideographic(c) {
            end_word(&mut word, &mut pairs);
            word = Some(add(0, u64::from(c)));
            end_word(&mut word, &mut pairs);
        } else {
            let lower = c.to_lowercase().fold(0, |hash, c| add(hash, u64::from(c)));
            word = Some(add(word.unwrap_or(0), lower));
        }
    }
    end_word(&mut word, &mut pairs);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A list of related stories, each item one link and its date (BBC 2025: `<ul
/// role=list><li><div><a>headline</a><time>2025年8月23日</time></div></li>…`): left out.
fn dated_link_list(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    if !matches!(element.name(), "ul" | "ol") {
        return None;
    }
    let mut items = node
        .children()
        .filter(|child| child.value().is_element())
        .peekable();
    items.peek()?;
    let all_dated_links = items.all(|item| {
        let named = |name: &str| {
            item.descendants()
                .filter(|d| element_name(*d) == Some(name))
                .count()
        };
        element_name(item) == Some("li")
            && named("a") == 1
            && named("time") >= 1
            // No text outside the link and the time.
            && item.descendants().all(|d| {
                d.value().as_text().is_none_or(|text| {
                    text.trim().is_empty()
                        || d.ancestors()
                            .take_while(|a| a.id() != item.id())
                            .any(|a| matches!(element_name(a), Some("a" | "time")))
                })
            })
    });
    if !all_dated_links {
        return None;
    }
    walker.flush();
    walker.note(Destination::Dropped, || text_of(node));
    Some(Flow::Skip)
}

fn profile_tags(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, _: &Element) -> Option<Flow> {
    if !walker.css.tags.matches(node) {
        return None;
    }
    walker.flush();
    for link in node.descendants().filter(|d| element_name(*d) == Some("a")) {
        if let Some(tag) = text_of(link) {
            let tag = tag.trim_start_matches(['#', '＃']).trim();
            if !tag.is_empty() {
                walker.note(Destination::Tag, || Some(tag.to_string()));
                walker.fields.tags.push(tag.to_string());
            }
        }
    }
    Some(Flow::Skip)
}

fn caption_after_picture(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    _: &Element,
) -> Option<Flow> {
    if walker.picture_just_read()
        && ((walker.css.captions_after_image.matches(node) && no_text_before(node))
            || beside_its_picture(node))
        && !node
            .descendants()
            .any(|d| matches!(element_name(d), Some("img" | "picture" | "iframe")))
        && let Some(text) = text_of(node)
        && text.chars().count() <= settings::CAPTION_AFTER_PICTURE_MAX_CHARS
    {
        // A note right after a picture (`<img><small>…</small>`, a `*caption*`
        // class) captions it; elsewhere it is read as text. Agency captions run
        // long; a longer block is text.
        walker.flush();
        walker.caption_text(text, false);
        return Some(Flow::Skip);
    }
    None
}

/// Whether no text comes before `node` in its parent (the picture, a player, line breaks
/// may): a note in small print after a picture (`<p><img><br><span
/// style="font-size:small">…`) rather than a footnote's number set small in running text
/// (`…《先知医学》<span style="font-size:small">2</span>。`).
fn no_text_before(node: NodeRef<'_, Node>) -> bool {
    node.prev_siblings().all(|sibling| {
        sibling
            .value()
            .as_text()
            .is_none_or(|text| text.trim().is_empty())
    })
}

/// Whether `node` is a paragraph beside the block that holds a picture, the two all
/// their wrapper holds: a figure built of `<div>`s, whose paragraph is the caption (BBC
/// 2023–: `<div><div><picture>…</picture><p role="text">credit</p></div><p>字节跳动拥有
/// TikTok和它的姐妹应用抖音。</p></div>`, 269 of 313 pictures of March 2024).
fn beside_its_picture(node: NodeRef<'_, Node>) -> bool {
    let Some(wrapper) = node.parent() else {
        return false;
    };
    let mut parts = wrapper.children().filter(|child| match child.value() {
        Node::Element(_) => true,
        Node::Text(text) => !text.trim().is_empty(),
        _ => false,
    });
    let (Some(picture_block), Some(beside), None) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    element_name(node) == Some("p")
        && beside.id() == node.id()
        && picture_block.value().is_element()
        && picture_block
            .descendants()
            .any(|d| matches!(element_name(d), Some("img" | "picture")))
}

fn profile_caption(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, _: &Element) -> Option<Flow> {
    if !walker.css.captions.matches(node) {
        return None;
    }
    walker.flush();
    if let Some(text) = text_of(node) {
        walker.caption_text(text, false);
    }
    Some(Flow::Skip)
}

fn profile_credit(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, _: &Element) -> Option<Flow> {
    if !walker.css.credits.matches(node) {
        return None;
    }
    walker.flush();
    if let Some(text) = text_of(node) {
        // A credit block may go on with the caption after a line break (BBC 2025:
        // `<p role=text><span>图像来源，</span><span>Name</span><br>caption</p>`).
        let (credit, caption) = match text.split_once('\n') {
            Some((credit, caption)) if !credit.trim().is_empty() && !caption.trim().is_empty() => {
                (credit.to_string(), Some(caption.to_string()))
            }
            _ => (text, None),
        };
        let credit = image_credit(&credit, walker.profile.credit_labels)
            .map(str::to_string)
            .unwrap_or(credit);
        walker.caption_text(credit, true);
        if let Some(caption) = caption {
            walker.caption_text(caption, false);
        }
    }
    Some(Flow::Skip)
}

fn caption_beside_rule(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    _: &Element,
) -> Option<Flow> {
    if walker.css.caption_after.matches(node)
        && let Some(caption) = caption_beside(node)
        // A figure's `<figcaption>` is read with its figure.
        && element_name(caption) != Some("figcaption")
        && let Some(text) = text_of(caption)
    {
        // The picture or player is read as usual; when it closes, it gets the caption
        // beside it, which the walk then passes over.
        walker.taken.push(caption.id());
        walker.pending_captions.push((node.id(), text));
    }
    None
}

fn address_less_player(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    _: &Element,
) -> Option<Flow> {
    if !walker.css.players.matches(node) {
        return None;
    }
    // Without an address inside, the wrapper is read as usual.
    let url = walker.resolved(player_address(node)?);
    let poster = node
        .descendants()
        .filter(|d| element_name(*d) == Some("img"))
        .find_map(|img| {
            let picture = img.parent().filter(|p| element_name(*p) == Some("picture"));
            image_url(img.value().as_element()?, picture)
        });
    walker.flush();
    walker.note(Destination::Furniture, || text_of(node));
    // Such players play video (RFI's YouTube player, BBC's video player), unless the
    // address's host says otherwise.
    walker.push_embed(Embed {
        kind: player::kind(None, &url).or(Some(EmbedKind::Video)),
        url,
        caption: None,
        credit: None,
        poster,
    });
    // The poster's figure captions the player (RFI); the caption beside the wrapper
    // was set aside for it by `caption-beside` (BBC), and is given here, as the walk
    // does not close a wrapper it skips.
    if let Some(figcaption) = node
        .descendants()
        .find(|d| element_name(*d) == Some("figcaption"))
    {
        walker.caption_last(figcaption);
    }
    if let Some(at) = walker
        .pending_captions
        .iter()
        .position(|(placeholder, _)| *placeholder == node.id())
    {
        let (_, text) = walker.pending_captions.swap_remove(at);
        walker.caption_text(text, false);
    }
    Some(Flow::Skip)
}

/// The web address a script-built player plays: the first `source` or `src` of an
/// element that is no picture (`<youtube-player source=…>`), else the first link (BBC's
/// `📹 Video Page`).
fn player_address(wrapper: NodeRef<'_, Node>) -> Option<String> {
    let elements = || wrapper.descendants().filter_map(|d| d.value().as_element());
    let web = |url: Option<&str>| {
        url.map(str::trim)
            .filter(|url| !url.contains(char::is_whitespace) && address::is_web(url))
            .map(str::to_string)
    };
    elements()
        .filter(|e| !matches!(e.name(), "img" | "picture" | "source" | "a"))
        .find_map(|e| web(attr(e, "source")).or_else(|| web(attr(e, "src"))))
        .or_else(|| {
            elements()
                .filter(|e| e.name() == "a")
                .find_map(|e| web(attr(e, "href")))
        })
}

fn audio_player(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    // The player with its title line: `<div><div>TITLE</div><div>…<script
    // data-media-id>…</div></div>`; the player's own lines after the script (the
    // broadcast's name, the presenter) are furniture. A bare `<script>` never comes
    // here: `textless` passes over it.
    if element.name() != "div" {
        return None;
    }
    let mut children = node.children().filter(|c| c.value().is_element());
    let (title, player) = (children.next()?, children.next()?);
    if children.next().is_some() || title.children().any(|c| c.value().is_element()) {
        return None;
    }
    let script = player.descendants().find(|d| is_media_script(*d))?;
    let (url, title) = (walker.resolved(media_url(script)?), text_of(title));
    walker.flush();
    walker.note(Destination::Caption, || title.clone());
    walker.push_embed(Embed {
        url,
        caption: title,
        credit: None,
        kind: Some(EmbedKind::Audio),
        poster: None,
    });
    Some(Flow::Skip)
}

/// Whether `node` is the JSON an audio player keeps its media in (`<script
/// data-media-id type="application/json">`).
fn is_media_script(node: NodeRef<'_, Node>) -> bool {
    node.value().as_element().is_some_and(|element| {
        element.name() == "script"
            && attr(element, "data-media-id").is_some()
            && attr(element, "type") == Some("application/json")
    })
}

/// The player's JSON, when it parses.
fn media_json(script: NodeRef<'_, Node>) -> Option<serde_json::Value> {
    let json: String = script
        .children()
        .filter_map(|c| c.value().as_text().map(|t| &**t))
        .collect();
    serde_json::from_str(&json).ok()
}

/// The web address of the first of the player's `sources`.
fn media_url(script: NodeRef<'_, Node>) -> Option<String> {
    let json = media_json(script)?;
    let url = json["sources"].as_array()?.first()?["url"].as_str()?;
    (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_string())
}

fn social_embed(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    // An embed code names itself by its class: an element without attributes is none.
    element.attrs().next()?;
    // A post the page names with its address in an attribute the profile names
    // (`data-e2e="instagram-embed-https://…"`): an embed without a caption.
    if let Some(url) = walker
        .profile
        .embed_address_attributes
        .iter()
        .find_map(|name| attr(element, name))
        .and_then(|value| value.split_once("-embed-"))
        .map(|(_, url)| url.trim())
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
    {
        walker.flush();
        walker.push_embed(Embed {
            kind: player::kind(None, url).or(Some(EmbedKind::Post)),
            url: url.to_string(),
            caption: None,
            credit: None,
            poster: None,
        });
        return Some(Flow::Skip);
    }
    let url = walker.resolved(social_embed_url(node, element)?);
    // A tweet, Instagram or Facebook post or TikTok quoted in the article: an
    // embed, its visible text the caption, never paragraphs.
    walker.flush();
    let caption = text_of(node).map(|text| text.replace('\n', " "));
    walker.note(Destination::Caption, || caption.clone());
    walker.push_embed(Embed {
        kind: player::kind(None, &url),
        url,
        caption,
        credit: None,
        poster: None,
    });
    Some(Flow::Skip)
}

fn picture_description(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    if element.name() != "dd" {
        return None;
    }
    let text = dl_caption(node)?;
    // `<dl><dt><img></dt><dd>caption</dd></dl>`: the description of a term
    // that is a picture is its caption.
    walker.flush();
    walker.caption_text(text, false);
    Some(Flow::Skip)
}

fn time(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    // Only a `<time>` before the article's text dates it; one further down dates
    // a related article or a quoted event.
    if element.name() != "time" || walker.fields.time.is_some() || walker.fields.has_paragraphs() {
        return None;
    }
    // The machine-readable `datetime`, else the text (WSJ writes none).
    let datetime = attr(element, "datetime").map(|datetime| datetime.trim().to_string());
    walker.fields.time_printed = datetime.is_none();
    let time = datetime.or_else(|| text_of(node));
    walker.note(Destination::Date, || time.clone());
    walker.fields.time = time;
    Some(Flow::Descend)
}

fn share_link_rule(
    walker: &mut Walker<'_>,
    node: NodeRef<'_, Node>,
    element: &Element,
) -> Option<Flow> {
    if element.name() != "a" {
        return None;
    }
    let href = attr(element, "href").unwrap_or("");
    let address = address::read(href);
    let Some(link) = (match &address {
        Href::Absolute(url) => share_link(href, url),
        _ => None,
    }) else {
        walker.link_address = Some((node.id(), address));
        return None;
    };
    walker.note(Destination::ShareLink, || Some(href.to_string()));
    walker.fields.share_links.push(link);
    Some(Flow::Skip)
}

fn figure(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if element.name() != "figure" {
        return None;
    }
    walker.flush();
    // One pass over the figure: its first `<figcaption>`, and whether it
    // holds a picture or player at all.
    let (mut figcaption, mut has_picture) = (None, false);
    for descendant in node.descendants() {
        match element_name(descendant) {
            Some("figcaption") if figcaption.is_none() => figcaption = Some(descendant),
            Some("img" | "picture" | "iframe" | "video" | "embed" | "noscript") => {
                has_picture = true;
            }
            _ => {}
        }
    }
    walker.figures.push(OpenFigure {
        id: node.id(),
        caption: figcaption
            .map(|f| caption_parts(f, walker.css))
            .unwrap_or_default(),
        has_figcaption: figcaption.is_some(),
        has_picture,
        given: false,
    });
    walker.blocks.push((node.id(), BlockKind::Figure));
    walker.block_fresh = true;
    Some(Flow::Descend)
}

fn picture(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if !matches!(element.name(), "picture" | "img") {
        return None;
    }
    walker.flush();
    let caption = walker.figure_caption();
    let pushed = walker.push_image(node, caption);
    walker.picture_taken_caption(pushed);
    walker.image_container = walker.blocks.last().map(|(id, _)| *id);
    Some(Flow::Skip)
}

fn player(walker: &mut Walker<'_>, _: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    if !matches!(element.name(), "iframe" | "video" | "embed") {
        return None;
    }
    walker.flush();
    let caption = walker.figure_caption();
    let pushed = walker.push_player(element);
    if pushed && let Some((caption, credit)) = caption {
        walker.note(Destination::Caption, || caption.clone());
        walker.note(Destination::Credit, || credit.clone());
        if let Some(embed) = walker.fields.last_embed_mut() {
            (embed.caption, embed.credit) = (caption, credit);
        }
    }
    walker.picture_taken_caption(pushed);
    Some(Flow::Skip)
}

fn structure(walker: &mut Walker<'_>, node: NodeRef<'_, Node>, element: &Element) -> Option<Flow> {
    let name = element.name();
    match name {
        "br" => {
            let div_text_is_prose = walker.profile.div_text_is_prose;
            // Bare text, or a `<p>` that holds several paragraphs (ASAHI's
            // `<p>para<br /><br />para</p>`, CNA's lottery results, JoongAng).
            let splits = walker.blocks.last().is_some_and(|(_, kind)| {
                matches!(kind, BlockKind::Body | BlockKind::Paragraph)
                    || (*kind == BlockKind::Container && div_text_is_prose)
            });
            if splits && walker.text.at_line_start() {
                // An empty line separates paragraphs (and a bold run alone between
                // two is a subheading, as a paragraph all in bold is).
                walker.ending_at_empty_line = true;
                // A line break before any text of the block element splits off nothing:
                // what follows may still be all it holds (`<div><br /><strong>…`).
                let fresh = walker.block_fresh && !walker.text.has_text();
                walker.flush();
                walker.block_fresh = fresh;
                walker.ending_at_empty_line = false;
            } else {
                walker.text.line_break();
            }
        }
        "strong" | "b" => walker.strong_depth += 1,
        "em" | "i" => walker.italic_depth += 1,
        "a" => {
            let href = attr(element, "href").unwrap_or("");
            let address = match walker.link_address.take() {
                Some((id, address)) if id == node.id() => address,
                _ => address::read(href),
            };
            if is_safe_link(href, &address) {
                walker.text.start_link(href.trim());
                walker.links.push(node.id());
            }
        }
        _ => {
            let has_attributes = element.attrs().next().is_some();
            if let Some(mut kind) = block_kind(element) {
                if has_attributes && walker.css.copyright.matches(node) {
                    kind = BlockKind::Copyright;
                }
                // An empty `<p>` is what the HTML parser makes of a `</p>` whose
                // paragraph a block start tag had already closed (`<p>text<div>…</div>
                // more</p>`): the bare text before it is that paragraph's tail.
                let paragraph_tail = name == "p" && node.first_child().is_none();
                walker.flush_block(paragraph_tail);
                walker.blocks.push((node.id(), kind));
                walker.block_fresh = true;
            } else if is_container(name)
                && !walker.in_text_block()
                && !(has_attributes && walker.css.inline.matches(node))
            {
                // Inside a text block (a `<blockquote>` of `<div>`s) a container is
                // part of that block's text; elsewhere it holds no text of its own.
                walker.flush();
                walker.blocks.push((node.id(), BlockKind::Container));
                walker.block_fresh = true;
            }
        }
    }
    Some(Flow::Descend)
}

impl<'f> Walker<'f> {
    fn new(
        fields: &'f mut ArticleBuilder,
        page: Option<&'f str>,
        profile: &'static Profile,
        title: &str,
        zone: Option<Tz>,
    ) -> Self {
        Self {
            fields,
            page,
            profile,
            css: super::profile::css(profile),
            zone,
            stage: Stage::Header,
            rule: "",
            title: title.split_whitespace().collect(),
            image_container: None,
            last_heading: false,
            taken: Vec::new(),
            pending_captions: Vec::new(),
            text: TextBuilder::with_capacity(4096),
            blocks: Vec::new(),
            strong_depth: 0,
            italic_depth: 0,
            block_fresh: false,
            closing_block: false,
            author_notes: 0,
            ending_at_empty_line: false,
            after_empty_line: false,
            links: Vec::new(),
            figures: Vec::new(),
            related_links: false,
            lost_picture: None,
            link_address: None,
            printed_paragraphs: None,
        }
    }

    /// Records that the rule being run sent `text` to `to` (computed only when tracing).
    fn note(&mut self, to: Destination, text: impl FnOnce() -> Option<String>) {
        self.fields.note(self.stage, self.rule, to, text);
    }

    /// Runs the header rules on a top-level element; false when none took it.
    fn header_part(&mut self, node: NodeRef<'_, Node>, element: &Element) -> bool {
        self.stage = Stage::Header;
        for (name, _, rule) in HEADER_RULES {
            self.rule = name;
            if rule(self, node, element) {
                return true;
            }
        }
        false
    }

    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut skip: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skip.is_none() && !self.open(node) => skip = Some(node.id()),
                Edge::Close(node) if skip == Some(node.id()) => skip = None,
                Edge::Close(node) if skip.is_none() => self.close(node),
                _ => {}
            }
        }
    }

    /// Handles an opening edge; returns false to skip the node's subtree.
    fn open(&mut self, node: NodeRef<'_, Node>) -> bool {
        let element = match node.value() {
            Node::Text(text) => {
                self.text
                    .push_styled(text, self.strong_depth > 0, self.italic_depth > 0);
                return true;
            }
            Node::Element(element) => element,
            _ => return true,
        };
        if element.name() == "span"
            && element.attrs().next().is_none()
            && !self.taken.contains(&node.id())
        {
            // The commonest element by far (RFI wraps every run of text in one): with no
            // attributes, no rule gives it a meaning (profile selectors name a class).
            return true;
        }
        for (name, _, rule) in ELEMENT_RULES {
            self.stage = Stage::Element;
            self.rule = name;
            if let Some(flow) = rule(self, node, element) {
                return flow == Flow::Descend;
            }
        }
        true
    }

    /// Gives a caption (or credit) to the picture or player just read, or to the lead
    /// image when nothing was read yet; dropped when there is no picture to caption.
    fn caption_text(&mut self, text: String, is_credit: bool) {
        let (caption, credit) = if is_credit {
            (None, Some(one_line(&text)))
        } else {
            split_credit(&text, &self.css.credit_labels)
        };
        if self.fields.is_tracing() {
            let has_slot = self.caption_slots(true).is_some();
            let (to_caption, to_credit) = if has_slot {
                (Destination::Caption, Destination::Credit)
            } else {
                (Destination::Dropped, Destination::Dropped)
            };
            self.note(to_caption, || caption.clone());
            self.note(to_credit, || credit.clone());
        }
        let Some((slot_caption, slot_credit)) = self.caption_slots(true) else {
            // A caption with no picture to go with it. Right after a picture the page
            // lost, it is that picture's caption, left out with it: no article text.
            let lost_picture = self.lost_picture == Some(self.fields.filings());
            if let Some(caption) = caption
                && !lost_picture
            {
                self.note_dropped(caption);
            }
            return;
        };
        if let Some(caption) = caption {
            match slot_caption {
                Some(existing) if !existing.contains(&caption) => {
                    existing.push(' ');
                    existing.push_str(&caption);
                }
                Some(_) => {}
                None => *slot_caption = Some(caption),
            }
        }
        if let Some(credit) = credit {
            slot_credit.get_or_insert(credit);
        }
    }

    /// The caption and credit of the picture or player just read; with `lead`, of the
    /// lead image when nothing was read yet.
    fn caption_slots(&mut self, lead: bool) -> Option<(&mut Option<String>, &mut Option<String>)> {
        match self.fields.last_filed() {
            Some(Filed::Image(_)) => self
                .fields
                .last_image_mut()
                .map(|image| (&mut image.caption, &mut image.credit)),
            Some(Filed::Embed(_)) => self
                .fields
                .last_embed_mut()
                .map(|embed| (&mut embed.caption, &mut embed.credit)),
            Some(Filed::Text { .. }) => None,
            None if lead => self
                .fields
                .lead_image
                .as_mut()
                .map(|image| (&mut image.caption, &mut image.credit)),
            None => None,
        }
    }

    /// A heading over a list of links that the next heading (or the end) reached with no
    /// text in between labelled only that list: it is left out, under
    /// [`HEADING_OVER_LINKS`]. Pictures after the links say nothing either way (BBC puts
    /// its related-links box between a section's heading and the section's picture).
    fn settle_heading_over_links(&mut self) {
        self.fields.decide_last_held(
            Hold::OverLinks,
            Stage::Finish,
            HEADING_OVER_LINKS,
            Destination::Dropped,
        );
    }

    /// Leaves out the bold block held last as a heading when no text followed it: the
    /// next heading or the end came ([`Hold::BoldBlock`]).
    fn settle_bold_heading(&mut self) {
        self.fields.decide_last_held(
            Hold::BoldBlock,
            Stage::Finish,
            BOLD_HEADING_OVER_NOTHING,
            Destination::Dropped,
        );
    }

    /// A player's address as the page fetches it: a scheme-relative one
    /// (`//www.youtube.com/embed/x`) over the page's scheme
    /// ([`address::resolve_scheme_relative`]), so that its host says what it plays.
    fn resolved(&self, url: String) -> String {
        address::resolve_scheme_relative(&url, self.page).unwrap_or(url)
    }

    /// Whether a picture or player read now waits with the block held before it: a
    /// heading over related links, a bold block that may title nothing, a closing credit.
    fn picture_waits(&self) -> bool {
        self.fields.last_held().is_some_and(|held| {
            held.holds.has(Hold::OverLinks)
                    || held.holds.has(Hold::BoldBlock)
                    // A closing credit closes the text: pictures may follow it (DW's
                    // gallery under the article, 2020).
                    || held.holds.has(Hold::Attribution)
        })
    }

    /// Ends the walk: the text block still open is filed, then the finish rules run.
    fn finish(mut self) {
        self.flush();
        self.stage = Stage::Finish;
        for (name, _, rule) in FINISH_RULES {
            self.rule = name;
            rule(&mut self);
        }
    }

    /// Keeps text that a rule left out when it reads like article text (a long sentence
    /// that ends as one; headlines do not), so that `check` can show a loss that would
    /// otherwise be silent.
    fn note_dropped(&mut self, text: String) {
        let ends_sentence = text
            .trim_end()
            .ends_with(['。', '！', '？', '.', '!', '?', '」', '”']);
        if ends_sentence && text.chars().count() >= settings::DROPPED_PROSE_MIN_CHARS {
            self.fields.dropped.push(text);
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        let Node::Element(element) = node.value() else {
            return;
        };
        if let Some(at) = self
            .pending_captions
            .iter()
            .position(|(placeholder, _)| *placeholder == node.id())
        {
            let (_, text) = self.pending_captions.swap_remove(at);
            self.flush();
            (self.stage, self.rule) = (Stage::Element, "caption-beside");
            self.caption_text(text, false);
        }
        match element.name() {
            "strong" | "b" => self.strong_depth = self.strong_depth.saturating_sub(1),
            "em" | "i" => self.italic_depth = self.italic_depth.saturating_sub(1),
            "a" if self.links.last() == Some(&node.id()) => {
                self.links.pop();
                self.text.end_link();
            }
            _ => {
                if self.blocks.last().is_some_and(|(id, _)| *id == node.id()) {
                    self.closing_block = true;
                    self.flush();
                    self.closing_block = false;
                    self.blocks.pop();
                }
                if self
                    .figures
                    .last()
                    .is_some_and(|figure| figure.id == node.id())
                {
                    self.figures.pop();
                }
            }
        }
    }

    /// Whether text is being collected for a `<p>`, `<li>`, heading or the like.
    fn in_text_block(&self) -> bool {
        self.blocks.last().is_some_and(|(_, kind)| {
            matches!(
                kind,
                BlockKind::Paragraph
                    | BlockKind::Heading
                    | BlockKind::ListItem
                    | BlockKind::Copyright
            )
        })
    }

    /// Ends the text block being collected, filing it as a paragraph, heading or copyright.
    fn flush(&mut self) {
        self.flush_block(false);
    }

    /// [`Walker::flush`]; `paragraph_tail` says the text is the tail of a paragraph the
    /// HTML parser closed early, so text straight in a container is a paragraph after all.
    ///
    /// The block's text goes to the first of [`BLOCK_RULES`] that claims it (the order is
    /// the meaning: a rule further down never sees what one above took).
    fn flush_block(&mut self, paragraph_tail: bool) {
        let whole_container = std::mem::take(&mut self.block_fresh) && self.closing_block;
        if !self.text.has_text() {
            self.text.clear();
            return;
        }
        let all_strong = self.text.all_strong();
        let all_italic = self.text.all_italic();
        let (text, links) = self.text.finish();
        if text.is_empty() {
            return;
        }
        let after_empty_line =
            std::mem::replace(&mut self.after_empty_line, self.ending_at_empty_line);
        let Some(&(container, mut kind)) = self.blocks.last() else {
            return;
        };
        if kind == BlockKind::Container && paragraph_tail {
            kind = BlockKind::Paragraph;
        }
        let mut block = Pending {
            text,
            links,
            kind,
            container,
            all_strong,
            all_italic,
            between_empty_lines: after_empty_line && self.ending_at_empty_line,
            whole_container,
        };
        // An element rule may be ending the block: its decisions stay under its name.
        let (stage, rule) = (self.stage, self.rule);
        self.stage = Stage::Block;
        for (name, _, block_rule) in BLOCK_RULES {
            self.rule = name;
            if block_rule(self, &mut block) {
                break;
            }
        }
        (self.stage, self.rule) = (stage, rule);
    }

    /// Whether a first heading is the page's headline: the title, perhaps after a label
    /// the feed put in brackets before it (`[Science] 清零或与病毒“共存”…`). A heading
    /// that is only part of the title (a digest's first story, `早安世界》…`) is not.
    fn is_headline(&self, text: &str) -> bool {
        let heading: String = text.split_whitespace().collect();
        let unlabelled = self
            .title
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .map(|(_, rest)| rest);
        !heading.is_empty() && (heading == self.title || unlabelled == Some(heading.as_str()))
    }

    /// Whether a paragraph that is only one link belongs to a list of related articles:
    /// it follows a furniture label or another such link, or a short label ending in a
    /// colon right before it (`更多俄乌局势最新动态请见：`), which then goes with it.
    fn related_link_paragraph(&mut self) -> bool {
        if self.related_links {
            return true;
        }
        // The label was held (the `paragraph` rule holds every such text) for this.
        let label = (self.fields.last_held())
            .is_some_and(|held| held.last && held.holds.has(Hold::RelatedLinksLabel));
        if label
            && self
                .fields
                .decide_last_held(
                    Hold::RelatedLinksLabel,
                    Stage::Block,
                    self.rule,
                    Destination::Furniture,
                )
                .is_some()
        {
            self.last_heading = false;
            self.related_links = true;
            return true;
        }
        false
    }

    /// Whether the last thing read is a picture or player: an inline one, or the lead
    /// image when nothing else was read yet.
    fn picture_just_read(&self) -> bool {
        match self.fields.last_filed() {
            Some(filed) => matches!(filed, Filed::Image(_) | Filed::Embed(_)),
            None => self.fields.lead_image.is_some(),
        }
    }

    /// Files a block that is only links to the site of the embed right before it (the
    /// credit line Infogram and other embed codes write under the chart) as that
    /// embed's caption.
    fn credits_last_embed(&mut self, text: &str, links: &[Link]) -> bool {
        let Some(Filed::Embed(embed)) = self.fields.last_filed() else {
            return false;
        };
        if links.is_empty() {
            return false;
        }
        let site_of = |url: &str| super::origin::address(url).map(|address| address.site);
        let Some(site) = site_of(&embed.url) else {
            return false;
        };
        let text_len = text.chars().filter(|c| !c.is_whitespace()).count();
        let link_chars: usize = links
            .iter()
            .map(|link| {
                text[link.start..link.end]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum();
        let same_site = || {
            links
                .iter()
                .all(|link| site_of(&link.url).as_ref() == Some(&site))
        };
        if link_chars != text_len || !same_site() {
            return false;
        }
        // Its first line names the chart; the lines after it name the service.
        let Some(embed) = self.fields.last_embed_mut() else {
            return false;
        };
        let (caption, credit) = match text.split_once('\n') {
            Some((caption, credit)) => (caption, Some(credit.replace('\n', " "))),
            None => (text, None),
        };
        embed.caption.get_or_insert_with(|| caption.to_string());
        if let Some(credit) = &credit {
            embed.credit.get_or_insert_with(|| credit.clone());
        }
        self.note(Destination::Caption, || Some(caption.to_string()));
        self.note(Destination::Credit, || credit);
        true
    }

    /// Files a text block as the caption of the picture right before it when the markup
    /// says so without a profile: the text repeats the picture's `alt` (the caption
    /// written twice, as CNA does: `<div><picture><img alt=…></picture></div><div>…</div>`).
    fn captions_last_block(&mut self, text: &str) -> bool {
        let is_caption = match self.fields.last_filed() {
            Some(Filed::Image(image)) => {
                // An attribute keeps the spaces the text's whitespace collapsing drops
                // (CNA: `alt="…攝  110年10月1日"`): both are compared with each run of
                // whitespace as one space.
                let alt = spaced(image.alt.as_deref().unwrap_or(""));
                let text = spaced(text);
                // The alt text may carry the credit after the caption in brackets
                // (BBC: `…金属巨柱（Credit: UTAH DEPARTMENT OF PUBLIC SAFETY）`).
                let repeats_alt = text == alt
                    || alt
                        .strip_prefix(text.as_str())
                        .is_some_and(|credit| credit.trim_start().starts_with(['（', '(']));
                text.chars().count() >= settings::CAPTION_REPEATING_ALT_MIN_CHARS && repeats_alt
            }
            _ => false,
        };
        if is_caption {
            self.caption_text(text.to_string(), false);
        }
        is_caption
    }

    /// The caption of the innermost open figure, for its first picture or player only.
    fn figure_caption(&self) -> Option<(Option<String>, Option<String>)> {
        let figure = self.figures.last()?;
        (!figure.given).then(|| figure.caption.clone())
    }

    /// Notes that the innermost open figure's caption was given, once a picture or
    /// player was read in it.
    fn picture_taken_caption(&mut self, pushed: bool) {
        if pushed && let Some(figure) = self.figures.last_mut() {
            figure.given = true;
        }
    }

    /// The picture a lazy-loading figure keeps as text in `<noscript>`.
    fn noscript_picture(&mut self, noscript: NodeRef<'_, Node>) {
        let markup: String = noscript
            .children()
            .filter_map(|c| c.value().as_text().map(|t| &**t))
            .collect();
        let fragment = Html::parse_fragment(&markup);
        if let Some(img) = fragment
            .tree
            .root()
            .descendants()
            .find(|d| element_name(*d) == Some("img"))
        {
            self.flush();
            let caption = self.figure_caption();
            let pushed = self.push_image(img, caption);
            self.picture_taken_caption(pushed);
        }
    }

    /// Adds an image from `<img>` or `<picture>`; false when it has no usable URL.
    fn push_image(
        &mut self,
        node: NodeRef<'_, Node>,
        caption: Option<(Option<String>, Option<String>)>,
    ) -> bool {
        let (img, picture) = match element_name(node) {
            Some("picture") => match node.descendants().find(|d| element_name(*d) == Some("img")) {
                Some(img) => (img, Some(node)),
                None => return false,
            },
            _ => (node, None),
        };
        let Some(element) = img.value().as_element() else {
            return false;
        };
        let Some(url) = image_url(element, picture) else {
            self.lost_picture = Some(self.fields.filings());
            return false;
        };
        if self
            .profile
            .junk_images
            .iter()
            .any(|junk| url.contains(junk))
        {
            // An interface icon or a placeholder avatar, not a picture of the article.
            return false;
        }
        let (caption, credit) = caption.unwrap_or_default();
        let image = Image {
            url,
            alt: non_empty(attr(element, "alt")),
            caption,
            credit,
        };
        // Behind a heading over related links, or a bold block that may title nothing,
        // the picture waits with it for the next block; the one the article opens with waits for the finish stage, which makes
        // it the lead image where the profile says so (`opening-picture-lead`).
        let push = if self.picture_waits() {
            ArticleBuilder::hold_image
        } else if self.profile.header.opening_picture_is_lead
            && self.fields.lead_image.is_none()
            && self.fields.nothing_filed()
        {
            ArticleBuilder::hold_opening_picture
        } else {
            ArticleBuilder::push_image
        };
        if self.fields.is_tracing() {
            let (caption, credit) = (image.caption.clone(), image.credit.clone());
            push(self.fields, image, self.stage, self.rule);
            self.note(Destination::Caption, || caption);
            self.note(Destination::Credit, || credit);
        } else {
            push(self.fields, image, self.stage, self.rule);
        }
        true
    }

    /// Adds a player from `<iframe>`, `<video>` or `<embed>`; false when it has no web
    /// address.
    fn push_player(&mut self, element: &Element) -> bool {
        let src = non_empty(attr(element, "src").or_else(|| attr(element, "data-src")));
        // Only web addresses: a `javascript:` or `data:` player is no embed.
        let Some(url) = src.filter(|url| address::is_web(url)) else {
            return false;
        };
        let url = self.resolved(url);
        self.push_embed(Embed {
            kind: player::kind(Some(element.name()), &url),
            poster: non_empty(attr(element, "poster")).filter(|url| address::is_web(url)),
            url,
            caption: None,
            credit: None,
        });
        true
    }

    fn push_embed(&mut self, embed: Embed) {
        if self.picture_waits() {
            self.fields.hold_embed(embed, self.stage, self.rule);
        } else {
            self.fields.push_embed(embed, self.stage, self.rule);
        }
    }

    fn caption_last(&mut self, figcaption: NodeRef<'_, Node>) {
        let (caption, credit) = caption_parts(figcaption, self.css);
        // Each part fills its own slot when that is still empty: a credit read before
        // the caption (BBC 2020's `<span class=story-image-copyright>` beside the
        // picture, then `<figcaption>`) leaves the caption its slot.
        let (caption_free, credit_free) = self
            .caption_slots(false)
            .map_or((false, false), |(caption, credit)| {
                (caption.is_none(), credit.is_none())
            });
        let to = |free: bool, to: Destination| if free { to } else { Destination::Dropped };
        self.note(to(caption_free, Destination::Caption), || caption.clone());
        self.note(to(credit_free, Destination::Credit), || credit.clone());
        if let Some((slot_caption, slot_credit)) = self.caption_slots(false) {
            if caption_free {
                *slot_caption = caption;
            }
            if credit_free {
                *slot_credit = credit;
            }
        }
    }
}

/// Whether bare text reads as prose: a sentence, or long enough to be one.
fn is_prose(text: &str) -> bool {
    text.chars().count() >= settings::PROSE_MIN_CHARS
        || text.contains(['。', '！', '？', '.', '!', '?'])
}

/// The source named by an image-source credit line (`图像来源，Getty Images`).
fn image_credit<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    // Every block is tried against every label: the first byte rules most out at once.
    let first = *text.as_bytes().first()?;
    labels
        .iter()
        .filter(|label| label.as_bytes().first() == Some(&first))
        .find_map(|label| text.strip_prefix(label))
        .map(str::trim)
        .filter(|credit| {
            !credit.is_empty() && credit.chars().count() < settings::IMAGE_CREDIT_MAX_CHARS
        })
}

/// A caption with an image-source credit glued on (`…攻击。 图片来源：STRINGER/REUTERS`)
/// split into caption and credit.
fn split_credit(text: &str, labels: &[Finder<'static>]) -> (Option<String>, Option<String>) {
    for label in labels {
        if let Some(at) = label.find(text.as_bytes()) {
            // The credit ends at the line break after it (BBC 2025: `<span>图像来源，</span>
            // <span>Getty Images</span><br>caption`); what follows is caption again.
            let after = text[at + label.needle().len()..].trim_start();
            let (credit, more) = after.split_once('\n').unwrap_or((after, ""));
            let caption = format!("{} {}", text[..at].trim(), more.trim());
            let caption = one_line(&caption);
            let credit = one_line(credit);
            return (
                (!caption.is_empty()).then_some(caption),
                (!credit.is_empty()).then_some(credit),
            );
        }
    }
    let text = one_line(text);
    ((!text.is_empty()).then_some(text), None)
}

/// `text` on one line: line breaks as spaces, trimmed.
fn one_line(text: &str) -> String {
    text.replace('\n', " ").trim().to_string()
}

/// A newsroom credit that closes a paragraph: where it starts, the roles as printed
/// (`譯者：張曉雯/核稿：盧映孜`), and the date stamp printed after it, if any.
struct TrailingCredit<'t> {
    at: usize,
    roles: &'t str,
    stamp: Option<&'t str>,
}

/// `…（編輯：張雅淨）1091201`, `（译者：郑诗韵/核稿：张晓雯）`, a whole paragraph
/// `（ 翻译和编辑：法广 RFI 电台 尼古拉 ）`: parentheses at the paragraph's end (then
/// digits only) whose text opens with one of `roles` and a colon, and names people
/// (at most 60 characters, no sentence inside).
fn trailing_credit<'t>(text: &'t str, roles: &[&str]) -> Option<TrailingCredit<'t>> {
    if roles.is_empty() {
        return None;
    }
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
    let digits = trimmed.len() - trimmed.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (before_stamp, stamp) = trimmed.split_at(trimmed.len() - digits);
    let closed = before_stamp.trim_end();
    let inner_end = closed
        .strip_suffix('）')
        .or_else(|| closed.strip_suffix(')'))?;
    let open = inner_end.rfind(['（', '('])?;
    let open_len = inner_end[open..].chars().next()?.len_utf8();
    let inner = inner_end[open + open_len..].trim();
    let opens_with_role = roles.iter().any(|role| {
        inner
            .strip_prefix(role)
            .is_some_and(|rest| rest.trim_start().starts_with(['：', ':']))
    });
    let names_only = inner.chars().count() <= settings::CREDIT_NAMES_MAX_CHARS
        && !inner.contains(['。', '，', '（', '(']);
    if !opens_with_role || !names_only {
        return None;
    }
    // A whole paragraph in parentheses may sit between stray dots (`.（…）.`, RFI).
    let at = if text[..open]
        .trim_matches(|c: char| c.is_whitespace() || c == '.')
        .is_empty()
    {
        0
    } else {
        open
    };
    Some(TrailingCredit {
        at,
        roles: inner,
        stamp: (!stamp.is_empty()).then_some(stamp),
    })
}

/// The position a screen reader announces before each item of a list, written as text
/// before the item's link, in the profile's words (`list 1 of 4`: `["list", "of"]`).
fn is_position_label(text: &str, words: Option<[&str; 2]>) -> bool {
    let Some([before, between]) = words else {
        return false;
    };
    let said: Vec<&str> = text.split_whitespace().collect();
    let number = |word: &str| !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
    match said.as_slice() {
        [first, n, second, m] | [first, n, second, m, _] => {
            first.eq_ignore_ascii_case(before)
                && number(n)
                && second.eq_ignore_ascii_case(between)
                && number(m)
        }
        _ => false,
    }
}

/// Whether a link's text reads like another article's headline: a few words or more,
/// not an address (`tmsnrt.rs/3mBbHMy`, a graphic the text points to) nor a word
/// (`here`).
fn is_headline_like(text: &str) -> bool {
    // An address is written in ASCII (`tmsnrt.rs/3AmvpSp`); a headline with a decimal
    // point and no space (`中国4月PPI同比上涨8.0%…`) is none.
    let address =
        text.is_ascii() && text.contains(['/', '.']) && !text.contains(char::is_whitespace);
    text.chars().count() >= settings::HEADLINE_LINK_MIN_CHARS && !address
}

/// Whether a block is furniture the profile names, compared with every run of Unicode
/// whitespace as one space (RFI writes `~.&nbsp;Fin&nbsp;.~`).
fn is_furniture(text: &str, profile: &Profile) -> bool {
    // Every entry opens with a character that is no whitespace, and so does a block (its
    // lines are trimmed) and its text with whitespace collapsed: an entry can match only
    // where its first character is the block's, which rules out nearly every block at once.
    let Some(first) = text.chars().next() else {
        return profile.furniture.contains(&text);
    };
    if !first.is_whitespace()
        && !(profile.furniture.iter().chain(profile.furniture_prefixes))
            .any(|entry| entry.starts_with(first))
    {
        return false;
    }
    if profile.furniture.contains(&text)
        || profile
            .furniture_prefixes
            .iter()
            .any(|prefix| text.starts_with(prefix))
    {
        return true;
    }
    // Only the head of a block can match, so only the head is normalised: a whitespace
    // character takes at most 3 bytes where the space it stands for takes 1.
    let longest = profile
        .furniture
        .iter()
        .chain(profile.furniture_prefixes)
        .map(|entry| entry.len())
        .max()
        .unwrap_or(0);
    let mut head_len = text.len().min(3 * longest);
    while !text.is_char_boundary(head_len) {
        head_len -= 1;
    }
    let head = &text[..head_len];
    if !head.chars().any(|c| c.is_whitespace() && c != ' ') {
        return false;
    }
    let spaced = spaced(head);
    let whole = head_len == text.len();
    (whole && profile.furniture.contains(&spaced.as_str()))
        || profile
            .furniture_prefixes
            .iter()
            .any(|prefix| spaced.starts_with(prefix))
}

/// A byline item's text without the screen-reader label that opens it: in an element
/// the profile names as `labelled`, a first inner element ending in a comma or colon
/// names the field, not the person.
fn unlabelled_text(item: NodeRef<'_, Node>, labelled: &SelectorList) -> Option<String> {
    let labelled = item.descendants().find(|d| labelled.matches(*d));
    if let Some(group) = labelled {
        let mut parts = group.children().filter(|c| c.value().is_element());
        if let Some(label) = parts.next()
            && text_of(label).is_some_and(|t| t.ends_with([',', '，', ':', '：']))
        {
            let rest: Vec<String> = parts.filter_map(text_of).collect();
            return (!rest.is_empty()).then(|| rest.join(" "));
        }
    }
    text_of(item)
}

/// `（综合报道）` → `综合报道`: at most 40 characters wholly in one pair of parentheses,
/// with no sentence or further parentheses inside; or a note on the article's own origin
/// (`（本文译自MarketWatch。…）`) of at most 120. Gives the text inside.
fn attribution(text: &str) -> Option<&str> {
    let inner = text
        .strip_prefix('（')
        .and_then(|t| t.strip_suffix('）'))
        .or_else(|| text.strip_prefix('(').and_then(|t| t.strip_suffix(')')))?
        .trim();
    // "This article is from / translated from …" may take a sentence or two.
    let about_the_article =
        language::is_origin_note(inner) && inner.chars().count() <= settings::ORIGIN_NOTE_MAX_CHARS;
    let short_line = inner.chars().count() <= settings::ATTRIBUTION_MAX_CHARS
        && !inner.contains(['。', '！', '？']);
    (!inner.is_empty()
        && !inner.contains(['（', '）', '(', ')'])
        && (about_the_article || short_line))
        .then_some(inner)
}

/// A line that may close an article as its credit: an attribution wholly in brackets
/// (`（综合报道）`: the text inside), or the names of its authors and editors between
/// slashes, with the sources in brackets after them (DW to 2020: `李京慧/洪沙 (德新社、法新社)`,
/// `任琛/李鱼/（综合报道）`: the line as printed, its spaces collapsed).
fn closing_credit(text: &str) -> Option<String> {
    if let Some(inner) = attribution(text) {
        return Some(inner.to_string());
    }
    let text = text.trim();
    // The sources in brackets after the names, if any.
    let names = match text.strip_suffix(['）', ')']) {
        Some(inner_end) => {
            let open = inner_end.rfind(['（', '('])?;
            attribution(&text[open..])?;
            &text[..open]
        }
        None => text,
    };
    let names = names.trim_end_matches(|c: char| c == '/' || c.is_whitespace());
    let is_name = |name: &str| {
        (1..=settings::CREDIT_NAME_MAX_CHARS).contains(&name.chars().count())
            && name.chars().all(|c| super::script::is_han(c) || c == '·')
    };
    let mut parts = names.split('/');
    (parts.clone().count() >= 2 && parts.all(is_name)).then(|| spaced(text))
}

/// Whether a short paragraph is a credit line (`編輯：李向陽　網編：程皓楠`).
fn is_byline_line(text: &str, labels: &[&str]) -> bool {
    // Nearly every block opens with no label: decide that before reading it all.
    labels.iter().any(|label| {
        text.strip_prefix(label).is_some_and(|rest| {
            // `来源 : 通讯社` (Al Jazeera) spaces its colon.
            let rest = rest.trim_start_matches([' ', '\u{a0}']);
            label.ends_with(['：', ':']) || rest.starts_with(['：', ':', '/', '／'])
        })
    }) && text.len() <= settings::BYLINE_LINE_MAX_CHARS * 4
        && text.chars().count() <= settings::BYLINE_LINE_MAX_CHARS
        // A credit names people; a line that is a sentence (an interview's `記者：您怎麼看？`)
        // is text.
        && !text.contains(['。', '？', '！', '?', '!'])
}

/// The element beside a caption-bearing placeholder that holds its caption: the next
/// element sibling of the placeholder or of its parent, when the two are all their
/// wrapper holds (a figure built of `<div>`s, as BBC's image and player blocks are) and
/// it is short text with no picture of its own.
fn caption_beside(placeholder: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
    let element_children =
        |node: NodeRef<'_, Node>| node.children().filter(|c| c.value().is_element()).count();
    let mut at = placeholder;
    for _ in 0..2 {
        let wrapper = at.parent()?;
        if let Some(next) = at.next_siblings().find(|n| n.value().is_element()) {
            if element_children(wrapper) != 2 {
                return None;
            }
            let holds_picture = next
                .descendants()
                .any(|d| matches!(element_name(d), Some("img" | "picture" | "iframe")));
            let text = text_of(next)?;
            return (!holds_picture && text.chars().count() <= settings::CAPTION_BESIDE_MAX_CHARS)
                .then_some(next);
        }
        at = wrapper;
    }
    None
}

/// Caption and credit of a `<figcaption>`: its first and second `<span>`, or all its text.
/// Beside a text block (`<span>视频加注文字，</span><p>caption</p>`, BBC) a span is the
/// player's off-screen label and the block is the caption.
fn caption_parts(figcaption: NodeRef<'_, Node>, css: &Css) -> (Option<String>, Option<String>) {
    let labels = &css.credit_labels;
    // An off-screen label (`<span class=off-screen>Image caption</span>`, BBC 2020) is
    // for screen readers: neither caption nor credit.
    let shown = |node: &NodeRef<'_, Node>| !node.value().as_element().is_some_and(is_hidden);
    let blocks: Vec<String> = figcaption
        .children()
        .filter(|child| matches!(element_name(*child), Some("p" | "div")))
        .filter_map(text_of)
        .collect();
    if !blocks.is_empty() {
        return split_credit(&blocks.join(" ").replace('\n', " "), labels);
    }
    let mut spans = figcaption
        .children()
        .filter(|child| element_name(*child) == Some("span") && shown(child))
        .filter_map(text_of);
    if let Some(caption) = spans.next() {
        return (Some(caption), spans.next());
    }
    // An element inside the caption that the profile names as a credit (`<cite>`).
    if let Some(cite) = figcaption
        .descendants()
        .skip(1)
        .find(|d| css.credits.matches(*d))
    {
        let credit = text_of(cite);
        let whole = text_of(figcaption).unwrap_or_default();
        let caption = match &credit {
            Some(credit) => whole.replace(credit.as_str(), ""),
            None => whole,
        };
        let caption = caption.trim();
        return ((!caption.is_empty()).then(|| caption.to_string()), credit);
    }
    match text_of(figcaption) {
        Some(text) if text.starts_with('©') => (None, Some(text)),
        // WSJ: caption and `图片来源：…` in two paragraphs, read as two lines.
        Some(text) => split_credit(&text, labels),
        None => (None, None),
    }
}

/// The real URL of an image: `src`, unless it is a `data:` placeholder, then the first
/// `srcset` candidate that is no placeholder, of the image, then of the picture's `<source>`s.
fn image_url(img: &Element, picture: Option<NodeRef<'_, Node>>) -> Option<String> {
    let usable = |url: &str| !url.is_empty() && !url.starts_with("data:");
    let from_src = ["src", "data-src"]
        .into_iter()
        .filter_map(|name| attr(img, name).map(str::trim))
        .find(|url| usable(url));
    let from_srcset = || {
        ["srcset", "data-srcset"]
            .into_iter()
            .filter_map(|name| attr(img, name))
            .flat_map(candidate_urls)
            .find(|url| usable(url))
    };
    let from_sources = || {
        picture?
            .descendants()
            .filter_map(|d| d.value().as_element().filter(|e| e.name() == "source"))
            .filter_map(|source| attr(source, "srcset"))
            .flat_map(candidate_urls)
            .find(|url| usable(url))
    };
    from_src
        .or_else(from_srcset)
        .or_else(from_sources)
        .map(str::to_string)
}

/// The value of `element`'s attribute `name` (lowercase, as the parser stores names).
///
/// Found by comparing names as text: scraper's `Element::attr` interns the name it is
/// given (a hash lookup in the static atom table) at every call, about 500
/// instructions, which made attribute lookups 1% of a conversion.
fn attr<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attrs()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Elements a reader never sees: the `hidden` attribute, `aria-hidden="true"` subtrees
/// other than pictures, and the screen-reader-only classes of the common CSS frameworks
/// (labels such as "Image caption" or "list 1 of 4" read out before the real content).
fn is_hidden(element: &Element) -> bool {
    // A picture marked `aria-hidden` is decorative to a screen reader, but a reader of
    // the page sees it (a player's poster): it stays.
    let picture = matches!(element.name(), "img" | "picture");
    element.attrs().any(|(name, value)| match name {
        "hidden" => true,
        "aria-hidden" => !picture && value.trim().eq_ignore_ascii_case("true"),
        "class" => value.split_ascii_whitespace().any(|c| {
            matches!(
                c,
                "sr-only"
                    | "visually-hidden"
                    | "visuallyhidden"
                    | "off-screen"
                    | "offscreen"
                    | "screen-reader-text"
                    | "screen-reader-only"
                    | "element-invisible"
            )
        }),
        _ => false,
    })
}

/// The address of a post or widget quoted by its embed code (`blockquote.twitter-tweet`,
/// `blockquote.instagram-media`, `blockquote.tiktok-embed`, `div.fb-post`, Infogram's
/// `div.infogram-embed`, Getty's `a.gie-single`), if `node` is one: the permalink the
/// embed code names, else its first web link.
fn social_embed_url(node: NodeRef<'_, Node>, element: &Element) -> Option<String> {
    let class = attr(element, "class")?;
    let is_embed_code = class.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "twitter-tweet"
                | "twitter-video"
                | "instagram-media"
                | "tiktok-embed"
                | "fb-post"
                | "fb-video"
                | "threads-post"
                | "infogram-embed"
                | "gie-single"
        )
    });
    if !is_embed_code {
        return None;
    }
    let named = [
        "data-instgrm-permalink",
        "cite",
        "data-href",
        "data-text-post-permalink",
        "href",
    ]
    .iter()
    .filter_map(|name| attr(element, name))
    .map(str::trim)
    .find(|url| address::is_web(url));
    let linked = || {
        let links = || {
            node.descendants()
                .filter_map(|d| attr(d.value().as_element()?, "href"))
                .map(str::trim)
                .filter(|url| address::is_web(url))
        };
        // A tweet's text may link hashtags and names; its permalink is the status link.
        links()
            .filter(|url| url.contains("/status/"))
            .last()
            .or_else(|| links().next())
    };
    // Infogram's code names its chart by `data-id` alone; the chart's own address is
    // `https://infogram.com/ID` (the credit line under the code links to it).
    let infogram = || {
        let id = attr(element, "data-id")?.trim();
        let plain = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        (class.contains("infogram-embed") && plain).then(|| format!("https://infogram.com/{id}"))
    };
    // An embed code without any address keeps its text as article text.
    named
        .map(str::to_string)
        .or_else(infogram)
        .or_else(|| linked().map(str::to_string))
}

/// The text of a `<dd>` that describes a picture: the `<dt>` before it holds an image,
/// and the `<dd>` holds none.
fn dl_caption(dd: NodeRef<'_, Node>) -> Option<String> {
    let dt = dd.prev_siblings().find(|n| n.value().is_element())?;
    let has_picture = |node: NodeRef<'_, Node>| {
        node.descendants()
            .any(|d| matches!(element_name(d), Some("img" | "picture")))
    };
    (element_name(dt) == Some("dt") && has_picture(dt) && !has_picture(dd))
        .then(|| text_of(dd))
        .flatten()
}

/// A text block on its way down [`BLOCK_RULES`]: a rule may claim it, or change it
/// (cut a credit off its end, read a container's text as a paragraph) and pass it on.
struct Pending {
    text: String,
    links: Vec<Link>,
    kind: BlockKind,
    /// The element the text was collected in.
    container: NodeId,
    /// Whether all its text is strong (a heading written as a bold paragraph).
    all_strong: bool,
    /// Whether all its text is in italics (a note set apart from the text).
    all_italic: bool,
    /// Whether an empty line (`<br><br>`) comes before and after it: alone, as a
    /// paragraph is.
    between_empty_lines: bool,
    /// Whether it is all the text of its block element, which held no other block or
    /// picture (`<div><br><strong>远程轰炸机</strong></div>`).
    whole_container: bool,
}

/// A rule of [`Walker::flush_block`]: whether it claimed the block.
type BlockRule = fn(&mut Walker<'_>, &mut Pending) -> bool;

/// The rules that decide a text block, in order (the order is the meaning: a rule further
/// down never sees what one above took); the last takes every block that comes to it.
const BLOCK_RULES: &[Named<BlockRule>] = &[
    (
        "caption-of-picture-or-embed",
        "the caption of the picture before it (it repeats the picture's `alt`), or caption and credit of the embed before it (only links to the embed's own site)",
        caption_of_picture_or_embed,
    ),
    (
        "figure-caption",
        "in a `<figure>` without `<figcaption>`, right after its picture: its caption",
        figure_caption_rule,
    ),
    (
        "byline-line",
        "a byline line by its label (`編輯：…`), also straight in a layout container (`作者：夏榕`)",
        byline_line,
    ),
    (
        "container-text",
        "text straight in a container: a gallery slide's caption, the summary before the page, or left out unless the profile reads such text as prose",
        container_text,
    ),
    (
        "furniture",
        "page furniture the profile names (`阅读更多`), which may open a list of related links",
        furniture,
    ),
    (
        "closing-credits",
        "a newsroom credit in parentheses closing the block (`（編輯：…）1091201`) to the byline, its date stamp to `published_date`; what is left goes on down",
        closing_credits,
    ),
    (
        "closing-mark",
        "a wire service's mark closing its dispatch (`…的校长。（完）`): cut off as furniture, the rest goes on down",
        closing_mark,
    ),
    (
        "literal-bold",
        "a paragraph wholly in Markdown's bold as literal text (`**债务上限威胁**`): a subheading, without the asterisks",
        literal_bold,
    ),
    (
        "source-rules",
        "the source's own block rules, in the order its folder lists them",
        source_rules,
    ),
    (
        "closing-byline-line",
        "a credit line after the block's last line break (`編輯：…`): the byline; the rest goes on down",
        closing_byline_line,
    ),
    (
        "image-credit",
        "an image-source line (`图片来源：…`): the credit of the picture before it",
        image_credit_line,
    ),
    (
        "copyright",
        "the profile's copyright block, or text opening with `©`",
        copyright_line,
    ),
    (
        "related-link-item",
        "a list item that is only a link, perhaps with its article's date: a related article (a heading over only such items goes too)",
        related_link_item,
    ),
    (
        "labelled-related-link",
        "a related-links label and one link to another article in one paragraph (`更多阅读：<a>…</a>`, or the label inside the link): dropped",
        labelled_related_link,
    ),
    (
        "bold-byline-first",
        "the first block of the article, all in bold, where the profile prints its byline so: the byline",
        bold_byline_first,
    ),
    (
        "no-text",
        "punctuation alone, or bare text that is no sentence (a label; a bold run alone between empty lines is a subheading instead)",
        no_text,
    ),
    (
        "related-link-paragraph",
        "a paragraph or heading that is only a link, after a related-links label or another such link",
        related_link_paragraph,
    ),
    (
        "headline",
        "a first heading equal to the title, which `title` holds already",
        headline,
    ),
    ("paragraph", "a heading or a paragraph", paragraph),
];

/// The caption of the picture before it (it repeats the picture's `alt`, perhaps
/// without the credit in brackets the alt ends with), or the caption and credit of the
/// embed before it.
fn caption_of_picture_or_embed(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    walker.captions_last_block(&block.text) || walker.credits_last_embed(&block.text, &block.links)
}

/// In a `<figure>` without `<figcaption>`, right after its picture: its caption.
/// Anything else a figure holds (a quotation, a table's text) goes on as body text.
fn figure_caption_rule(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    if block.kind != BlockKind::Figure {
        return false;
    }
    let captions = walker
        .figures
        .last()
        .is_some_and(|figure| !figure.has_figcaption && figure.given);
    if captions && walker.picture_just_read() {
        walker.caption_text(std::mem::take(&mut block.text), false);
        return true;
    }
    block.kind = BlockKind::Body;
    false
}

/// Text straight in a container: a gallery slide's caption, the summary before the
/// page, or left out (noted when it reads as prose) unless the profile reads such
/// text as prose, when it goes on as body text.
fn container_text(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    if block.kind != BlockKind::Container {
        return false;
    }
    let profile = walker.profile;
    if profile.div_text_captions_image && walker.image_container == Some(block.container) {
        // A gallery slide: the text beside the picture in its `<div>` captions it.
        if matches!(walker.fields.last_filed(), Some(Filed::Image(_))) {
            walker.caption_text(std::mem::take(&mut block.text), false);
        } else {
            walker.note(Destination::Dropped, || Some(block.text.clone()));
        }
        return true;
    }
    if profile.opening_text_is_lead
        && walker.fields.lead.is_none()
        && !walker.fields.has_paragraphs()
        && walker.fields.nothing_filed()
        && is_prose(&block.text)
        && parse_date_line(&block.text, Some(chrono_tz::UTC), profile.date_formats).is_none()
    {
        // The summary the feed puts before the page (WSJ): the standfirst (a time line
        // there, `2022年5月11日10:46 CST 更新`, is none).
        let lead = block.text.replace('\n', " ");
        walker.note(Destination::Lead, || Some(lead.clone()));
        walker.fields.lead = Some(lead);
        return true;
    }
    if !profile.div_text_is_prose {
        // Text straight inside a container (player widgets, bylines) is not a
        // paragraph; should it read like prose, `check` shows it.
        walker.note(Destination::Dropped, || Some(block.text.clone()));
        walker.note_dropped(std::mem::take(&mut block.text));
        return true;
    }
    block.kind = BlockKind::Body;
    false
}

/// Page furniture the profile names (`阅读更多`): never article text. Such a label may
/// open a list of related articles, one link a paragraph.
fn furniture(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let claimed = is_furniture(&block.text, walker.profile);
    if claimed {
        walker.note(Destination::Furniture, || Some(block.text.clone()));
        walker.related_links = true;
    }
    claimed
}

/// A byline line by its label (`編輯：…`).
fn byline_line(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let claimed = is_byline_line(&block.text, walker.profile.byline_labels);
    if claimed {
        walker.note(Destination::Byline, || Some(block.text.clone()));
        walker.fields.byline.push(std::mem::take(&mut block.text));
    }
    claimed
}

/// A newsroom credit in parentheses closing the text (`…。（編輯：張雅淨）1091201`), cut
/// off to the byline, and its date stamp to `published_date`. Claims the block only when
/// nothing is left.
fn closing_credits(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let profile = walker.profile;
    let Pending { text, links, .. } = block;
    if let Some(credit) = trailing_credit(text, profile.credit_roles) {
        walker.note(Destination::Byline, || Some(credit.roles.to_string()));
        walker.note(Destination::Date, || credit.stamp.map(str::to_string));
        walker.fields.byline.push(credit.roles.to_string());
        if let Some(stamp) = credit.stamp {
            walker.fields.date_stamps.push(stamp.to_string());
        }
        let cut = credit.at;
        text.truncate(cut);
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        links.retain(|link| link.end <= trimmed);
        if text.is_empty() {
            return true;
        }
    }
    false
}

/// A wire service's mark closing its dispatch (`（完）`, "end", after the last sentence:
/// Kyodo's and Reuters'): the dispatch's furniture, not its text. A block that is only
/// the mark is claimed; otherwise the mark is cut off and the rest goes on down.
fn closing_mark(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let Some((before, mark)) = language::split_closing_mark(&block.text) else {
        return false;
    };
    let (cut, mark) = (before.len(), mark.to_string());
    walker.note(Destination::Furniture, || Some(mark));
    block.text.truncate(cut);
    block.links.retain(|link| link.end <= cut);
    block.text.is_empty()
}

/// A paragraph a feed copied from Markdown without converting its bold
/// (`<p>**债务上限威胁**</p>`: Reuters and WSJ, 550 paragraphs of the shared months) is a
/// subheading written in bold, as `<p><strong>…</strong></p>` is: the asterisks are
/// markup, not text. Never claims: the block goes on down, all in bold.
fn literal_bold(_: &mut Walker<'_>, block: &mut Pending) -> bool {
    if let Some(inner) = literal_bold_range(&block.text) {
        block
            .links
            .retain(|link| link.start >= inner.start && link.end <= inner.end);
        for link in &mut block.links {
            link.start -= inner.start;
            link.end -= inner.start;
        }
        block.text = block.text[inner].to_string();
        block.all_strong = true;
    }
    false
}

/// A block as a source's own rule sees it: its text and links, which the rule may cut,
/// and the builder it files what it takes into, under its name.
pub(crate) struct SourceBlock<'w> {
    pub(crate) text: &'w mut String,
    pub(crate) links: &'w mut Vec<Link>,
    pub(crate) fields: &'w mut ArticleBuilder,
    rule: &'static str,
}

impl SourceBlock<'_> {
    /// Records that the source's rule sent `text` to `to` (computed only when tracing).
    pub(crate) fn note(&mut self, to: Destination, text: impl FnOnce() -> Option<String>) {
        self.fields.note(Stage::Block, self.rule, to, text);
    }

    /// Cuts the block's text at byte `at`, and the links past it.
    pub(crate) fn cut(&mut self, at: usize) {
        self.text.truncate(at);
        self.links.retain(|link| link.end <= at);
    }
}

/// The source's own block rules, in its order; the first that claims the block decides it.
fn source_rules(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    for rule in walker.profile.block_rules {
        let mut source_block = SourceBlock {
            text: &mut block.text,
            links: &mut block.links,
            fields: walker.fields,
            rule: rule.name,
        };
        if (rule.rule)(&mut source_block) {
            return true;
        }
    }
    false
}

/// A credit line after the last line break (`…\n編輯：李向陽`), cut off to the byline.
fn closing_byline_line(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let profile = walker.profile;
    let Pending { text, links, .. } = block;
    if !profile.byline_labels.is_empty()
        && let Some(at) = text.rfind('\n')
        && is_byline_line(&text[at + 1..], profile.byline_labels)
    {
        walker.note(Destination::Byline, || Some(text[at + 1..].to_string()));
        walker.fields.byline.push(text[at + 1..].to_string());
        text.truncate(at);
        links.retain(|link| link.end <= at);
    }
    false
}

/// An image-source line (`图片来源：…`, "Image source, AFP") under a picture: its
/// credit, not article text.
fn image_credit_line(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let Some(credit) = image_credit(&block.text, walker.profile.credit_labels) else {
        return false;
    };
    let to = if let Some(image) = walker.fields.last_image_mut() {
        image.credit.get_or_insert_with(|| credit.to_string());
        Destination::Credit
    } else {
        Destination::Dropped
    };
    walker.note(to, || Some(block.text.clone()));
    true
}

/// The copyright line (the profile's copyright blocks, or text opening with `©`).
fn copyright_line(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let claimed = block.kind == BlockKind::Copyright || block.text.starts_with('©');
    if claimed {
        let to = if walker.fields.copyright.is_none() {
            Destination::Copyright
        } else {
            Destination::Dropped
        };
        walker.note(to, || Some(block.text.clone()));
        walker
            .fields
            .copyright
            .get_or_insert(std::mem::take(&mut block.text));
    }
    claimed
}

/// A list item that is only a link (perhaps after the position label the profile names)
/// belongs to a related-articles list. A heading right before such a list may only
/// label it (`相關內容`): it is dropped unless article text follows before the next
/// heading.
fn related_link_item(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let Pending { text, links, .. } = &*block;
    // After the link, the item may print the linked article's date (BBC 2025:
    // `<li><div><a>…</a><time dateTime="2025-09-04">2025年9月4日</time></div></li>`).
    let dated = |after: &str| after.is_empty() || parse_date_only(after).is_some();
    let claimed = block.kind == BlockKind::ListItem
        && links.len() == 1
        && dated(text[links[0].end..].trim())
        && (links[0].start == 0
            || is_position_label(&text[..links[0].start], walker.profile.list_position_words));
    if !claimed {
        return false;
    }
    walker.note(Destination::Dropped, || Some(block.text.clone()));
    if std::mem::take(&mut walker.last_heading)
        && matches!(
            walker.fields.last_filed(),
            Some(Filed::Text { heading: true, .. })
        )
    {
        walker.fields.hold_last_for(Hold::OverLinks);
    }
    true
}

/// No text: punctuation alone (" / " left between two byline links), or bare text
/// that is no sentence (`相关报道`), which labels a list or a picture.
fn no_text(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let claimed = block
        .text
        .chars()
        .all(|c| c.is_ascii_punctuation() || c.is_whitespace())
        || (block.kind == BlockKind::Body
            && !is_prose(&block.text)
            // A bold run alone between empty lines is a subheading (CHOSUN), no label;
            // so is a block element all in bold, as a paragraph all in bold is.
            && !is_bold_block(block));
    if claimed {
        walker.note(Destination::Dropped, || Some(block.text.clone()));
    }
    claimed
}

/// A bold run alone between empty lines (CHOSUN), or a block element all in bold among
/// blocks of text (Al Jazeera's `<div><br><span><strong>远程轰炸机</strong></span></div>`):
/// a subheading, as a paragraph all in bold is, even where it is no sentence.
fn is_bold_block(block: &Pending) -> bool {
    block.all_strong && (block.between_empty_lines || block.whole_container)
}

/// The first block of the article all in bold, where the profile prints its byline so
/// (Al Jazeera: `<div><span><strong>希沙姆·阿布·马里亚姆-巴黎</strong></span></div>`
/// under the lead image): the byline, the reporter and where they write from.
fn bold_byline_first(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let claimed = walker.profile.byline_bold_first
        && block.kind == BlockKind::Body
        && block.all_strong
        && block.whole_container
        && !walker.fields.has_paragraphs()
        && walker.fields.lead.is_none()
        && block.text.chars().count() <= settings::BYLINE_LINE_MAX_CHARS
        && !is_prose(&block.text);
    if claimed {
        walker.note(Destination::Byline, || Some(block.text.clone()));
        walker.fields.byline.push(std::mem::take(&mut block.text));
    }
    claimed
}

/// A paragraph or heading that is only a link, after a related-links label or another
/// such link: a related article. Al Jazeera's "keep reading" box writes each as the
/// heading of its own `<article>` (`<h2>阅读更多</h2>…<article><h3><a>title</a></h3>`).
fn related_link_paragraph(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let claimed = matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading)
        && block.links.len() == 1
        && (block.links[0].start, block.links[0].end) == (0, block.text.len())
        && is_headline_like(&block.text)
        && walker.related_link_paragraph();
    if claimed {
        walker.note(Destination::Dropped, || Some(block.text.clone()));
    }
    claimed
}

/// A paragraph that is a related-links label and one link to another article, in one
/// block: the label before the link (DW: `<p>更多阅读：<a rel="ArticleRef">美国升级对华芯片
/// 出口禁令</a></p>`) or opening it (`<p><a>延伸阅读：假如孟晚舟获释…</a></p>`). A link
/// to the source's own site that ends the paragraph, after a short label ending in a
/// colon, points to another of its articles: furniture, as a label over a list of such
/// links is.
fn labelled_related_link(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let [link] = block.links.as_slice() else {
        return false;
    };
    let text = block.text.as_str();
    // Where the label ends: where the link starts, or (the label inside the link) after
    // its first colon.
    let label_end = if link.start > 0 {
        link.start
    } else {
        match text.char_indices().find(|&(_, c)| matches!(c, '：' | ':')) {
            Some((at, colon)) => at + colon.len_utf8(),
            None => return false,
        }
    };
    let (label, title) = (text[..label_end].trim(), text[label_end..].trim());
    // The link points to the source's own site: another of its articles (read last, as
    // the address is parsed).
    let same_site = || match address::read(&link.url) {
        Href::Absolute(url) => url.host_str().is_some_and(|host| {
            (walker.profile.hosts.iter()).any(|site| super::profile::host_matches(host, site))
        }),
        _ => false,
    };
    let claimed = matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading)
        && link.end == text.len()
        && label.chars().count() > 1
        && label.chars().count() <= settings::READ_MORE_LABEL_MAX_CHARS
        && is_related_links_label(label, &[])
        && language::is_read_more_label(label)
        && !title.is_empty()
        && is_headline_like(title)
        && same_site();
    if claimed {
        walker.note(Destination::Dropped, || Some(block.text.clone()));
    }
    claimed
}

/// The page's headline over the article (a first heading equal to the title), which
/// `title` holds already. Any block that comes this far ends a related-links list.
fn headline(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    walker.related_links = false;
    let claimed =
        is_heading(block) && !walker.fields.has_paragraphs() && walker.is_headline(&block.text);
    if claimed {
        walker.note(Destination::Dropped, || Some(block.text.clone()));
    }
    claimed
}

/// A heading (or a paragraph all in bold), or a paragraph. One that a later block or the
/// end may still decide otherwise is held until then, with why ([`Hold`]): a heading (a
/// list of related links alone may follow it: `heading-over-links`), a bold block that
/// no text may follow (`bold-heading-over-nothing`), a note in italics that may close the
/// article (`author-note`), a label a related link may follow (`related-link-paragraph`),
/// a line in parentheses that may close the article (`closing-attribution`).
fn paragraph(walker: &mut Walker<'_>, block: &mut Pending) -> bool {
    let heading = is_heading(block);
    if heading {
        walker.settle_heading_over_links();
        walker.settle_bold_heading();
    } else {
        // Text follows the heading (and its links): the heading names a real section.
        walker.fields.release(Hold::OverLinks);
        walker.fields.release(Hold::BoldBlock);
    }
    walker.last_heading = heading;
    // A block element all in bold and no sentence may be a chart's title over its
    // player, which no text follows: held until text, the next heading or the end.
    let bold_block_heading =
        heading && block.kind == BlockKind::Body && block.whole_container && !is_prose(&block.text);
    let (text, links) = (
        std::mem::take(&mut block.text),
        std::mem::take(&mut block.links),
    );
    let holds = Holds::NONE
        .and_if(Hold::Heading, heading)
        .and_if(Hold::BoldBlock, bold_block_heading)
        // A closing note in italics may be about the author: held for the end.
        .and_if(Hold::ItalicNote, block.all_italic && !heading)
        .and_if(
            Hold::RelatedLinksLabel,
            is_related_links_label(&text, &links),
        )
        .and_if(
            Hold::Attribution,
            !heading && links.is_empty() && closing_credit(&text).is_some(),
        );
    if holds.is_empty() {
        walker
            .fields
            .push_paragraph(text, links, heading, walker.rule);
    } else {
        walker
            .fields
            .hold_paragraph(text, links, holds, walker.rule);
    }
    true
}

/// Whether a paragraph or heading may label a list of related links when one follows
/// (`更多俄乌局势最新动态请见：`): short, no links, ending in a colon.
fn is_related_links_label(text: &str, links: &[Link]) -> bool {
    links.is_empty()
        && text.trim_end().ends_with(['：', ':'])
        && text.chars().count() <= settings::RELATED_LINKS_LABEL_MAX_CHARS
}

/// A rule of the finish stage, run once the whole body was walked.
type FinishRule = fn(&mut Walker<'_>);

/// The rules that run on the whole article once it is walked, in order.
const FINISH_RULES: &[Named<FinishRule>] = &[
    (
        "author-note",
        "the paragraphs all in italics that close the article and name its byline's author in their first sentence (`<p><em>邓聿文为政治评论员…</em></p>`): the author's note, its byline",
        author_note,
    ),
    (
        "closing-attribution",
        "the short lines that close the article's text (pictures may follow) wholly in parentheses (`（综合报道）`), or its authors' names between slashes with the sources in brackets after them (`李京慧/洪沙 (德新社、法新社)`): its byline",
        closing_attribution,
    ),
    (
        BOLD_HEADING_OVER_NOTHING,
        "a block element all in bold, no sentence, that no text follows before the next heading or the end (a chart's title over its player; held with the pictures and players after it): left out",
        bold_heading_over_nothing,
    ),
    (
        HEADING_OVER_LINKS,
        "a heading that labels only a list of related links (held until the next heading or the end, with the pictures after the links; text keeps it): left out",
        heading_over_links,
    ),
    (
        "opening-picture-lead",
        "the picture the article opens with, before any text, where the profile prints its lead image so: the lead image",
        opening_picture_lead,
    ),
    (
        "placeholder-lead-image",
        "a lead image at an address the profile names as its generic picture (a social card), with no caption or credit: left out",
        placeholder_lead_image,
    ),
    (
        "time-published",
        "the first `<time>`, when nothing else dated the article: the publication time or date",
        time_published,
    ),
];

/// The short lines wholly in parentheses that close an article (`（综合报道）`,
/// `（路透社、法新社）`, `（本文来自道琼斯通讯社）`) say where its text comes from:
/// an attribution, moved to the byline in their order.
fn closing_attribution(walker: &mut Walker<'_>) {
    let mut closing = Vec::new();
    // Each was held (the `paragraph` rule holds every such line) until the end, with
    // the pictures after it: no text came after it.
    while let Some(text) = walker.fields.decide_last_held(
        Hold::Attribution,
        Stage::Finish,
        walker.rule,
        Destination::Byline,
    ) {
        closing.extend(closing_credit(&text));
    }
    // Before the author's notes, which the page prints after the text's attribution.
    let at = walker.fields.byline.len() - walker.author_notes;
    walker
        .fields
        .byline
        .splice(at..at, closing.into_iter().rev());
}

/// A note in italics under an opinion piece says who its author is (DW:
/// `<p><em>邓聿文为政治评论员，独立学者…</em></p>`, then the disclaimer and the copyright):
/// a credit about the byline's author, so the byline's, as printed. Only closing
/// paragraphs all in italics are read, and only those whose first sentence names an
/// author the byline already holds (a note about an interviewee names someone else and
/// stays text).
fn author_note(walker: &mut Walker<'_>) {
    let mut notes = Vec::new();
    // Each was held (the `paragraph` rule holds every paragraph all in italics) until
    // the end, which it closes when nothing was filed after it.
    loop {
        let fields = &*walker.fields;
        let closing_note = fields.last_held().is_some_and(|held| {
            held.last
                && held.holds.has(Hold::ItalicNote)
                && names_an_author(held.text, &fields.byline)
        });
        if !closing_note {
            break;
        }
        let Some(note) = walker.fields.decide_last_held(
            Hold::ItalicNote,
            Stage::Finish,
            walker.rule,
            Destination::Byline,
        ) else {
            break;
        };
        // Without the brackets a note may be printed in, as an attribution is filed.
        notes.push(unbracketed(&note).to_string());
    }
    walker.author_notes = notes.len();
    walker.fields.byline.extend(notes.into_iter().rev());
}

/// The text inside one pair of brackets that encloses all of `text`
/// (`（本文作者…(Marcus Buckingham)…）`); `text` itself when none does (`(a) … (b)`).
fn unbracketed(text: &str) -> &str {
    let inner = text
        .strip_prefix('（')
        .and_then(|t| t.strip_suffix('）'))
        .or_else(|| text.strip_prefix('(').and_then(|t| t.strip_suffix(')')));
    let Some(inner) = inner else {
        return text;
    };
    // The opening bracket's pair is the last one only if no bracket inside closes
    // more than it opened.
    let mut depth = 0usize;
    for c in inner.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => match depth.checked_sub(1) {
                Some(open) => depth = open,
                None => return text,
            },
            _ => {}
        }
    }
    if depth == 0 { inner.trim() } else { text }
}

/// Whether the first sentence of `note` names one of the authors of `byline` (a line,
/// or a name of a line that lists several: `张三、李四`).
fn names_an_author(note: &str, byline: &[String]) -> bool {
    let first_sentence = note
        .split_inclusive(['。', '！', '？', '\n'])
        .next()
        .unwrap_or(note);
    byline
        .iter()
        .flat_map(|line| line.split(['、', '，', ',', '/', '\n']))
        .map(str::trim)
        .filter(|name| name.chars().count() >= settings::AUTHOR_NAME_MIN_CHARS)
        .any(|name| first_sentence.contains(name))
}

/// A block all in bold that no text follows (the title of a chart over its `<iframe>`,
/// `全球疫情統計（每日新增確診數）`, a picture's caption after it) labels no text: left out,
/// as it was before such blocks were read as subheadings.
fn bold_heading_over_nothing(walker: &mut Walker<'_>) {
    walker.settle_bold_heading();
}

/// The rule that leaves out a block element all in bold over no text, which the next
/// heading decides as well as the end.
const BOLD_HEADING_OVER_NOTHING: &str = "bold-heading-over-nothing";

/// A heading held over a list of links that the end reached is left out. No rule after
/// this one decides a held block: what is still held is filed as it was pushed.
fn heading_over_links(walker: &mut Walker<'_>) {
    walker.settle_heading_over_links();
    walker.fields.file_held();
}

/// The rule that leaves out a heading over only related links, which the next heading
/// decides as well as the end.
const HEADING_OVER_LINKS: &str = "heading-over-links";

/// The opening picture held (only where the profile prints its lead image so) is the
/// lead image.
fn opening_picture_lead(walker: &mut Walker<'_>) {
    walker.fields.opening_picture_to_lead(walker.rule);
}

/// A site's generic picture (RFI's social card `RFI_FB.png`, on hundreds of unrelated
/// AFP dispatches) stands where the page has no picture of its own: it shows nothing of
/// the article, so `lead_image` is null. One that carries a caption or credit is kept,
/// as no text is left out with a picture.
fn placeholder_lead_image(walker: &mut Walker<'_>) {
    let placeholder = walker.fields.lead_image.as_ref().is_some_and(|image| {
        image.caption.is_none()
            && image.credit.is_none()
            && walker
                .profile
                .placeholder_images
                .iter()
                .any(|mark| image.url.contains(mark))
    });
    if placeholder && let Some(image) = walker.fields.lead_image.take() {
        walker.note(Destination::Dropped, || Some(image.url));
        walker.fields.placeholder_lead_image = true;
    }
}

/// The `<time>` text is often relative ("24 分钟前"), so it is no date line; it gives
/// the publication time when nothing else did. A `<time>` without `datetime` whose
/// text reads as a date is the date printed (WSJ's `2022年11月8日17:20 CST 更新`): the
/// date line, as printed.
fn time_published(walker: &mut Walker<'_>) {
    let fields = &mut *walker.fields;
    if fields.published.is_none()
        && let Some(datetime) = fields.time.take()
    {
        fields.published = parse_date_line(&datetime, walker.zone, walker.profile.date_formats);
        if fields.published.is_none() && fields.printed_date.is_none() {
            fields.printed_date = parse_date_only(&datetime);
        }
        if fields.published.is_some() || fields.printed_date.is_some() {
            if fields.time_printed && fields.date_line.is_none() {
                fields.date_line = Some(datetime.clone());
            }
            walker.note(Destination::Date, || Some(datetime));
        }
    }
}

/// Whether a block is a heading: a heading element, or a paragraph all in bold.
fn is_heading(block: &Pending) -> bool {
    block.kind == BlockKind::Heading
        || (matches!(block.kind, BlockKind::Paragraph | BlockKind::Body)
            && block.all_strong
            && !is_sentences(&block.text))
}

/// Whether text is written as sentences: one that ends with a full stop (`。`, `.`), or a
/// sentence mark with more text after it (`问：…？您支持这些讨论吗？`). A subheading ends
/// without a full stop (`德国的欧洲杯氛围如何？`, `国安权力扩大`), so a paragraph all in
/// bold that is written as sentences (BBC 2022's opening summary, an interview's
/// questions) is emphasised text, not a heading.
fn is_sentences(text: &str) -> bool {
    // Closing quotes and brackets after a sentence's mark belong to it.
    const CLOSING: [char; 8] = ['”', '」', '』', '）', ')', '"', '’', '\''];
    let text = text.trim_end();
    let full_stop = text.trim_end_matches(CLOSING).ends_with(['。', '.']);
    let mark_inside = text.char_indices().any(|(at, c)| {
        matches!(c, '。' | '！' | '？' | '!' | '?')
            && !text[at + c.len_utf8()..]
                .trim_start_matches(CLOSING)
                .trim()
                .is_empty()
    });
    full_stop || mark_inside
}

/// Content that never belongs to the article: the elements the profile marks by an
/// attribute (promotion slots, a share widget), and a `<div>` whose first text opens as
/// a footer the profile names (the archive's own).
fn is_noise(node: NodeRef<'_, Node>, element: &Element, profile: &Profile) -> bool {
    let marked = !profile.noise_attributes.is_empty()
        && element.attrs().any(|(name, _)| {
            profile
                .noise_attributes
                .iter()
                .any(|marker| name.starts_with(marker))
        });
    marked
        || (element.name() == "div"
            && node
                .first_child()
                .and_then(|child| {
                    child.value().as_text().map(|text| {
                        let text = text.trim_start();
                        profile
                            .footer_openings
                            .iter()
                            .any(|opening| text.starts_with(opening))
                    })
                })
                .unwrap_or(false))
}

fn block_kind(element: &Element) -> Option<BlockKind> {
    Some(match element.name() {
        "p" | "blockquote" | "pre" | "dd" | "dt" | "td" | "th" | "caption" | "address" => {
            BlockKind::Paragraph
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" => BlockKind::ListItem,
        _ => return None,
    })
}

/// Block containers: their start and end also end a text block.
fn is_container(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "tr"
            | "tbody"
            | "thead"
            | "tfoot"
            | "hr"
            | "details"
            | "summary"
            | "center"
            | "form"
            | "fieldset"
    )
}

/// Links that are safe to keep: web and mail addresses, and relative ones other than a
/// fragment alone (a link within the page, which an archived article no longer is).
fn is_safe_link(href: &str, address: &Href) -> bool {
    match address {
        Href::Relative { .. } => {
            let href = href.trim();
            !href.is_empty() && !href.starts_with('#')
        }
        _ => address.is_web_or_mail(),
    }
}

fn element_name<'a>(node: NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(Element::name)
}

fn non_empty(value: Option<&str>) -> Option<String> {
    // Scripts that filled attributes from missing values left these words behind.
    value
        .map(|v| strip_controls(v.trim()))
        .filter(|v| !v.is_empty() && !matches!(v.as_ref(), "undefined" | "null"))
        .map(|v| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text block of `kind` as the walker hands it to the rules, inside the body.
    fn pending(text: &str, kind: BlockKind) -> Pending {
        let document = scraper::Html::parse_document("<p></p>");
        Pending {
            text: text.to_string(),
            links: Vec::new(),
            kind,
            container: document.tree.root().id(),
            all_strong: false,
            all_italic: false,
            between_empty_lines: false,
            whole_container: false,
        }
    }

    /// Runs one rule alone on `block` with `profile`'s walker, and gives whether it
    /// claimed the block, the block as it left, and what the walker filed.
    fn run(rule: BlockRule, profile: &str, mut block: Pending) -> (bool, Pending, ArticleBuilder) {
        let mut fields = ArticleBuilder::default();
        let profile = super::super::profile::by_name(profile).expect("a profile");
        let claimed = rule(
            &mut Walker::new(&mut fields, None, profile, "Title", None),
            &mut block,
        );
        (claimed, block, fields)
    }

    #[test]
    fn an_author_note_is_read_without_its_enclosing_brackets_only() {
        assert_eq!(
            unbracketed("（本文作者珍妮·泰茨(Jenny Taitz)是临床心理学家。）"),
            "本文作者珍妮·泰茨(Jenny Taitz)是临床心理学家。"
        );
        assert_eq!(unbracketed("(a) and (b)"), "(a) and (b)");
        assert_eq!(unbracketed("（a）"), "a");
        assert_eq!(unbracketed("长平是资深媒体人。"), "长平是资深媒体人。");
        assert!(names_an_author(
            "邓聿文为政治评论员。他…",
            &["邓聿文".into()]
        ));
        // Only the first sentence, and a name of two characters or more.
        assert!(!names_an_author(
            "拉施是枪械师。邓聿文…",
            &["邓聿文".into()]
        ));
        assert!(!names_an_author("文山在…", &["文".into()]));
        assert!(names_an_author(
            "本文作者Lingling Wei是记者。",
            &["Bob Davis\nLingling Wei".into()]
        ));
    }

    #[test]
    fn the_rules_run_in_their_documented_order_and_the_last_takes_all() {
        let names: Vec<&str> = BLOCK_RULES.iter().map(|(name, _, _)| *name).collect();
        assert_eq!(names.first(), Some(&"caption-of-picture-or-embed"));
        assert_eq!(names.last(), Some(&"paragraph"));
        assert_eq!(names.len(), 19, "19 block rules");
        let (claimed, _, fields) = run(paragraph, "default", pending("Any text.", BlockKind::Body));
        assert!(claimed);
        assert_eq!(fields.paragraphs(), ["Any text."]);
    }

    #[test]
    fn closing_credits_are_cut_off_and_the_rest_passed_on() {
        let text = "（中央社記者台北1日電）颱風明天登陸。（編輯：張雅淨）1091201";
        let (claimed, block, fields) =
            run(closing_credits, "cna", pending(text, BlockKind::Paragraph));
        assert!(!claimed, "the sentence before the credit goes on down");
        assert_eq!(block.text, "（中央社記者台北1日電）颱風明天登陸。");
        assert_eq!(fields.byline, ["編輯：張雅淨"]);
        assert_eq!(fields.date_stamps, ["1091201"]);
        // A credit that is the whole block leaves nothing: the rule claims it.
        let (claimed, _, fields) = run(
            closing_credits,
            "rfi",
            pending("（译者：王二/核稿：李四）", BlockKind::Paragraph),
        );
        assert!(claimed);
        assert_eq!(fields.byline, ["译者：王二/核稿：李四"]);
    }

    #[test]
    fn a_block_repeating_the_pictures_alt_is_its_caption_credit_or_not() {
        for (alt, text, claimed) in [
            (
                "有线表示，裁员是为了开源节流",
                "有线表示，裁员是为了开源节流",
                true,
            ),
            (
                "犹他州野生动物保护人员最初发现这根金属巨柱（Credit: UTAH DPS）",
                "犹他州野生动物保护人员最初发现这根金属巨柱",
                true,
            ),
            (
                "犹他州野生动物保护人员最初发现这根金属巨柱",
                "犹他州野生动物保护人员",
                false,
            ),
            ("相机胶卷", "相机胶卷", false),
        ] {
            let mut fields = ArticleBuilder::default();
            let image = crate::article::Image {
                url: "https://example.org/a.jpg".into(),
                alt: Some(alt.into()),
                caption: None,
                credit: None,
            };
            fields.push_image(image, Stage::Element, "picture");
            let profile = super::super::profile::by_name("default").unwrap();
            let mut walker = Walker::new(&mut fields, None, profile, "Title", None);
            let mut block = pending(text, BlockKind::Paragraph);
            assert_eq!(
                caption_of_picture_or_embed(&mut walker, &mut block),
                claimed,
                "{text}"
            );
            let caption = fields.take_filed().images[0].caption.clone();
            assert_eq!(caption.is_some(), claimed, "{text}");
        }
    }

    #[test]
    fn no_text_claims_separators_and_labels_only() {
        for (text, kind, claimed) in [
            (" / ", BlockKind::Paragraph, true),
            ("相关报道", BlockKind::Body, true),
            ("相关报道", BlockKind::Paragraph, false),
            (
                "法国总统周六抵达北京，开始为期三天的访问。",
                BlockKind::Body,
                false,
            ),
        ] {
            assert_eq!(
                run(no_text, "default", pending(text, kind)).0,
                claimed,
                "{text:?}"
            );
        }
    }

    #[test]
    fn furniture_and_copyright_are_claimed_by_their_own_rules() {
        let (claimed, _, _) = run(furniture, "aj", pending("阅读更多", BlockKind::Paragraph));
        assert!(claimed);
        let (claimed, _, _) = run(
            furniture,
            "default",
            pending("阅读更多", BlockKind::Paragraph),
        );
        assert!(!claimed, "only a profile names furniture");
        let (claimed, _, fields) =
            run(copyright_line, "default", pending("© RFI", BlockKind::Body));
        assert!(claimed);
        assert_eq!(fields.copyright.as_deref(), Some("© RFI"));
    }

    #[test]
    fn container_text_is_dropped_and_noted_or_read_as_prose_by_profile() {
        let prose = "這是一段直接寫在容器裡的文字，讀起來像文章的句子。";
        let (claimed, _, fields) = run(container_text, "wsj", pending(prose, BlockKind::Container));
        // WSJ: prose before anything else is the summary.
        assert!(claimed);
        assert_eq!(fields.lead.as_deref(), Some(prose));
        let (claimed, block, _) = run(
            container_text,
            "default",
            pending(prose, BlockKind::Container),
        );
        assert!(!claimed, "the default reads it as prose and passes it on");
        assert_eq!(block.kind, BlockKind::Body);
    }
}
