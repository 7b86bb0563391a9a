//! Each source in its own folder (Postlight's `extractors/custom/<site>/` is the model):
//! its profile as data. Adding a source is adding a folder and a line below.

use crate::extract::profile::Profile;

mod aj;
mod bbc;
mod cna;
pub(crate) mod default;
mod dw;
mod joins;
mod kyodo;
mod nhk;
mod nyt;
mod reuters;
mod rfa;
mod rfi;
mod rthk;
mod wsj;

/// The opening of the footer the feed collector (feedx.net) put after the articles of
/// every source until 2021 (`<div>获取更多RSS：<br><a href="https://feedx.net">…`): the
/// archive's own furniture rather than a source's, every profile's.
pub(crate) const ARCHIVE_FOOTER_OPENINGS: &[&str] = &["获取更多RSS"];

/// Every known source, in the order the profile is chosen: the first whose host or mark
/// matches is used.
pub(crate) const PROFILES: &[Profile] = &[
    rfi::PROFILE,
    cna::PROFILE,
    dw::PROFILE,
    bbc::PROFILE,
    aj::PROFILE,
    wsj::PROFILE,
    kyodo::PROFILE,
    nhk::PROFILE,
    rfa::PROFILE,
    nyt::PROFILE,
    joins::PROFILE,
    reuters::PROFILE,
    rthk::PROFILE,
];
