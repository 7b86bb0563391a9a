//! Addresses as the WHATWG URL parser reads them: the one reading of a link, picture or player address.

use url::Url;

/// What an address attribute holds, read as a browser reads it (the `url` crate, which
/// trims spaces and controls around it and drops tabs and line breaks inside).
pub(crate) enum Href {
    /// An absolute address: a scheme, and what that scheme takes.
    Absolute(Url),
    /// A path, query or fragment, or `//host/…` (`scheme_relative`), which needs a base
    /// to resolve.
    Relative {
        /// Whether it names a host, to be fetched over the page's own scheme.
        scheme_relative: bool,
    },
    /// Neither (`https://` without a host, `http://[::1`).
    Invalid,
}

/// Reads `href`.
pub(crate) fn read(href: &str) -> Href {
    match Url::parse(href) {
        Ok(url) => Href::Absolute(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => Href::Relative {
            // The parser trims C0 controls and spaces first.
            scheme_relative: href
                .trim_start_matches(|c: char| c <= ' ')
                .starts_with("//"),
        },
        Err(_) => Href::Invalid,
    }
}

impl Href {
    /// A web address: `http:` or `https:`, or scheme-relative (`//host/…`, which a page
    /// on the web fetches over its own scheme).
    pub(crate) fn is_web(&self) -> bool {
        match self {
            Href::Absolute(url) => matches!(url.scheme(), "http" | "https"),
            Href::Relative { scheme_relative } => *scheme_relative,
            Href::Invalid => false,
        }
    }

    /// A web or mail address, never `javascript:`, `data:` and the like.
    pub(crate) fn is_web_or_mail(&self) -> bool {
        matches!(self, Href::Absolute(url) if matches!(url.scheme(), "http" | "https" | "mailto"))
    }
}

/// The scheme a scheme-relative address (`//host/…`) takes when the archive file names no
/// page to resolve it against: every site of the archive serves its pages over it.
const ARCHIVE_SCHEME: &str = "https";

/// `href` resolved against the page at `page` as a browser resolves it against the
/// document's base URL (the WHATWG URL parser with a base), where it is scheme-relative
/// (`//www.youtube.com/embed/x`): over the page's scheme, or [`ARCHIVE_SCHEME`] when the
/// file names no page. An absolute address, or one that needs a page's path, is given back
/// as written.
pub(crate) fn resolve_scheme_relative(href: &str, page: Option<&str>) -> Option<String> {
    // Only an address opening with `//` can be one: the others, nearly all absolute, are
    // not parsed again here.
    if !href
        .trim_start_matches(|c: char| c <= ' ')
        .starts_with("//")
        || !matches!(
            read(href),
            Href::Relative {
                scheme_relative: true
            }
        )
    {
        return None;
    }
    let base = page
        .and_then(|page| Url::parse(page.trim()).ok())
        .filter(|page| matches!(page.scheme(), "http" | "https"))
        .map_or_else(
            || Url::parse(&format!("{ARCHIVE_SCHEME}://archive.invalid/")),
            Ok,
        )
        .ok()?;
    base.join(href).ok().map(String::from)
}

/// Whether `href` is a web address ([`Href::is_web`]).
pub(crate) fn is_web(href: &str) -> bool {
    read(href).is_web()
}

/// Whether `href` is a web or mail address ([`Href::is_web_or_mail`]).
pub(crate) fn is_web_or_mail(href: &str) -> bool {
    read(href).is_web_or_mail()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_relative_address_takes_the_page_s_scheme() {
        let resolve = resolve_scheme_relative;
        let youtube = "//www.youtube.com/embed/x?rel=0&showinfo=0";
        assert_eq!(
            resolve(youtube, Some("http://www.cna.com.tw/news/a.aspx")).as_deref(),
            Some("http://www.youtube.com/embed/x?rel=0&showinfo=0")
        );
        assert_eq!(
            resolve(youtube, None).as_deref(),
            Some("https://www.youtube.com/embed/x?rel=0&showinfo=0")
        );
        // A page that is no web page gives no scheme to a web address.
        assert_eq!(
            resolve(" //cdn.example/a.jpg", Some("file:///a")).as_deref(),
            Some("https://cdn.example/a.jpg")
        );
        // Absolute addresses, and those that need the page's path, are left as written.
        for kept in [
            "https://a.example/x",
            "/a/b",
            "a.jpg",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(resolve(kept, Some("https://b.example/c")), None, "{kept}");
        }
    }

    #[test]
    fn kinds_of_address() {
        for web in [
            "https://a.example/x",
            " HTTP://A.example",
            "http://[::1]:80/a",
            "//cdn.example/a.jpg",
        ] {
            assert!(is_web(web), "{web}");
        }
        for not_web in [
            "javascript:alert(1)",
            "java\nscript:alert(1)",
            "data:image/png;base64,x",
            "mailto:a@b.example",
            "/a/b",
            "a.jpg",
            "https://",
            "http://[::1",
            "",
        ] {
            assert!(!is_web(not_web), "{not_web:?}");
        }
        assert!(is_web_or_mail("mailto:a@b.example"));
        assert!(!is_web_or_mail("//cdn.example/a.jpg"));
        assert!(!is_web_or_mail("file:///etc/passwd"));
        assert!(matches!(
            read("/a"),
            Href::Relative {
                scheme_relative: false
            }
        ));
        assert!(matches!(
            read("?q"),
            Href::Relative {
                scheme_relative: false
            }
        ));
    }
}
