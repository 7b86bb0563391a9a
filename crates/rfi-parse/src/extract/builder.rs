//! The article's body fields as the rules file them, and the record of which rule filed what.

use crate::article::{self, Embed, Image, Link, ShareLink};
use crate::explain::{Decision, Destination, Stage};

/// A block as the builder files it: text and pictures by their place in the builder's
/// vectors, where the rules look them up while the body is read.
/// [`ArticleBuilder::take_blocks`] turns them into the article's blocks, which own them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A text block: index into `paragraphs`.
    Paragraph(TextBlock),
    /// A heading: index into `paragraphs`.
    Heading(TextBlock),
    /// Index into `images`.
    Image(usize),
    /// Index into `embeds`.
    Embed(usize),
}

/// A paragraph of the builder's `paragraphs` and the links inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextBlock {
    /// Index into `paragraphs`.
    pub(crate) paragraph: usize,
    /// Links, as byte ranges of the paragraph's text, in order and not overlapping.
    pub(crate) links: Vec<Link>,
}

/// What the body yields; the header fields complete it into an `Article`.
///
/// The rules file into it through its methods, which keep its invariants: every
/// `Block::Paragraph`/`Heading` indexes `paragraphs` in order, every `Block::Image` and
/// `Block::Embed` its vector, and, when tracing, every block filed has one decision.
/// Nothing filed is taken back: a paragraph that a later block or the end may still
/// decide otherwise is held until then, with the reasons it is held for
/// ([`ArticleBuilder::hold_paragraph`], [`Hold`]), and so are
/// the pictures and players filed after it while it may be ([`ArticleBuilder::hold_image`])
/// and the picture the article opens with, for the lead image
/// ([`ArticleBuilder::hold_opening_picture`]). No method removes from its vectors.
#[derive(Debug, Default)]
pub(crate) struct ArticleBuilder {
    pub(crate) date_line: Option<String>,
    pub(crate) published: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// A publication date printed without a time (`<time datetime="2020-12-01">`).
    pub(crate) printed_date: Option<chrono::NaiveDate>,
    pub(crate) lead_image: Option<Image>,
    pub(crate) lead: Option<String>,
    paragraphs: Vec<String>,
    images: Vec<Image>,
    embeds: Vec<Embed>,
    pub(crate) copyright: Option<String>,
    pub(crate) share_links: Vec<ShareLink>,
    blocks: Vec<Block>,
    /// Byline lines, in document order.
    pub(crate) byline: Vec<String>,
    /// Text a rule left out although it reads like prose.
    pub(crate) dropped: Vec<String>,
    pub(crate) tags: Vec<String>,
    /// Whether the markup cost more to build into a tree than its size warrants, so that
    /// it was read as flat paragraphs of its text.
    pub(crate) simplified: bool,
    /// Date stamps printed after a credit (a `1091201` stamp), for the profile to read.
    pub(crate) date_stamps: Vec<String>,
    /// The first `<time>`: its `datetime` attribute, or its text.
    pub(crate) time: Option<String>,
    /// Whether `time` is the `<time>`'s text, as the page prints it (it has no
    /// `datetime`: WSJ's `<time>2022年11月8日17:20 CST 更新</time>`).
    pub(crate) time_printed: bool,
    /// The paragraphs and headings filed last that a later block or the end may still
    /// decide otherwise, and pictures and players after them, in order: kept out of
    /// `paragraphs`, `blocks`, `images` and `embeds` until the next thing is filed for good
    /// (or the end), which decides each once. Every query of what was filed sees them as
    /// filed.
    held: Vec<Held>,
    /// The picture the article opens with, held for `lead_image`, and where its decision
    /// is recorded ([`ArticleBuilder::hold_opening_picture`]).
    opening_picture: Option<(Image, Option<usize>)>,
    /// How many things were ever filed, held ones too ([`ArticleBuilder::filings`]).
    filings: usize,
    /// Whether the lead image the page showed was the profile's placeholder picture,
    /// left out.
    pub(crate) placeholder_lead_image: bool,
    /// The decisions, when they are asked for (`explain`); none are made otherwise.
    trace: Option<Trace>,
}

/// The last thing filed, as a rule that reads it sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Filed<'a> {
    /// A paragraph (a heading when `heading`); what a rule may still decide about it,
    /// it asks of [`ArticleBuilder::last_held`].
    Text {
        heading: bool,
    },
    Image(&'a Image),
    Embed(&'a Embed),
}

/// What the builder filed, for the `Article`: every `Block::Paragraph`/`Heading` indexes
/// `paragraphs`, every `Block::Image`/`Embed` its vector.
#[derive(Debug, Default)]
pub(crate) struct FiledBlocks {
    pub(crate) paragraphs: Vec<String>,
    pub(crate) images: Vec<Image>,
    pub(crate) embeds: Vec<Embed>,
    pub(crate) blocks: Vec<Block>,
}

/// Why a paragraph or heading is held: what a later block or the end may still decide
/// about it, and the rule that would. A rule that decides a held block asks its reasons,
/// so that two blocks with the same text are never taken for each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hold {
    /// A heading: a list of related links alone may follow it (`heading-over-links`).
    Heading,
    /// A heading that only related links followed so far (and pictures or players,
    /// held behind it): the next heading or the end leaves it out
    /// (`heading-over-links`); text after them files it.
    OverLinks,
    /// A heading that is a block element all in bold and no sentence (a chart's title
    /// over its player), that no text followed so far: the next heading or the end
    /// leaves it out (`bold-heading-over-nothing`); text files it.
    BoldBlock,
    /// A paragraph all in italics: it may close the article as the author's note
    /// (`author-note`).
    ItalicNote,
    /// A short line ending in a colon: a related link may follow it, which makes it a
    /// label (`related-link-paragraph`).
    RelatedLinksLabel,
    /// A short line wholly in parentheses, or names between slashes: it may close the
    /// article's text as its credit (`closing-attribution`).
    Attribution,
}

impl Hold {
    /// Every reason, in the order they are listed.
    const ALL: [Self; 6] = [
        Self::Heading,
        Self::OverLinks,
        Self::BoldBlock,
        Self::ItalicNote,
        Self::RelatedLinksLabel,
        Self::Attribution,
    ];
}

/// The reasons a block is held for: one block may be held for several (a note in
/// italics wholly in parentheses may close the article either way).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holds(u8);

impl Holds {
    /// No reason: a block filed for good.
    pub(crate) const NONE: Self = Self(0);

    /// These reasons and `hold`.
    pub(crate) const fn and(self, hold: Hold) -> Self {
        Self(self.0 | (1 << hold as u8))
    }

    /// These reasons and `hold` when `when`.
    pub(crate) const fn and_if(self, hold: Hold, when: bool) -> Self {
        if when { self.and(hold) } else { self }
    }

    /// Whether `hold` is one of these reasons.
    pub(crate) const fn has(self, hold: Hold) -> bool {
        self.0 & (1 << hold as u8) != 0
    }

    /// Whether there is no reason to hold the block.
    pub(crate) const fn is_empty(self) -> bool {
        self.0 == 0
    }

    const fn without(self, hold: Hold) -> Self {
        Self(self.0 & !(1 << hold as u8))
    }
}

impl std::fmt::Debug for Holds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set()
            .entries(Hold::ALL.into_iter().filter(|hold| self.has(*hold)))
            .finish()
    }
}

/// The last paragraph or heading held, as a rule that may decide it otherwise sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeldText<'a> {
    pub(crate) text: &'a str,
    /// Why it is held.
    pub(crate) holds: Holds,
    /// Whether it is the last thing filed: no picture or player is held behind it.
    pub(crate) last: bool,
}

/// A block held ([`ArticleBuilder::hold_paragraph`], [`ArticleBuilder::hold_image`]).
#[derive(Debug)]
enum Held {
    Text {
        text: String,
        links: Vec<Link>,
        /// Why it is held; a heading is held as one ([`Hold::Heading`]).
        holds: Holds,
        /// Where its decision is recorded, when tracing: its place in document order is
        /// kept for it while it is held.
        decision: Option<usize>,
    },
    /// A picture or player is one whatever is decided about the text before it: its
    /// decision is recorded when it is held.
    Image(Image),
    Embed(Embed),
}

/// The decisions made so far.
#[derive(Debug, Default)]
struct Trace {
    decisions: Vec<Decision>,
}

impl ArticleBuilder {
    /// A builder that records every decision.
    pub(crate) fn tracing() -> Self {
        Self {
            trace: Some(Trace::default()),
            ..Self::default()
        }
    }

    /// The decisions recorded, in the order they were made.
    pub(crate) fn take_decisions(&mut self) -> Vec<Decision> {
        self.trace
            .take()
            .map(|trace| trace.decisions)
            .unwrap_or_default()
    }

    /// Whether decisions are recorded: a rule computes text only for the record then.
    pub(crate) fn is_tracing(&self) -> bool {
        self.trace.is_some()
    }

    /// Records that `rule` sent `text` to `to`; `text` is only computed when tracing.
    pub(crate) fn note(
        &mut self,
        stage: Stage,
        rule: &'static str,
        to: Destination,
        text: impl FnOnce() -> Option<String>,
    ) {
        if let Some(trace) = &mut self.trace
            && let Some(text) = text()
        {
            trace.decisions.push(Decision {
                text,
                to,
                rule,
                stage,
            });
        }
    }

    /// Files a paragraph (a heading when `heading`) with its links, after what is held.
    pub(crate) fn push_paragraph(
        &mut self,
        text: String,
        links: Vec<Link>,
        heading: bool,
        rule: &'static str,
    ) {
        self.file_held();
        self.filings += 1;
        self.record(&text, rule);
        self.file_text(text, links, heading);
    }

    /// Holds a paragraph (a heading when held as one, [`Hold::Heading`]) that `rule`
    /// files, unless a later block or the end decides it otherwise for one of `holds`
    /// ([`ArticleBuilder::decide_last_held`]) before the next thing is filed; what is held
    /// before it stays held.
    pub(crate) fn hold_paragraph(
        &mut self,
        text: String,
        links: Vec<Link>,
        holds: Holds,
        rule: &'static str,
    ) {
        debug_assert!(!holds.is_empty(), "held for no reason: {text:?}");
        self.filings += 1;
        let decision = self.record(&text, rule);
        self.held.push(Held::Text {
            text,
            links,
            holds,
            decision,
        });
    }

    /// Holds the last thing filed for `hold` too, when it is a paragraph or heading held
    /// (a heading that related links follow: [`Hold::OverLinks`]).
    pub(crate) fn hold_last_for(&mut self, hold: Hold) {
        if let Some(Held::Text { holds, .. }) = self.held.last_mut() {
            *holds = holds.and(hold);
        }
    }

    /// Holds no block for `hold` any more: what it waited for came (text after a heading
    /// over links or a bold block). Each stays held for its other reasons.
    pub(crate) fn release(&mut self, hold: Hold) {
        for held in &mut self.held {
            if let Held::Text { holds, .. } = held {
                *holds = holds.without(hold);
            }
        }
    }

    /// Files what is held as the paragraphs, headings, pictures and players it was pushed
    /// as: the next thing is filed for good, or the end came.
    pub(crate) fn file_held(&mut self) {
        if self.held.is_empty() {
            return;
        }
        for held in std::mem::take(&mut self.held) {
            // Each one's decision, recorded when it was held, stands.
            match held {
                Held::Text {
                    text, links, holds, ..
                } => self.file_text(text, links, holds.has(Hold::Heading)),
                Held::Image(image) => self.file_image(image),
                Held::Embed(embed) => self.file_embed(embed),
            }
        }
    }

    /// Decides the last paragraph or heading held otherwise, when it is held for `hold`
    /// (the pictures held after it stay held): `rule` sends it to `to`, and its text is
    /// given back. None when none is held for `hold`.
    pub(crate) fn decide_last_held(
        &mut self,
        hold: Hold,
        stage: Stage,
        rule: &'static str,
        to: Destination,
    ) -> Option<String> {
        let at = self
            .held
            .iter()
            .rposition(|held| matches!(held, Held::Text { .. }))?;
        if !matches!(&self.held[at], Held::Text { holds, .. } if holds.has(hold)) {
            return None;
        }
        let Held::Text { text, decision, .. } = self.held.remove(at) else {
            return None;
        };
        if let (Some(trace), Some(at)) = (&mut self.trace, decision) {
            let decision = &mut trace.decisions[at];
            (decision.to, decision.rule, decision.stage) = (to, rule, stage);
        }
        Some(text)
    }

    /// Records that `rule` files `text` as a paragraph, when tracing: where the decision is.
    fn record(&mut self, text: &str, rule: &'static str) -> Option<usize> {
        let trace = self.trace.as_mut()?;
        trace.decisions.push(Decision {
            text: text.to_string(),
            to: Destination::Paragraph,
            rule,
            stage: Stage::Block,
        });
        Some(trace.decisions.len() - 1)
    }

    /// Appends a paragraph or heading to `paragraphs` and `blocks`.
    fn file_text(&mut self, text: String, links: Vec<Link>, heading: bool) {
        let text_block = TextBlock {
            paragraph: self.paragraphs.len(),
            links,
        };
        self.paragraphs.push(text);
        self.blocks.push(if heading {
            Block::Heading(text_block)
        } else {
            Block::Paragraph(text_block)
        });
    }

    /// The last thing filed: a paragraph or heading, a picture or a player.
    pub(crate) fn last_filed(&self) -> Option<Filed<'_>> {
        if let Some(held) = self.held.last() {
            return Some(match held {
                Held::Text { holds, .. } => Filed::Text {
                    heading: holds.has(Hold::Heading),
                },
                Held::Image(image) => Filed::Image(image),
                Held::Embed(embed) => Filed::Embed(embed),
            });
        }
        let Some(last) = self.blocks.last() else {
            return self
                .opening_picture
                .as_ref()
                .map(|(image, _)| Filed::Image(image));
        };
        Some(match last {
            Block::Paragraph(_) => Filed::Text { heading: false },
            Block::Heading(_) => Filed::Text { heading: true },
            Block::Image(index) => Filed::Image(self.images.get(*index)?),
            Block::Embed(index) => Filed::Embed(self.embeds.get(*index)?),
        })
    }

    /// The picture just filed, when the last thing filed is one, to caption.
    pub(crate) fn last_image_mut(&mut self) -> Option<&mut Image> {
        if let Some(held) = self.held.last_mut() {
            return match held {
                Held::Image(image) => Some(image),
                _ => None,
            };
        }
        let Some(last) = self.blocks.last() else {
            return self.opening_picture.as_mut().map(|(image, _)| image);
        };
        match last {
            Block::Image(index) => self.images.get_mut(*index),
            _ => None,
        }
    }

    /// The player just filed, when the last thing filed is one, to caption.
    pub(crate) fn last_embed_mut(&mut self) -> Option<&mut Embed> {
        if let Some(held) = self.held.last_mut() {
            return match held {
                Held::Embed(embed) => Some(embed),
                _ => None,
            };
        }
        match self.blocks.last()? {
            Block::Embed(index) => self.embeds.get_mut(*index),
            _ => None,
        }
    }

    /// The last paragraph or heading held (pictures held after it aside), and why it is
    /// held: what a later block or the end may still decide.
    pub(crate) fn last_held(&self) -> Option<HeldText<'_>> {
        let at = (self.held.iter()).rposition(|held| matches!(held, Held::Text { .. }))?;
        let Held::Text { text, holds, .. } = &self.held[at] else {
            return None;
        };
        Some(HeldText {
            text,
            holds: *holds,
            last: at + 1 == self.held.len(),
        })
    }

    /// Whether a paragraph or heading was filed (or is held).
    pub(crate) fn has_paragraphs(&self) -> bool {
        !self.paragraphs.is_empty()
            || (self.held.iter()).any(|held| matches!(held, Held::Text { .. }))
    }

    /// Whether nothing is filed (no paragraph, heading, picture or player, none held).
    pub(crate) fn nothing_filed(&self) -> bool {
        self.blocks.is_empty() && self.held.is_empty() && self.opening_picture.is_none()
    }

    /// How many things were ever filed: it never goes down, so that a rule can tell
    /// whether anything was filed since it looked.
    pub(crate) fn filings(&self) -> usize {
        self.filings
    }

    /// The paragraphs filed, in order (none held: the end filed them).
    pub(crate) fn paragraphs(&self) -> &[String] {
        debug_assert!(
            self.held.is_empty(),
            "read before the end filed what is held"
        );
        &self.paragraphs
    }

    /// The filed blocks and the vectors they index, once the body is read, for the
    /// `Article`; the builder keeps none of them. What is still held is filed first.
    pub(crate) fn take_filed(&mut self) -> FiledBlocks {
        self.file_held();
        debug_assert!(
            self.opening_picture.is_none(),
            "the finish stage decides the opening picture"
        );
        FiledBlocks {
            paragraphs: std::mem::take(&mut self.paragraphs),
            images: std::mem::take(&mut self.images),
            embeds: std::mem::take(&mut self.embeds),
            blocks: std::mem::take(&mut self.blocks),
        }
    }

    /// Files a picture of the article, after what is held.
    pub(crate) fn push_image(&mut self, image: Image, stage: Stage, rule: &'static str) {
        self.note_picture(&image.url, Destination::Image, stage, rule);
        self.file_held();
        self.file_image(image);
    }

    /// Holds a picture behind what is held, whose fate the next block decides.
    pub(crate) fn hold_image(&mut self, image: Image, stage: Stage, rule: &'static str) {
        self.note_picture(&image.url, Destination::Image, stage, rule);
        self.held.push(Held::Image(image));
    }

    /// Files a player or quoted post, after what is held.
    pub(crate) fn push_embed(&mut self, embed: Embed, stage: Stage, rule: &'static str) {
        self.note_picture(&embed.url, Destination::Embed, stage, rule);
        self.file_held();
        self.file_embed(embed);
    }

    /// Holds a player or quoted post behind what is held, as [`ArticleBuilder::hold_image`].
    pub(crate) fn hold_embed(&mut self, embed: Embed, stage: Stage, rule: &'static str) {
        self.note_picture(&embed.url, Destination::Embed, stage, rule);
        self.held.push(Held::Embed(embed));
    }

    /// Records a picture or player filed or held: a filing either way.
    fn note_picture(&mut self, url: &str, to: Destination, stage: Stage, rule: &'static str) {
        self.filings += 1;
        let url = self.is_tracing().then(|| url.to_string());
        self.note(stage, rule, to, || url);
    }

    fn file_image(&mut self, image: Image) {
        self.blocks.push(Block::Image(self.images.len()));
        self.images.push(image);
    }

    fn file_embed(&mut self, embed: Embed) {
        self.blocks.push(Block::Embed(self.embeds.len()));
        self.embeds.push(embed);
    }

    /// Holds the picture the article opens with, before anything else is filed, where
    /// the profile prints its lead image so: the finish stage makes it the lead image
    /// ([`ArticleBuilder::opening_picture_to_lead`]); until then it is the first thing
    /// filed.
    pub(crate) fn hold_opening_picture(&mut self, image: Image, stage: Stage, rule: &'static str) {
        self.filings += 1;
        let decision = self.trace.as_mut().map(|trace| {
            trace.decisions.push(Decision {
                text: image.url.clone(),
                to: Destination::Image,
                rule,
                stage,
            });
            trace.decisions.len() - 1
        });
        self.opening_picture = Some((image, decision));
    }

    /// Makes the opening picture held the lead image, under `rule`.
    pub(crate) fn opening_picture_to_lead(&mut self, rule: &'static str) {
        let Some((image, decision)) = self.opening_picture.take() else {
            return;
        };
        if let (Some(trace), Some(at)) = (&mut self.trace, decision) {
            let decision = &mut trace.decisions[at];
            (decision.to, decision.rule, decision.stage) =
                (Destination::LeadImage, rule, Stage::Finish);
        }
        self.lead_image = Some(image);
    }
}

/// The article's blocks from the builder's: each block takes the entry of `paragraphs`,
/// `images` or `embeds` it names, which it then owns.
pub(crate) fn owned_blocks(
    paragraphs: Vec<String>,
    images: Vec<Image>,
    embeds: Vec<Embed>,
    blocks: Vec<Block>,
) -> Vec<article::Block> {
    // Each block names its own entry (the invariant the filing methods keep), so every
    // entry is moved out once.
    let mut paragraphs: Vec<Option<String>> = paragraphs.into_iter().map(Some).collect();
    let mut images: Vec<Option<Image>> = images.into_iter().map(Some).collect();
    let mut embeds: Vec<Option<Embed>> = embeds.into_iter().map(Some).collect();
    let mut text = |block: TextBlock| {
        let text = paragraphs.get_mut(block.paragraph).and_then(Option::take);
        text.map(|text| article::TextBlock::filed(text, block.links))
    };
    let blocks: Vec<_> = blocks
        .into_iter()
        .filter_map(|block| match block {
            Block::Paragraph(block) => text(block).map(article::Block::Paragraph),
            Block::Heading(block) => text(block).map(article::Block::Heading),
            Block::Image(index) => images
                .get_mut(index)
                .and_then(Option::take)
                .map(article::Block::Image),
            Block::Embed(index) => embeds
                .get_mut(index)
                .and_then(Option::take)
                .map(article::Block::Embed),
        })
        .collect();
    debug_assert!(
        paragraphs.iter().all(Option::is_none)
            && images.iter().all(Option::is_none)
            && embeds.iter().all(Option::is_none),
        "an entry that no block names"
    );
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is filed for good: each step may only append to it.
    fn filed(builder: &ArticleBuilder) -> (Vec<String>, Vec<Block>) {
        (builder.paragraphs.clone(), builder.blocks.clone())
    }

    /// Runs `steps` on a tracing builder, checking after each that `paragraphs` and
    /// `blocks` only grew: nothing filed there is taken back.
    fn run_appending_only(steps: &[&dyn Fn(&mut ArticleBuilder)]) -> ArticleBuilder {
        let mut builder = ArticleBuilder::tracing();
        for (at, step) in steps.iter().enumerate() {
            let (paragraphs, blocks) = filed(&builder);
            step(&mut builder);
            let (after, after_blocks) = filed(&builder);
            assert!(
                after.starts_with(&paragraphs) && after_blocks.starts_with(&blocks),
                "step {at} took back what was filed: {paragraphs:?} then {after:?}"
            );
        }
        builder
    }

    const HEADING: Holds = Holds::NONE.and(Hold::Heading);
    const LABEL: Holds = Holds::NONE.and(Hold::RelatedLinksLabel);
    const ATTRIBUTION: Holds = Holds::NONE.and(Hold::Attribution);

    fn image(url: &str) -> Image {
        Image {
            url: url.into(),
            alt: None,
            caption: None,
            credit: None,
        }
    }

    #[test]
    fn a_held_paragraph_decided_otherwise_was_never_filed() {
        let mut builder = run_appending_only(&[
            &|b| b.push_paragraph("正文。".into(), Vec::new(), false, "paragraph"),
            &|b| b.hold_paragraph("更多请见：".into(), Vec::new(), LABEL, "paragraph"),
            // Seen as filed while held.
            &|b| {
                assert!(matches!(
                    b.last_filed(),
                    Some(Filed::Text { heading: false })
                ));
                let held = b.last_held().unwrap();
                assert_eq!((held.text, held.last), ("更多请见：", true));
                assert!(b.last_image_mut().is_none());
            },
            &|b| {
                let label = b.decide_last_held(
                    Hold::RelatedLinksLabel,
                    Stage::Block,
                    "related-link-paragraph",
                    Destination::Furniture,
                );
                assert_eq!(label.as_deref(), Some("更多请见："));
            },
            &|b| b.hold_paragraph("小标题".into(), Vec::new(), HEADING, "paragraph"),
            &|b| b.hold_last_for(Hold::OverLinks),
            &|b| {
                b.decide_last_held(
                    Hold::OverLinks,
                    Stage::Finish,
                    "heading-over-links",
                    Destination::Dropped,
                );
            },
            &|b| b.hold_paragraph("（综合报道）".into(), Vec::new(), ATTRIBUTION, "paragraph"),
            &|b| b.hold_paragraph("（法新社）".into(), Vec::new(), ATTRIBUTION, "paragraph"),
            &|b| {
                b.decide_last_held(
                    Hold::Attribution,
                    Stage::Finish,
                    "closing-attribution",
                    Destination::Byline,
                );
            },
            // The end files what is still held, as it was pushed.
            &|b| b.file_held(),
        ]);
        assert_eq!(builder.paragraphs(), ["正文。", "（综合报道）"]);
        assert_eq!(builder.filings(), 5);
        let decisions: Vec<_> = builder
            .take_decisions()
            .into_iter()
            .map(|d| (d.text, d.to, d.rule))
            .collect();
        // One decision a block, in document order, by the rule that decided it.
        assert_eq!(
            decisions,
            [
                ("正文。".into(), Destination::Paragraph, "paragraph"),
                (
                    "更多请见：".into(),
                    Destination::Furniture,
                    "related-link-paragraph"
                ),
                ("小标题".into(), Destination::Dropped, "heading-over-links"),
                ("（综合报道）".into(), Destination::Paragraph, "paragraph"),
                (
                    "（法新社）".into(),
                    Destination::Byline,
                    "closing-attribution"
                ),
            ]
        );
    }

    #[test]
    fn filing_anything_files_what_is_held_before_it() {
        let mut builder = run_appending_only(&[
            &|b| b.hold_paragraph("小标题".into(), Vec::new(), HEADING, "paragraph"),
            &|b| assert!(b.has_paragraphs() && !b.nothing_filed()),
            &|b| {
                b.push_image(
                    image("https://example.org/a.jpg"),
                    Stage::Element,
                    "picture",
                )
            },
            &|b| assert!(b.last_image_mut().is_some()),
            // Nothing held: nothing to decide otherwise.
            &|b| {
                let none =
                    b.decide_last_held(Hold::Heading, Stage::Block, "x", Destination::Dropped);
                assert!(none.is_none());
            },
            &|b| b.hold_paragraph("标签：".into(), Vec::new(), LABEL, "paragraph"),
            &|b| b.push_paragraph("正文。".into(), Vec::new(), false, "paragraph"),
        ]);
        assert_eq!(builder.paragraphs(), ["小标题", "标签：", "正文。"]);
        let filed = builder.take_filed();
        assert!(matches!(
            filed.blocks[..],
            [
                Block::Heading(TextBlock { paragraph: 0, .. }),
                Block::Image(0),
                Block::Paragraph(TextBlock { paragraph: 1, .. }),
                Block::Paragraph(TextBlock { paragraph: 2, .. }),
            ]
        ));
    }

    #[test]
    fn pictures_held_behind_a_heading_are_filed_whatever_is_decided_about_it() {
        let mut builder = run_appending_only(&[
            &|b| b.push_paragraph("正文。".into(), Vec::new(), false, "paragraph"),
            &|b| b.hold_paragraph("相关报道".into(), Vec::new(), HEADING, "paragraph"),
            &|b| b.hold_last_for(Hold::OverLinks),
            &|b| {
                b.hold_image(
                    image("https://example.org/a.jpg"),
                    Stage::Element,
                    "picture",
                )
            },
            // The picture held is the one a caption after it goes to.
            &|b| {
                assert!(matches!(b.last_filed(), Some(Filed::Image(_))));
                b.last_image_mut().unwrap().caption = Some("说明".into());
            },
            &|b| {
                assert!(b.last_held().is_some_and(|held| !held.last));
                let heading = b.decide_last_held(
                    Hold::OverLinks,
                    Stage::Finish,
                    "heading-over-links",
                    Destination::Dropped,
                );
                assert_eq!(heading.as_deref(), Some("相关报道"));
            },
            &|b| assert!(matches!(b.last_filed(), Some(Filed::Image(_)))),
            &|b| b.hold_paragraph("第二节".into(), Vec::new(), HEADING, "paragraph"),
            &|b| b.file_held(),
        ]);
        let filed = builder.take_filed();
        assert_eq!(filed.paragraphs, ["正文。", "第二节"]);
        assert_eq!(filed.images[0].caption.as_deref(), Some("说明"));
        assert!(matches!(
            filed.blocks[..],
            [
                Block::Paragraph(TextBlock { paragraph: 0, .. }),
                Block::Image(0),
                Block::Heading(TextBlock { paragraph: 1, .. }),
            ]
        ));
    }

    #[test]
    fn held_blocks_with_the_same_text_are_decided_by_why_they_are_held() {
        let bold_block = HEADING.and(Hold::BoldBlock).and(Hold::RelatedLinksLabel);
        let italic_note = Holds::NONE.and(Hold::ItalicNote);
        let mut builder = run_appending_only(&[
            // A heading, then a bold block with the same text.
            &|b| {
                b.hold_paragraph(
                    "图表：".into(),
                    Vec::new(),
                    HEADING.and(Hold::RelatedLinksLabel),
                    "paragraph",
                )
            },
            &|b| b.hold_paragraph("图表：".into(), Vec::new(), bold_block, "paragraph"),
            // A link after them shows the bold block a label.
            &|b| {
                let label = b.decide_last_held(
                    Hold::RelatedLinksLabel,
                    Stage::Block,
                    "related-link-paragraph",
                    Destination::Furniture,
                );
                assert_eq!(label.as_deref(), Some("图表："));
            },
            // The heading held now has the same text, but it is no bold block.
            &|b| {
                let held = b.last_held().unwrap();
                assert_eq!(
                    (held.text, held.holds.has(Hold::BoldBlock)),
                    ("图表：", false)
                );
                let none = b.decide_last_held(
                    Hold::BoldBlock,
                    Stage::Finish,
                    "bold-heading-over-nothing",
                    Destination::Dropped,
                );
                assert!(none.is_none());
            },
            // A note in italics, filed; then the same text held as a label.
            &|b| {
                b.hold_paragraph(
                    "张三为评论员：".into(),
                    Vec::new(),
                    italic_note,
                    "paragraph",
                )
            },
            &|b| b.push_paragraph("正文。".into(), Vec::new(), false, "paragraph"),
            &|b| b.hold_paragraph("张三为评论员：".into(), Vec::new(), LABEL, "paragraph"),
            &|b| {
                let none = b.decide_last_held(
                    Hold::ItalicNote,
                    Stage::Finish,
                    "author-note",
                    Destination::Byline,
                );
                assert!(none.is_none());
            },
            &|b| b.file_held(),
        ]);
        assert_eq!(
            builder.paragraphs(),
            ["图表：", "张三为评论员：", "正文。", "张三为评论员："]
        );
        let filed = builder.take_filed();
        assert!(matches!(
            filed.blocks[..],
            [
                Block::Heading(TextBlock { paragraph: 0, .. }),
                Block::Paragraph(_),
                Block::Paragraph(_),
                Block::Paragraph(_),
            ]
        ));
    }

    #[test]
    fn text_after_a_heading_releases_it_and_it_stays_held_for_its_other_reasons() {
        let mut builder = run_appending_only(&[
            &|b| {
                b.hold_paragraph(
                    "相关：".into(),
                    Vec::new(),
                    HEADING.and(Hold::RelatedLinksLabel).and(Hold::BoldBlock),
                    "paragraph",
                )
            },
            &|b| b.hold_last_for(Hold::OverLinks),
            &|b| b.release(Hold::OverLinks),
            &|b| b.release(Hold::BoldBlock),
            &|b| {
                let held = b.last_held().unwrap();
                assert!(held.last);
                assert_eq!(format!("{:?}", held.holds), "{Heading, RelatedLinksLabel}");
                for hold in [Hold::OverLinks, Hold::BoldBlock] {
                    assert!(
                        b.decide_last_held(hold, Stage::Finish, "x", Destination::Dropped)
                            .is_none()
                    );
                }
            },
            &|b| {
                let label = b.decide_last_held(
                    Hold::RelatedLinksLabel,
                    Stage::Block,
                    "related-link-paragraph",
                    Destination::Furniture,
                );
                assert_eq!(label.as_deref(), Some("相关："));
            },
        ]);
        assert!(builder.take_filed().blocks.is_empty());
    }

    #[test]
    fn the_opening_picture_is_held_for_the_lead_image_and_never_filed() {
        let mut builder = run_appending_only(&[
            &|b| {
                b.hold_opening_picture(
                    image("https://example.org/a.jpg"),
                    Stage::Element,
                    "picture",
                )
            },
            // The first thing filed: what a caption after it goes to.
            &|b| {
                assert!(!b.nothing_filed());
                assert!(matches!(b.last_filed(), Some(Filed::Image(_))));
                b.last_image_mut().unwrap().caption = Some("说明".into());
            },
            &|b| b.push_paragraph("正文。".into(), Vec::new(), false, "paragraph"),
            &|b| b.opening_picture_to_lead("opening-picture-lead"),
        ]);
        let lead = builder.lead_image.take().unwrap();
        assert_eq!(lead.caption.as_deref(), Some("说明"));
        let decisions: Vec<_> = builder
            .take_decisions()
            .into_iter()
            .map(|d| (d.text, d.to, d.rule))
            .collect();
        assert_eq!(
            decisions,
            [
                (
                    "https://example.org/a.jpg".into(),
                    Destination::LeadImage,
                    "opening-picture-lead"
                ),
                ("正文。".into(), Destination::Paragraph, "paragraph"),
            ]
        );
        let filed = builder.take_filed();
        assert!(filed.images.is_empty());
        assert!(matches!(filed.blocks[..], [Block::Paragraph(_)]));
    }
}
