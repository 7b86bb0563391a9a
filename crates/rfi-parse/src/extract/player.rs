//! What an embedded player plays (video, audio, a network's post), from its element and its address's host.

use crate::article::EmbedKind;

/// Hosts whose embedded players play one kind of media, by the host's registrable part
/// (a subdomain such as `www.` or `player.` matches too). A host not listed says nothing:
/// the embed's kind stays null rather than guessed.
const HOSTS: &[(&str, EmbedKind)] = &[
    ("youtube.com", EmbedKind::Video),
    ("youtube-nocookie.com", EmbedKind::Video),
    ("youtu.be", EmbedKind::Video),
    ("vimeo.com", EmbedKind::Video),
    ("dailymotion.com", EmbedKind::Video),
    ("dvidshub.net", EmbedKind::Video),
    ("soundcloud.com", EmbedKind::Audio),
    ("spotify.com", EmbedKind::Audio),
    ("podcasts.apple.com", EmbedKind::Audio),
    ("twitter.com", EmbedKind::Post),
    ("x.com", EmbedKind::Post),
    ("instagram.com", EmbedKind::Post),
    ("threads.net", EmbedKind::Post),
    ("threads.com", EmbedKind::Post),
    ("tiktok.com", EmbedKind::Post),
];

/// The kind of media a player plays: a `<video>` or `<audio>` element says so itself;
/// else its address's host, where the host plays one kind (Facebook plays both videos
/// and posts: its `/plugins/video.php` is a video, its other pages a post). `url` is
/// the address as resolved against the page (a scheme-relative one has its scheme): an
/// address without a host says nothing.
pub(crate) fn kind(element: Option<&str>, url: &str) -> Option<EmbedKind> {
    match element {
        Some("video") => return Some(EmbedKind::Video),
        Some("audio") => return Some(EmbedKind::Audio),
        _ => {}
    }
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    let is = |domain: &str| {
        host == domain
            || host
                .strip_suffix(domain)
                .is_some_and(|sub| sub.ends_with('.'))
    };
    if is("facebook.com") {
        return Some(if parsed.path().contains("/video") {
            EmbedKind::Video
        } else {
            EmbedKind::Post
        });
    }
    HOSTS
        .iter()
        .find(|(domain, _)| is(domain))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_element_then_the_host_decides() {
        for (element, url, expected) in [
            (
                Some("video"),
                "https://cdn.example/a.mp4",
                Some(EmbedKind::Video),
            ),
            (
                Some("audio"),
                "https://cdn.example/a.mp3",
                Some(EmbedKind::Audio),
            ),
            (
                Some("iframe"),
                "https://www.youtube.com/embed/x",
                Some(EmbedKind::Video),
            ),
            (
                None,
                "https://twitter.com/a/status/1",
                Some(EmbedKind::Post),
            ),
            (
                None,
                "https://www.instagram.com/p/x/",
                Some(EmbedKind::Post),
            ),
            (
                Some("iframe"),
                "https://www.facebook.com/plugins/video.php?href=x",
                Some(EmbedKind::Video),
            ),
            (
                None,
                "https://www.facebook.com/a/posts/1",
                Some(EmbedKind::Post),
            ),
            (
                Some("iframe"),
                "https://w.soundcloud.com/player/?url=x",
                Some(EmbedKind::Audio),
            ),
            // A host that plays many kinds, or one not listed, says nothing.
            (Some("iframe"), "https://e.infogram.com/x", None),
            (Some("iframe"), "https://project.cna.com.tw/data/twse", None),
            // A look-alike host is not the network.
            (None, "https://notyoutube.com/embed/x", None),
            (None, "https://youtube.com.evil.example/x", None),
            (None, "not an address", None),
            // An address not yet resolved against the page names no host here: the
            // walker resolves a player's address before it asks.
            (Some("iframe"), "//www.youtube.com/embed/x", None),
        ] {
            assert_eq!(kind(element, url), expected, "{element:?} {url}");
        }
    }
}
