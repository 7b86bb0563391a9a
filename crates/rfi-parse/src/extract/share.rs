//! Share links: which network a link posts to, and the address it shares.

use std::borrow::Cow;

use url::Url;

use super::percent_decode_lossy;
use crate::article::{Platform, ShareLink};

/// Recognizes a share link by its address (`href` as written, `url` as the URL parser read
/// it); `None` for any other link.
pub(crate) fn share_link(href: &str, url: &Url) -> Option<ShareLink> {
    let (platform, parameter) = classify(url)?;
    let value = query_value(url, parameter);
    let target = match platform {
        // These carry free text with the address at its end.
        Platform::Whatsapp => value.and_then(last_url),
        // A contact address (`mailto:news@example.com`) is an ordinary link; a share
        // link carries the shared address in its message.
        Platform::Email => Some(
            value
                .and_then(last_url)
                .or_else(|| query_value(url, "subject").and_then(last_url))?,
        ),
        _ => value.map(|value| decode_component(value).into_owned()),
    };
    Some(ShareLink {
        platform,
        url: href.trim().to_string(),
        target,
    })
}

/// The platform a link would share to, and the query parameter that holds what it shares
/// (a `mailto:` is a share link only when [`share_link`] finds an address in it).
fn classify(url: &Url) -> Option<(Platform, &'static str)> {
    match url.scheme() {
        // A share only if its message names an address: [`share_link`] decides.
        "mailto" => return Some((Platform::Email, "body")),
        "whatsapp" => return Some((Platform::Whatsapp, "text")),
        "http" | "https" => {}
        _ => return None,
    }
    let host = url.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = url.path();
    Some(match host {
        "web.whatsapp.com" | "api.whatsapp.com" | "wa.me" => (Platform::Whatsapp, "text"),
        "facebook.com" | "m.facebook.com"
            if path.starts_with("/dialog/share") || path.starts_with("/sharer") =>
        {
            (Platform::Facebook, "href")
        }
        "twitter.com" | "x.com" if path.starts_with("/intent/tweet") || path == "/share" => {
            (Platform::Twitter, "url")
        }
        "linkedin.com" if path.starts_with("/shareArticle") || path.starts_with("/sharing") => {
            (Platform::Linkedin, "url")
        }
        "t.me" | "telegram.me" if path.starts_with("/share") => (Platform::Telegram, "url"),
        _ => return None,
    })
}

/// The still-encoded value of the query parameter `name` (its name decoded and compared
/// ASCII case-insensitively), in the query as the URL parser split it off.
fn query_value<'a>(url: &'a Url, name: &str) -> Option<&'a str> {
    url.query()?.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, _) = url::form_urlencoded::parse(key.as_bytes()).next()?;
        key.eq_ignore_ascii_case(name).then_some(value)
    })
}

/// Decodes a query value as forms encode it: `+` is a space, then percent escapes (as
/// `form_urlencoded` does, with the project's decoder, several times faster on the
/// escapes of Chinese text).
fn decode_component(value: &str) -> Cow<'_, str> {
    if value.contains('+') {
        Cow::Owned(percent_decode_lossy(&value.replace('+', " ")).into_owned())
    } else {
        percent_decode_lossy(value)
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

    fn read(href: &str) -> Option<ShareLink> {
        share_link(href, &Url::parse(href).ok()?)
    }

    fn target(href: &str) -> (Platform, Option<String>) {
        let link = read(href).expect(href);
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
        // The host as the URL parser reads it (case, port, user), and only the
        // wanted pair decoded.
        assert_eq!(
            target(
                "HTTPS://user@X.COM:443/intent/tweet?text=a+%E4%B8%AD&URL=https%3A%2F%2Frfi.my%2F9bsh.F"
            ),
            (Platform::Twitter, shared.clone())
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
            assert_eq!(read(href), None, "{href}");
        }
    }
}
