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
