//! A Jekyll site's settings that shape how its posts read: `timezone:` in `_config.yml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rfi_parse::{ParseOptions, Zone};

use super::input::Input;

/// The time zone of each Jekyll site met in a run, read once per site from the
/// `_config.yml` beside its `_posts` folder.
#[derive(Debug, Clone, Default)]
pub struct SiteZones(Arc<Mutex<HashMap<PathBuf, Option<Zone>>>>);

impl SiteZones {
    /// The options for one input: its body's markup by its name, and, for a post below
    /// a `_posts` folder whose site names a valid `timezone:`, that zone for dates
    /// written without an offset (as Jekyll reads them).
    pub fn options_for(&self, input: &Input, base: &ParseOptions) -> ParseOptions {
        let options = base.body_markup(input.body_markup());
        let Input::File { path, .. } = input else {
            return options;
        };
        let Some(site) = path
            .ancestors()
            .skip(1)
            .find(|folder| folder.file_name().is_some_and(|name| name == "_posts"))
            .and_then(Path::parent)
        else {
            return options;
        };
        let zone = {
            let mut known = self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            *known
                .entry(site.to_path_buf())
                .or_insert_with(|| configured_zone(site))
        };
        match zone {
            Some(zone) => options.site_zone(zone),
            None => options,
        }
    }
}

/// The top-level `timezone:` of `SITE/_config.yml`, if it has one and names a zone.
fn configured_zone(site: &Path) -> Option<Zone> {
    let config = std::fs::read_to_string(site.join("_config.yml")).ok()?;
    config.lines().find_map(|line| {
        let value = line.strip_prefix("timezone:")?;
        let value = value.split(" #").next().unwrap_or(value).trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        value.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sites_timezone_reads_its_posts_dates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("_posts/2023")).unwrap();
        std::fs::write(
            dir.path().join("_config.yml"),
            "title: x\ntimezone: 'Asia/Hong_Kong' # HKT\n",
        )
        .unwrap();
        let post = dir.path().join("_posts/2023/2023-07-01-a.md");
        std::fs::write(&post, "---\ntitle: T\ndate: 2023-07-01 08:00\n---\n\nx\n").unwrap();
        let input = Input::File {
            path: post.clone(),
            relative: PathBuf::from("a.md"),
        };
        let options = SiteZones::default().options_for(&input, &ParseOptions::new());
        let article = rfi_parse::parse(&std::fs::read_to_string(&post).unwrap(), &options).unwrap();
        assert_eq!(article.timestamp.to_rfc3339(), "2023-07-01T00:00:00+00:00");
        assert_eq!(article.paragraphs, ["x"]);
        // Without a site (no `_posts` above it), UTC.
        let loose = Input::File {
            path: dir.path().join("a.md"),
            relative: PathBuf::from("a.md"),
        };
        let options = SiteZones::default().options_for(&loose, &ParseOptions::new());
        let article = rfi_parse::parse(&std::fs::read_to_string(&post).unwrap(), &options).unwrap();
        assert_eq!(article.timestamp.to_rfc3339(), "2023-07-01T08:00:00+00:00");
    }
}
