//! Share links: which network a link posts to, and the address it shares.

use percent_encoding::percent_decode_str;
use url::Url;

use crate::article::{Platform, ShareLink};

/// Recognizes a share link by its `href`; `None` for any other link.
pub fn share_link(href: &str) -> Option<ShareLink> {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    // Most links are not share links: rule them out before parsing a URL.
    if !["share", "whatsapp", "tweet", "mailto:", "t.me/"]
        .iter()
        .any(|marker| lower.contains(marker))
    {
        return None;
    }
    let (platform, parameter) = if lower.starts_with("mailto:") {
        (Platform::Email, "body")
    } else {
        let url = Url::parse(href).ok()?;
        let host = url.host_str().unwrap_or("");
        let host = host.strip_prefix("www.").unwrap_or(host);
        let path = url.path();
        match (url.scheme(), host) {
            ("whatsapp", _) => (Platform::Whatsapp, "text"),
            (_, "web.whatsapp.com" | "api.whatsapp.com" | "wa.me") => (Platform::Whatsapp, "text"),
            (_, "facebook.com" | "m.facebook.com")
                if path.starts_with("/dialog/share") || path.starts_with("/sharer") =>
            {
                (Platform::Facebook, "href")
            }
            (_, "twitter.com" | "x.com")
                if path.starts_with("/intent/tweet") || path == "/share" =>
            {
                (Platform::Twitter, "url")
            }
            (_, "linkedin.com")
                if path.starts_with("/shareArticle") || path.starts_with("/sharing") =>
            {
                (Platform::Linkedin, "url")
            }
            (_, "t.me" | "telegram.me") if path.starts_with("/share") => {
                (Platform::Telegram, "url")
            }
            _ => return None,
        }
    };
    let value = query_parameter(href, parameter);
    let target = match platform {
        // These carry free text with the address at its end.
        Platform::Whatsapp | Platform::Email => value.as_deref().and_then(last_url),
        _ => value,
    };
    Some(ShareLink {
        platform,
        url: href.to_string(),
        target,
    })
}

/// The decoded value of a query parameter; works for `mailto:` and custom schemes too.
fn query_parameter(href: &str, name: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        key.eq_ignore_ascii_case(name).then(|| {
            let value = value.replace('+', " ");
            percent_decode_str(&value).decode_utf8_lossy().into_owned()
        })
    })
}

/// The last `http(s)://` address inside a text.
fn last_url(text: &str) -> Option<String> {
    let start = text.rfind("https://").max(text.rfind("http://"))?;
    let url = text[start..].split(char::is_whitespace).next()?;
    Some(url.to_string())
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
            (Platform::Email, shared)
        );
    }

    #[test]
    fn ignores_other_links() {
        for href in [
            "https://www.rfi.fr/cn/",
            "https://facebook.com/rfi",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(share_link(href), None, "{href}");
        }
    }
}
