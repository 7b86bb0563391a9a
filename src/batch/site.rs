//! A Jekyll site's settings that shape how its posts read: `timezone:` in `_config.yml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rfi_parse::{ParseOptions, Zone};

use super::input::Input;

/// The time zone of each Jekyll site met in a run, read once per site from the
/// `_config.yml` beside its `_posts` folder.
#[derive(Debug, Clone, Default)]
pub struct SiteZones(Arc<Mutex<HashMap<PathBuf, SiteZone>>>);

/// A site's `timezone:`: none, a zone, or one that names no zone.
type SiteZone = Result<Option<Zone>, ZoneError>;

/// A site's `timezone:` that names no zone: its posts' dates cannot be read as Jekyll
/// reads them (it stops), so they are not read in UTC instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneError {
    /// The `_config.yml`, as messages show paths.
    pub source: String,
    pub line: usize,
    /// `unknown time zone "Mars/Olympus"`.
    pub message: String,
}

impl std::fmt::Display for ZoneError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.message)
    }
}

impl SiteZones {
    /// The options for one input: its body's markup by its name, and, for a post below
    /// a `_posts` folder whose site names a `timezone:`, that zone for dates written
    /// without an offset (as Jekyll reads them); an error when that names no zone.
    pub fn options_for(
        &self,
        input: &Input,
        base: &ParseOptions,
    ) -> Result<ParseOptions, ZoneError> {
        let options = base.body_markup(input.body_markup());
        let Input::File { path, .. } = input else {
            return Ok(options);
        };
        let Some(site) = path
            .ancestors()
            .skip(1)
            .find(|folder| folder.file_name().is_some_and(|name| name == "_posts"))
            .and_then(Path::parent)
        else {
            return Ok(options);
        };
        let zone = {
            let mut known = self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            known
                .entry(site.to_path_buf())
                .or_insert_with(|| configured_zone(site))
                .clone()
        };
        Ok(match zone? {
            Some(zone) => options.site_zone(zone),
            None => options,
        })
    }
}

/// The top-level `timezone:` of `SITE/_config.yml`, if it has one (an empty value is
/// none); an error when it names no zone.
fn configured_zone(site: &Path) -> SiteZone {
    let file = site.join("_config.yml");
    let Ok(config) = std::fs::read_to_string(&file) else {
        return Ok(None);
    };
    let Some((at, value)) = config
        .lines()
        .enumerate()
        .find_map(|(at, line)| Some((at, line.strip_prefix("timezone:")?)))
    else {
        return Ok(None);
    };
    let value = value.split(" #").next().unwrap_or(value).trim();
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| ZoneError {
        source: super::display::display_path(&file),
        line: at + 1,
        message: format!("unknown time zone {value:?}"),
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
        let options = SiteZones::default()
            .options_for(&input, &ParseOptions::new())
            .unwrap();
        let article = rfi_parse::parse(&std::fs::read_to_string(&post).unwrap(), &options).unwrap();
        assert_eq!(article.timestamp.to_rfc3339(), "2023-07-01T00:00:00+00:00");
        assert!(article.paragraphs().eq(["x"]));
        // Without a site (no `_posts` above it), UTC.
        let loose = Input::File {
            path: dir.path().join("a.md"),
            relative: PathBuf::from("a.md"),
        };
        let options = SiteZones::default()
            .options_for(&loose, &ParseOptions::new())
            .unwrap();
        let article = rfi_parse::parse(&std::fs::read_to_string(&post).unwrap(), &options).unwrap();
        assert_eq!(article.timestamp.to_rfc3339(), "2023-07-01T08:00:00+00:00");
    }

    /// `timezone: Mars/Olympus` read the site's posts in UTC without a word.
    #[test]
    fn a_timezone_that_names_no_zone_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("_posts")).unwrap();
        let config = dir.path().join("_config.yml");
        std::fs::write(&config, "title: x\ntimezone: Mars/Olympus\n").unwrap();
        let input = Input::File {
            path: dir.path().join("_posts/2023-07-01-a.md"),
            relative: PathBuf::from("2023-07-01-a.md"),
        };
        let error = SiteZones::default()
            .options_for(&input, &ParseOptions::new())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "{}:2: unknown time zone \"Mars/Olympus\"",
                super::super::display::display_path(&config)
            )
        );
        std::fs::write(&config, "title: x\ntimezone:\n").unwrap();
        assert!(
            SiteZones::default()
                .options_for(&input, &ParseOptions::new())
                .is_ok()
        );
    }
}
