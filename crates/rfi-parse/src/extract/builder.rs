//! The article's body fields as the rules file them, and the record of which rule filed what.

use crate::article::{Block, Embed, Image, Link, ShareLink, TextBlock};
use crate::explain::{Decision, Destination, Stage};

/// What the body yields; the header fields complete it into an `Article`.
///
/// The rules file into it through its methods, which keep its invariants: every
/// `Block::Paragraph`/`Heading` indexes `paragraphs` in order, every `Block::Image` and
/// `Block::Embed` its vector, and, when tracing, every paragraph has its decision.
#[derive(Debug, Default)]
pub(crate) struct ArticleBuilder {
    pub(crate) date_line: Option<String>,
    pub(crate) published: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// A publication date printed without a time (`<time datetime="2020-12-01">`).
    pub(crate) printed_date: Option<chrono::NaiveDate>,
    pub(crate) lead_image: Option<Image>,
    pub(crate) lead: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) images: Vec<Image>,
    pub(crate) embeds: Vec<Embed>,
    pub(crate) copyright: Option<String>,
    pub(crate) share_links: Vec<ShareLink>,
    pub(crate) blocks: Vec<Block>,
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
    /// Whether the lead image the page showed was the profile's placeholder picture,
    /// left out.
    pub(crate) placeholder_lead_image: bool,
    /// The decisions, when they are asked for (`explain`); none are made otherwise.
    trace: Option<Trace>,
}

/// The decisions made so far, and which of them filed each paragraph.
#[derive(Debug, Default)]
struct Trace {
    decisions: Vec<Decision>,
    /// For each string of `paragraphs`, the index of the decision that filed it.
    paragraph_decisions: Vec<usize>,
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

    /// Files a paragraph (a heading when `heading`) with its links.
    pub(crate) fn push_paragraph(
        &mut self,
        text: String,
        links: Vec<Link>,
        heading: bool,
        rule: &'static str,
    ) {
        let text_block = TextBlock {
            paragraph: self.paragraphs.len(),
            links,
        };
        if let Some(trace) = &mut self.trace {
            trace.paragraph_decisions.push(trace.decisions.len());
            trace.decisions.push(Decision {
                text: text.clone(),
                to: Destination::Paragraph,
                rule,
                stage: Stage::Block,
            });
        }
        self.paragraphs.push(text);
        self.blocks.push(if heading {
            Block::Heading(text_block)
        } else {
            Block::Paragraph(text_block)
        });
    }

    /// The last paragraph (or heading) and its links, when it is the last thing filed.
    pub(crate) fn last_paragraph(&self) -> Option<(&str, &TextBlock)> {
        match (self.blocks.last(), self.paragraphs.last()) {
            (Some(Block::Paragraph(block) | Block::Heading(block)), Some(text))
                if block.paragraph + 1 == self.paragraphs.len() =>
            {
                Some((text, block))
            }
            _ => None,
        }
    }

    /// Takes back the last paragraph, which a later block or the end showed to be
    /// something else: `rule` sends it to `to` instead.
    pub(crate) fn retract_last_paragraph(
        &mut self,
        stage: Stage,
        rule: &'static str,
        to: Destination,
    ) -> Option<String> {
        self.last_paragraph()?;
        self.blocks.pop();
        let text = self.paragraphs.pop()?;
        if let Some(trace) = &mut self.trace
            && let Some(at) = trace.paragraph_decisions.pop()
        {
            let decision = &mut trace.decisions[at];
            (decision.to, decision.rule, decision.stage) = (to, rule, stage);
        }
        Some(text)
    }

    /// Takes back the headings at these paragraph indexes (`rule` drops them), and
    /// renumbers the paragraphs after them.
    pub(crate) fn remove_headings(&mut self, removed: &[usize], rule: &'static str) {
        if removed.is_empty() {
            return;
        }
        let mut index = 0;
        self.paragraphs.retain(|_| {
            index += 1;
            !removed.contains(&(index - 1))
        });
        self.blocks.retain_mut(|block| match block {
            Block::Heading(text) if removed.contains(&text.paragraph) => false,
            Block::Paragraph(text) | Block::Heading(text) => {
                text.paragraph -= removed.iter().filter(|r| **r < text.paragraph).count();
                true
            }
            _ => true,
        });
        if let Some(trace) = &mut self.trace {
            let mut index = 0;
            let decisions = &mut trace.decisions;
            trace.paragraph_decisions.retain(|at| {
                index += 1;
                let keep = !removed.contains(&(index - 1));
                if !keep {
                    let decision = &mut decisions[*at];
                    (decision.to, decision.rule, decision.stage) =
                        (Destination::Dropped, rule, Stage::Finish);
                }
                keep
            });
        }
    }

    /// Files a picture of the article.
    pub(crate) fn push_image(&mut self, image: Image, stage: Stage, rule: &'static str) {
        let url = self.is_tracing().then(|| image.url.clone());
        self.note(stage, rule, Destination::Image, || url);
        self.blocks.push(Block::Image(self.images.len()));
        self.images.push(image);
    }

    /// Files a player or quoted post.
    pub(crate) fn push_embed(&mut self, embed: Embed, stage: Stage, rule: &'static str) {
        let url = self.is_tracing().then(|| embed.url.clone());
        self.note(stage, rule, Destination::Embed, || url);
        self.blocks.push(Block::Embed(self.embeds.len()));
        self.embeds.push(embed);
    }

    /// Moves the picture the article opens with, before any text, to `lead_image`.
    pub(crate) fn opening_picture_to_lead(&mut self, rule: &'static str) {
        let Some(Block::Image(index)) = self.blocks.first() else {
            return;
        };
        let index = *index;
        let image = self.images.remove(index);
        self.blocks.remove(0);
        for block in &mut self.blocks {
            if let Block::Image(later) = block
                && *later > index
            {
                *later -= 1;
            }
        }
        let url = self.is_tracing().then(|| image.url.clone());
        self.note(Stage::Finish, rule, Destination::LeadImage, || url);
        self.lead_image = Some(image);
    }
}
