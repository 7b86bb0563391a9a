//! Where an article comes from, read off its URL only: site, language and section.

use super::profile::{LANGUAGE_CODES, Segment, UrlLanguage, UrlSection};

/// The site, language and section of an article URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The host without `www.` (`rfi.fr`, `dw.com`).
    pub(crate) site: Option<String>,
    /// A BCP 47 tag (`zh-Hans`, `zh-Hant`), when the URL tells it.
    pub(crate) language: Option<&'static str>,
    /// The site's section (`法国`, `world`), when the path has one.
    pub(crate) section: Option<String>,
}

/// Reads site, language and section from an article's address, by the rules of the
/// site's profile (the one its host names, whatever profile extraction uses).
pub(crate) fn origin(address: &Address) -> Origin {
    let site = address.site.clone();
    let profile = super::profile::by_host(&site).unwrap_or(&super::profile::DEFAULT);
    Origin {
        language: language(&site, &address.segments, profile.url_languages),
        section: profile
            .url_section
            .and_then(|rule| section(&address.segments, &rule)),
        site: (!site.is_empty()).then_some(site),
    }
}

/// What the archive reads off an address: its site and its path's segments.
pub(crate) struct Address {
    /// The host, lowercase, without `www.` (or a numbered mirror's `www3.`) and without
    /// a port or user; empty for an address without a host (`file:///a`).
    pub(crate) site: String,
    /// The path's non-empty segments, percent-decoded (invalid UTF-8 as U+FFFD) and
    /// without control characters; no query or fragment.
    pub(crate) segments: Vec<String>,
}

/// An absolute address read by the WHATWG URL parser (the `url` crate, as browsers read
/// addresses: `http://[::1]:80/a`, `HTTP://User@Www.Example.org./a?q#f`); `None` for
/// what is no absolute address.
pub(crate) fn address(url: &str) -> Option<Address> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str().unwrap_or("");
    // `www.` and its numbered mirrors (`www3.nhk.or.jp`) name the same site.
    let site = match host.split_once('.') {
        Some((first, rest))
            if first.starts_with("www") && first[3..].bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest
        }
        _ => host,
    }
    .to_string();
    // The path is decoded once and split (an escaped `/` splits too, as it always did
    // here), with the project's own decoder: percent-encoding's iterator costs several
    // times as much on the escapes of a Chinese path.
    let segments = if parsed.cannot_be_a_base() {
        Vec::new()
    } else {
        let path = super::percent_decode_lossy(parsed.path());
        super::text::strip_controls(&path)
            .split('/')
            .filter(|segment| !segment.is_empty())
            .map(str::to_string)
            .collect()
    };
    Some(Address { site, segments })
}

/// The language `site`'s URL names by the first of `rules` for it.
fn language(site: &str, segments: &[String], rules: &[UrlLanguage]) -> Option<&'static str> {
    let rule = rules
        .iter()
        .find(|rule| rule.site.is_none_or(|own| own == site))?;
    rule.segments
        .iter()
        .find_map(|at| {
            let segment = match at {
                Segment::At(index) => segments.get(*index),
                Segment::Last => segments.last(),
            }?;
            language_code(segment, rule.codes)
        })
        .or(rule.otherwise)
}

/// The language a path segment such as `cn` or `zh-hant` names among `codes`.
fn language_code(segment: &str, codes: &[(&str, &'static str)]) -> Option<&'static str> {
    codes
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(segment))
        .map(|(_, tag)| *tag)
}

/// The section: the first folder of the path that is neither a language code, a number,
/// nor one of the site's own folders, by `rule`.
fn section(segments: &[String], rule: &UrlSection) -> Option<String> {
    let (article, folders) = segments.split_last()?;
    if rule
        .headline_before
        .is_some_and(|prefix| article.starts_with(prefix))
    {
        return None;
    }
    if let Some(id_after) = rule.id_after
        && segments
            .get(1)
            .is_some_and(|s| s.eq_ignore_ascii_case(id_after))
    {
        return None;
    }
    let is_noise = |segment: &&String| {
        language_code(segment, LANGUAGE_CODES).is_some()
            || rule
                .site_folders
                .iter()
                .any(|folder| folder.eq_ignore_ascii_case(segment))
            || segment.bytes().all(|b| b.is_ascii_digit())
    };
    if let Some(folder) = folders.iter().find(|s| !is_noise(s)) {
        return Some(folder.to_string());
    }
    let (name, id) = article.rsplit_once('-')?;
    (rule.section_in_name && !name.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(url: &str) -> (Option<String>, Option<&'static str>, Option<String>) {
        let info = address(url).as_ref().map(origin).unwrap_or_default();
        (info.site, info.language, info.section)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn addresses_are_read_as_the_url_standard_reads_them() {
        assert_eq!(
            info("HTTP://User:pw@WWW.Example.org:8080/a/b?q=1#f"),
            (some("example.org"), None, None)
        );
        // No host: no site; a path without a scheme is no address.
        assert_eq!(info("file:///tmp/a/b.txt"), (None, None, None));
        assert_eq!(info("www.rfi.fr/cn/法国/x"), (None, None, None));
        // Segments are percent-decoded, control characters left out.
        assert_eq!(
            info("https://www.rfi.fr/cn/%E6%B3%95%E5%9B%BD%07/20230630-x"),
            (some("rfi.fr"), Some("zh-Hans"), some("法国"))
        );
    }

    #[test]
    fn an_ipv6_host_keeps_its_brackets() {
        assert_eq!(info("http://[::1]:80/a").0, some("[::1]"));
        assert_eq!(info("http://u@[2001:db8::1]/x").0, some("[2001:db8::1]"));
        assert_eq!(
            info("https://news.rthk.hk/rthk/ch/component/k2/1-2.htm"),
            (some("news.rthk.hk"), Some("zh-Hant"), None)
        );
    }

    #[test]
    fn reads_each_archive_site() {
        assert_eq!(
            info("https://www.rfi.fr/cn/法国/20230630-视频"),
            (some("rfi.fr"), Some("zh-Hans"), some("法国"))
        );
        assert_eq!(
            info("https://www.rfi.fr/tw/中國/20230630-x"),
            (some("rfi.fr"), Some("zh-Hant"), some("中國"))
        );
        assert_eq!(
            info("https://www.bbc.com/zhongwen/simp/press-review-66062900"),
            (some("bbc.com"), Some("zh-Hans"), some("press-review"))
        );
        assert_eq!(
            info("https://www.bbc.com/zhongwen/articles/c4gnlkz5xzpo/trad"),
            (some("bbc.com"), Some("zh-Hant"), None)
        );
        assert_eq!(
            info("https://www.bbc.com/zhongwen/articles/c4gnlkz5xzpo/simp?at_medium=RSS"),
            (some("bbc.com"), Some("zh-Hans"), None)
        );
        assert_eq!(
            info("https://www.dw.com/zh/美国将领：习近平/a-66090328"),
            (some("dw.com"), Some("zh-Hans"), None)
        );
        assert_eq!(
            info("https://www.cna.com.tw/news/aipl/202307010024.aspx"),
            (some("cna.com.tw"), Some("zh-Hant"), some("aipl"))
        );
        assert_eq!(
            info("http://chinese.aljazeera.net/news/military/2023/6/30/x"),
            (
                some("chinese.aljazeera.net"),
                Some("zh-Hans"),
                some("military")
            )
        );
        assert_eq!(
            info("https://cn.wsj.com/amp/articles/x-46b66476"),
            (some("cn.wsj.com"), Some("zh-Hans"), None)
        );
        assert_eq!(
            info("https://www3.nhk.or.jp/nhkworld/zh/news/450123/"),
            (some("nhk.or.jp"), Some("zh-Hans"), None)
        );
        assert_eq!(
            info("https://example.org/"),
            (some("example.org"), None, None)
        );
        assert_eq!(info("not a url"), (None, None, None));
        // A folder is a section only where the profile knows the site's paths: not
        // Reuters' `/article/`, CHOSUN's `/client/` or RFA's language service.
        assert_eq!(
            info("https://cn.reuters.com/article/x-idCNKBS2GR0AB").2,
            None
        );
        assert_eq!(
            info("https://cnnews.chosun.com/client/news/viw.asp?nNewsNumb=20251163767").2,
            None
        );
        assert_eq!(info("https://www.rfa.org/cantonese/news/x.html").2, None);
        // Only known sites' paths name a language.
        assert_eq!(
            info("https://example.org/hk/news/1"),
            (some("example.org"), None, None)
        );
    }
}
