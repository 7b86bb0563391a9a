//! Where an article comes from, read off its URL only: site, language and section.

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

/// Reads site, language and section from a decoded article URL.
pub(crate) fn origin(url: &str) -> Origin {
    let Some((site, path)) = site_and_path(url) else {
        return Origin::default();
    };
    let segments = path_segments(path);
    Origin {
        language: language(&site, &segments),
        section: section(&site, &segments),
        site: (!site.is_empty()).then_some(site),
    }
}

/// The site of an address (its host, lowercase, without `www.` or a port) and its path
/// without query or fragment; `None` without a `scheme://`.
pub(crate) fn site_and_path(url: &str) -> Option<(String, &str)> {
    let (_, rest) = url.split_once("://")?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..host_end].to_ascii_lowercase();
    let host = host.rsplit('@').next().unwrap_or(&host);
    // An IPv6 literal (`[::1]:80`) holds colons of its own: the port follows its `]`.
    let host = if host.starts_with('[') {
        &host[..host.find(']').map_or(host.len(), |end| end + 1)]
    } else {
        host.split(':').next().unwrap_or(host)
    };
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
    let path = &rest[host_end..];
    Some((site, &path[..path.find(['?', '#']).unwrap_or(path.len())]))
}

/// A path's non-empty segments.
pub(crate) fn path_segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The language a site's URL names, for the sites of the archives.
fn language(site: &str, segments: &[&str]) -> Option<&'static str> {
    let first = segments.first().map(|s| s.to_ascii_lowercase());
    let second = segments.get(1).map(|s| s.to_ascii_lowercase());
    let tag = language_code;
    match site {
        // `/zhongwen/simp/world-123`, and since 2023 `/zhongwen/articles/ID/simp`.
        "bbc.com" | "bbc.co.uk" if first.as_deref() == Some("zhongwen") => {
            second.as_deref().and_then(tag).or_else(|| match segments {
                [_, articles, _, script] if articles.eq_ignore_ascii_case("articles") => {
                    tag(script)
                }
                _ => None,
            })
        }
        "cna.com.tw" => Some("zh-Hant"),
        // RTHK: `news.rthk.hk/rthk/ch/…` Chinese (Hong Kong, traditional), `/rthk/en/`.
        "news.rthk.hk" => match second.as_deref() {
            Some("ch") => Some("zh-Hant"),
            Some("en") => Some("en"),
            _ => None,
        },
        "chinese.aljazeera.net" | "china.kyodonews.net" => Some("zh-Hans"),
        "tchina.kyodonews.net" => Some("zh-Hant"),
        "cn.wsj.com" => Some(if first.as_deref() == Some("zh-hant") {
            "zh-Hant"
        } else {
            "zh-Hans"
        }),
        "cn.nytimes.com" => Some(
            if segments.last().is_some_and(|s| s.starts_with("zh-hant")) {
                "zh-Hant"
            } else {
                "zh-Hans"
            },
        ),
        // Known sites name the language first in the path (`rfi.fr/cn/`, `dw.com/zh/`), or
        // after the site's own folder (`nhk.or.jp/nhkworld/zh/`). Any other host's path
        // is not read: `/gb/` or `/hk/` elsewhere need not be a language.
        "rfi.fr" | "dw.com" | "nhk.or.jp" => first
            .as_deref()
            .and_then(tag)
            .or_else(|| second.as_deref().and_then(tag)),
        _ => None,
    }
}

/// The language a path segment such as `cn` or `zh-hant` names.
fn language_code(code: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
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
    CODES
        .iter()
        .find(|(segment, _)| segment.eq_ignore_ascii_case(code))
        .map(|(_, tag)| *tag)
}

/// The section: the first path segment that is neither a language, a number, nor the
/// article itself.
fn section(site: &str, segments: &[&str]) -> Option<String> {
    let (article, folders) = segments.split_last()?;
    // DW: /zh/<headline>/a-123 — the folder is the headline, not a section.
    if site == "dw.com" && article.starts_with("a-") {
        return None;
    }
    // RTHK: /rthk/ch/component/k2/ID-DATE.htm — site, language and the CMS's folders.
    if site == "news.rthk.hk" {
        return None;
    }
    // BBC since 2023: /zhongwen/articles/ID/simp — an id where the section was.
    if site.starts_with("bbc.")
        && segments
            .get(1)
            .is_some_and(|s| s.eq_ignore_ascii_case("articles"))
    {
        return None;
    }
    let is_noise = |segment: &&&str| {
        language_code(segment).is_some()
            || [
                "zhongwen", "nhkworld", "amp", "articles", "news", "simp", "trad",
            ]
            .iter()
            .any(|noise| noise.eq_ignore_ascii_case(segment))
            || segment.bytes().all(|b| b.is_ascii_digit())
    };
    if let Some(folder) = folders.iter().find(|s| !is_noise(s)) {
        return Some(folder.to_string());
    }
    // BBC: /zhongwen/simp/world-66074278 — the section leads the article's name.
    let (name, id) = article.rsplit_once('-')?;
    (site.starts_with("bbc.") && !name.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(url: &str) -> (Option<String>, Option<&'static str>, Option<String>) {
        let info = origin(url);
        (info.site, info.language, info.section)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
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
        // Only known sites' paths name a language.
        assert_eq!(
            info("https://example.org/hk/news/1"),
            (some("example.org"), None, None)
        );
    }
}
