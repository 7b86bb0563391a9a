//! Each source in its own folder (Postlight's `extractors/custom/<site>/` is the model):
//! its profile as data. Adding a source is adding a folder and a line below.

use crate::extract::profile::Profile;

mod aj;
mod bbc;
mod cna;
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
