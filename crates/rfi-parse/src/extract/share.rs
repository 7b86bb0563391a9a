//! Share links: which network a link posts to, and the address it shares.

use super::percent_decode_lossy;

use crate::article::{Platform, ShareLink};

/// Recognizes a share link by its `href`; `None` for any other link.
pub(crate) fn share_link(href: &str) -> Option<ShareLink> {
    let href = href.trim();
    let (platform, parameter) = classify(href)?;
    let value = raw_query_parameter(href, parameter);
    let target = match platform {
        // These carry free text with the address at its end.
        Platform::Whatsapp => value.and_then(last_url),
        // A contact address (`mailto:news@example.com`) is an ordinary link; a share
        // link carries the shared address in its message.
        Platform::Email => Some(
            value
                .and_then(last_url)
                .or_else(|| raw_query_parameter(href, "subject").and_then(last_url))?,
        ),
        _ => value.map(decode_component),
    };
    Some(ShareLink {
        platform,
        url: href.to_string(),
        target,
    })
}

/// The platform a link would share to, and the query parameter that holds what it shares
/// (a `mailto:` is a share link only when [`share_link`] finds an address in it).
///
/// Parsed by hand rather than with a URL parser: share links carry long encoded queries
/// that a full parse would re-encode for nothing, and most links are ruled out by their
/// host alone.
fn classify(href: &str) -> Option<(Platform, &'static str)> {
    let (scheme, rest) = href.split_once(':')?;
    if scheme.eq_ignore_ascii_case("mailto") {
        // A share only if its message names an address: [`share_link`] decides.
        return Some((Platform::Email, "body"));
    }
    if scheme.eq_ignore_ascii_case("whatsapp") {
        return Some((Platform::Whatsapp, "text"));
    }
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    let host_end = memchr::memchr3(b'/', b'?', b'#', rest.as_bytes()).unwrap_or(rest.len());
    let host = &rest[..host_end];
    let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(host.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(host)
    };
    let host = host.rsplit('@').next().unwrap_or(&host);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_prefix("www.").unwrap_or(host);
    // The path is read only for a share host: an article's own links (most links) have
    // long paths, and are ruled out by their host alone.
    let path = || {
        let path = &rest[host_end..];
        &path[..memchr::memchr2(b'?', b'#', path.as_bytes()).unwrap_or(path.len())]
    };
    Some(match host {
        "web.whatsapp.com" | "api.whatsapp.com" | "wa.me" => (Platform::Whatsapp, "text"),
        "facebook.com" | "m.facebook.com"
            if path().starts_with("/dialog/share") || path().starts_with("/sharer") =>
        {
            (Platform::Facebook, "href")
        }
        "twitter.com" | "x.com" if path().starts_with("/intent/tweet") || path() == "/share" => {
            (Platform::Twitter, "url")
        }
        "linkedin.com" if path().starts_with("/shareArticle") || path().starts_with("/sharing") => {
            (Platform::Linkedin, "url")
        }
        "t.me" | "telegram.me" if path().starts_with("/share") => (Platform::Telegram, "url"),
        _ => return None,
    })
}

/// The still-encoded value of a query parameter; works for `mailto:` and custom schemes.
fn raw_query_parameter<'a>(href: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = &href[memchr::memchr(b'?', href.as_bytes())? + 1..];
    // One pass over the pairs up to the fragment (share queries are long, all escapes).
    loop {
        let end = memchr::memchr2(b'&', b'#', rest.as_bytes()).unwrap_or(rest.len());
        let pair = &rest[..end];
        if let Some((key, value)) = pair.split_once('=')
            && key.eq_ignore_ascii_case(name)
        {
            return Some(value);
        }
        if rest.as_bytes().get(end) != Some(&b'&') {
            return None;
        }
        rest = &rest[end + 1..];
    }
}

/// Decodes a query component: `+` is a space, then percent-decoding.
fn decode_component(value: &str) -> String {
    if value.contains('+') {
        percent_decode_lossy(&value.replace('+', " ")).into_owned()
    } else {
        percent_decode_lossy(value).into_owned()
    }
}

/// The last `http(s)://` address inside an encoded text, up to the next whitespace.
///
/// Only the tail from the last `http` is decoded: the text before it (a title, often
/// long and all escapes) is not needed.
fn last_url(encoded: &str) -> Option<String> {
    let tail = decode_component(&encoded[rfind_http(encoded)?..]);
    let text = if tail.starts_with("https://") || tail.starts_with("http://") {
        tail
    } else {
        // `http` was plain text after the address: read the whole text.
        decode_component(encoded)
    };
    let start = memchr::memmem::rfind_iter(text.as_bytes(), b"http")
        .find(|&at| text[at..].starts_with("https://") || text[at..].starts_with("http://"))?;
    let url = text[start..].split(char::is_whitespace).next()?;
    Some(url.to_string())
}

/// Where the last `http` in `text` starts.
fn rfind_http(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(at) = memchr::memrchr(b'h', &bytes[..end]) {
        if bytes[at..].starts_with(b"http") {
            return Some(at);
        }
        end = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(href: &str) -> (Platform, Option<String>) {
        let link = share_link(href).expect(href);
        (link.platform, link.target)
    }

    #[test]
    fn recognizes_each_platform_and_its_target() {
        let shared = Some("https://rfi.my/9bsh.F".to_string());
        assert_eq!(
            target(
                "https://www.facebook.com/dialog/share?app_id=1&href=https%3A%2F%2Frfi.my%2F9bsh.F&locale=zh_CN"
            ),
            (Platform::Facebook, shared.clone())
        );
        assert_eq!(
            target("whatsapp://send?text=%E5%BA%94%20-%20https%3A%2F%2Frfi.my%2F9bsh.F"),
            (Platform::Whatsapp, shared.clone())
        );
        assert_eq!(
            target(
                "https://web.whatsapp.com/send?text=a%20http%3A%2F%2Fx.example%2F1%20-%20https%3A%2F%2Frfi.my%2F9bsh.F"
            ),
            (Platform::Whatsapp, shared.clone())
        );
        assert_eq!(
            target("https://twitter.com/intent/tweet?url=https%3A%2F%2Frfi.my%2F9bsh.F&via=RFI_Cn"),
            (Platform::Twitter, shared.clone())
        );
        assert_eq!(
            target(
                "https://www.linkedin.com/shareArticle?mini=true&url=https%3A%2F%2Frfi.my%2F9bsh.F"
            ),
            (Platform::Linkedin, shared.clone())
        );
        assert_eq!(
            target("https://t.me/share/url?url=https%3A%2F%2Frfi.my%2F9bsh.F"),
            (Platform::Telegram, shared.clone())
        );
        assert_eq!(
            target("mailto:?subject=x&body=read%20https%3A%2F%2Frfi.my%2F9bsh.F"),
            (Platform::Email, shared.clone())
        );
        assert_eq!(
            target("mailto:?subject=read%20https%3A%2F%2Frfi.my%2F9bsh.F"),
            (Platform::Email, shared.clone())
        );
        assert_eq!(
            target("whatsapp://send?text=https%3A%2F%2Frfi.my%2F9bsh.F+via+http+news"),
            (Platform::Whatsapp, shared)
        );
    }

    #[test]
    fn ignores_other_links() {
        for href in [
            "https://www.rfi.fr/cn/",
            "https://facebook.com/rfi",
            "javascript:alert(1)",
            "mailto:news@example.com",
            "mailto:news@example.com?subject=Hello",
            "",
        ] {
            assert_eq!(share_link(href), None, "{href}");
        }
    }
}
