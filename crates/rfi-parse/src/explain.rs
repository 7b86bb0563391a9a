//! Where each block of a body went and the named rule that sent it there (`rfi-parse explain`).

use serde::Serialize;

use crate::article::{Article, Diagnostics};

/// One decision of the extraction: a block of the body (or a picture, a link, a time),
/// the field it went to, and the rule that sent it there, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Decision {
    /// The block's text as the rule saw it (a picture's or player's address, a share
    /// link's `href`).
    pub text: String,
    /// Where it went.
    pub to: Destination,
    /// The name of the rule that decided it (see [`rules`]).
    pub rule: &'static str,
    /// The stage that rule belongs to.
    pub stage: Stage,
}

/// Where a block of the body went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Destination {
    /// A string of `paragraphs` (a heading too).
    Paragraph,
    /// `lead`.
    Lead,
    /// `lead_image`.
    LeadImage,
    /// An entry of `images`.
    Image,
    /// The caption of a picture or player.
    Caption,
    /// The credit of a picture or player.
    Credit,
    /// A line of `byline`.
    Byline,
    /// `date_line`, a time, or a date stamp.
    Date,
    /// An entry of `tags`.
    Tag,
    /// An entry of `embeds`.
    Embed,
    /// An entry of `share_links`.
    ShareLink,
    /// `copyright`.
    Copyright,
    /// Page furniture the profile names: never article text.
    Furniture,
    /// Left out of the article.
    Dropped,
}

impl Destination {
    /// The name `explain` prints (`paragraph`, `share-link`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Paragraph => "paragraph",
            Self::Lead => "lead",
            Self::LeadImage => "lead-image",
            Self::Image => "image",
            Self::Caption => "caption",
            Self::Credit => "credit",
            Self::Byline => "byline",
            Self::Date => "date",
            Self::Tag => "tag",
            Self::Embed => "embed",
            Self::ShareLink => "share-link",
            Self::Copyright => "copyright",
            Self::Furniture => "furniture",
            Self::Dropped => "dropped",
        }
    }
}

/// The stages of the extraction, each with its ordered list of named rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Stage {
    /// The top-level elements before the article's content (date line, lead image, lead).
    Header,
    /// Each element as the walk opens it (furniture, bylines, pictures, players…).
    Element,
    /// Each text block as it ends (captions, credits, furniture, paragraphs…).
    Block,
    /// The whole article once walked (closing attributions, headings over link lists…).
    Finish,
}

impl Stage {
    /// The name `explain` prints (`header`, `element`, `block`, `finish`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Element => "element",
            Self::Block => "block",
            Self::Finish => "finish",
        }
    }
}

/// A named rule of the extraction, as [`rules`] lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// Its stage; within a stage, rules run in the listed order and the first that
    /// claims an element or block decides it.
    pub stage: Stage,
    /// Its name, as [`Decision::rule`] gives it.
    pub name: &'static str,
    /// The source profile whose own rule it is (run at its stage's `source-rules` step);
    /// `None` for the engine's rules, which every source runs.
    pub source: Option<&'static str>,
    /// What it does, in one line.
    pub summary: &'static str,
}

/// Every rule of the extraction, stage by stage, each stage's in the order they run.
pub fn rules() -> Vec<Rule> {
    crate::extract::rules()
}

/// An article read with the decisions that made it ([`explain`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Explanation {
    /// The article, as [`crate::parse`] gives it.
    pub article: Article,
    /// What the reading noticed, as [`crate::diagnose`] gives it.
    pub diagnostics: Diagnostics,
    /// Why the profile was chosen: the host, the mark in the markup, or the option.
    pub profile_evidence: String,
    /// Every decision, in document order (the finish stage's last).
    pub decisions: Vec<Decision>,
}

/// Parses an input as [`crate::parse`] does, and records which rule sent each block of
/// its body where.
///
/// ```
/// use rfi_parse::{Destination, ParseOptions};
///
/// let input = "<!--0-->\n[T](https://www.rfi.fr/cn/x)\n------\n\n<p>Text.</p><p>©RFI</p>";
/// let explanation = rfi_parse::explain(input, &ParseOptions::new())?;
/// let decisions: Vec<_> = explanation.decisions.iter().map(|d| (d.text.as_str(), d.to, d.rule)).collect();
/// assert_eq!(decisions, [("Text.", Destination::Paragraph, "paragraph"), ("©RFI", Destination::Copyright, "copyright")]);
/// assert_eq!(explanation.profile_evidence, "host rfi.fr");
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
pub fn explain<I: AsRef<[u8]> + ?Sized>(
    input: &I,
    options: &crate::ParseOptions,
) -> Result<Explanation, crate::ParseError> {
    crate::extract::explain(input.as_ref(), options)
}
