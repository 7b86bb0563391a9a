//! Golden fixtures: every `fixtures/NAME.txt` against `NAME.expected.json`, field by field.

use std::fs;
use std::path::{Path, PathBuf};

use rfi_parse::Format;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Whether this run rewrites the expected files (`UPDATE_GOLDENS=1 cargo test --test
/// golden`) instead of comparing with them; the diff is then the review of the change.
fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDENS").is_some()
}

fn parse_fixture(name: &str) -> rfi_parse::Article {
    let bytes = fs::read(fixtures().join(name)).expect("fixture exists");
    rfi_parse::parse(&bytes, &Default::default()).expect("fixture parses")
}

#[test]
fn every_fixture_matches_its_expected_json_field_by_field() {
    let mut checked = 0;
    let mut mismatches = Vec::new();
    for entry in fs::read_dir(fixtures()).unwrap() {
        let input = entry.unwrap().path();
        if input.extension().is_none_or(|ext| ext != "txt")
            || input.to_string_lossy().contains(".expected.")
        {
            continue;
        }
        let expected_path = input.with_extension("expected.json");
        let name = input.file_name().unwrap().to_str().unwrap();
        if updating() {
            let mut json = Vec::new();
            Format::Json.render(&parse_fixture(name), None, &mut json);
            fs::write(&expected_path, json).unwrap();
        }
        let expected: Value =
            serde_json::from_str(&fs::read_to_string(&expected_path).unwrap()).unwrap();
        let actual = serde_json::to_value(parse_fixture(name)).unwrap();
        let (expected, actual) = (expected.as_object().unwrap(), actual.as_object().unwrap());
        for (field, value) in expected {
            if actual.get(field) != Some(value) {
                mismatches.push(format!(
                    "{name}: field `{field}`\n  expected {value}\n  actual   {}",
                    actual
                        .get(field)
                        .map_or("<missing>".to_string(), Value::to_string)
                ));
            }
        }
        for field in actual.keys().filter(|field| !expected.contains_key(*field)) {
            mismatches.push(format!("{name}: unexpected field `{field}`"));
        }
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} fixtures found");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn seed_fields_are_right() {
    let article = parse_fixture("rfi-seed.txt");
    assert_eq!(article.timestamp_ms, 1_686_586_501_000);
    assert_eq!(
        article.title,
        "应对AI风险 OpenAI执行长指出与中国合作的重要性"
    );
    assert!(
        article
            .url
            .as_deref()
            .unwrap()
            .starts_with("https://www.rfi.fr/cn/科技与文化/20230612-应对ai风险")
    );
    assert_eq!(article.date_line.as_deref(), Some("12/06/2023 - 17:21"));
    assert_eq!(
        article.published.unwrap().to_rfc3339(),
        "2023-06-12T17:21:00+02:00"
    );
    assert!(
        article
            .lead_image
            .as_ref()
            .unwrap()
            .url
            .ends_with("/sam%20altman.JPG")
    );
    assert!(
        article
            .lead
            .as_deref()
            .unwrap()
            .ends_with("降低AI系统风险的重要性。")
    );
    assert_eq!(article.paragraphs().count(), 8);
    assert!(article.paragraphs().next().unwrap().starts_with("报道续称"));
    assert!(
        article
            .paragraphs()
            .nth(7)
            .unwrap()
            .starts_with("另值得关注的是")
    );
    let shared: Vec<_> = article
        .share_links
        .iter()
        .map(|link| {
            (
                serde_json::to_value(link.platform).unwrap(),
                link.target.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shared,
        [
            ("facebook".into(), "https://rfi.my/9bsh.F".to_string()),
            ("whatsapp".into(), "https://rfi.my/9bsh.W".to_string()),
            ("whatsapp".into(), "https://rfi.my/9bsh.W".to_string()),
            ("twitter".into(), "https://rfi.my/9bsh.T".to_string()),
        ]
    );
    assert_eq!(article.images().count(), 0);
    assert_eq!(article.embeds().count(), 0);
    assert_eq!(article.copyright, None);
}

#[test]
fn rfi_2021_layout_keeps_afp_copyright_and_drops_the_feed_footer() {
    let article = parse_fixture("rfi-2021-afp.txt");
    assert_eq!((&article.url, &article.url_raw), (&None, &None));
    assert_eq!(article.lead, None);
    assert_eq!(article.copyright.as_deref(), Some("© 2021 AFP"));
    assert_eq!(
        article.published.unwrap().to_rfc3339(),
        "2021-01-01T15:02:00+01:00"
    );
    assert_eq!(article.paragraphs().count(), 3);
    assert!(
        article
            .paragraphs()
            .all(|p| !p.contains("RSS") && !p.contains("feedx") && !p.contains('©'))
    );
}

#[test]
fn glued_figure_yields_the_real_image_and_its_credit() {
    let article = parse_fixture("rfi-figure-glued.txt");
    let image = article.images().next().unwrap();
    assert_eq!(
        image.url,
        "https://s.rfi.fr/media/display/0002/bart-ouvry.jpg"
    );
    assert_eq!(image.alt.as_deref(), Some("Image RFI - bart-ouvry"));
    assert_eq!(
        image.caption.as_deref(),
        Some("Invité Afrique : Bart Ouvry, ancien haut diplomate de l'UE a été nommé")
    );
    assert_eq!(image.credit.as_deref(), Some("© Claire Fages / RFI"));
    assert!(
        article
            .paragraphs()
            .any(|p| p == "第一行\n第二行\nEnglish words\nglued")
    );
    assert!(
        article
            .paragraphs()
            .any(|p| p == "-- 非洲博物馆刚卸任的前馆长为农科专家 -")
    );
    for noise in [
        "广告",
        "举报",
        "00:27",
        "作者",
        "分享",
        "不是正文",
        "LinkedIn",
    ] {
        assert!(
            article.paragraphs().all(|p| !p.contains(noise)),
            "{noise} leaked"
        );
    }
    assert_eq!(article.share_links.len(), 5);
}

#[test]
fn hostile_body_leaks_no_script_svg_or_javascript() {
    let article = parse_fixture("hostile.txt");
    let text =
        article.paragraphs().collect::<Vec<_>>().join("\n") + article.lead.as_deref().unwrap_or("");
    for leaked in [
        "SCRIPT TEXT",
        "SVG TEXT",
        "NOSCRIPT",
        "TEMPLATE",
        "BUTTON",
        "color: red",
        "相关文章",
    ] {
        assert!(!text.contains(leaked), "{leaked} leaked");
    }
    assert!(
        article.embeds().next().is_none(),
        "a javascript: iframe is no embed"
    );
    assert!(
        article.images().next().is_none(),
        "a data: image is no image"
    );
    assert_eq!(
        article.paragraphs().last(),
        Some("HTML5 把这一段移出了 div")
    );
}

#[test]
fn markdown_and_text_match_their_goldens() {
    for (name, format, golden) in [
        ("rfi-seed.txt", Format::Markdown, "rfi-seed.expected.md"),
        ("rfi-seed.txt", Format::Text, "rfi-seed.expected.text"),
        (
            "rfi-figure-glued.txt",
            Format::Markdown,
            "rfi-figure-glued.expected.md",
        ),
    ] {
        let mut out = Vec::new();
        format.render(&parse_fixture(name), None, &mut out);
        if updating() {
            fs::write(fixtures().join(golden), &out).unwrap();
        }
        let expected = fs::read_to_string(fixtures().join(golden)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            expected,
            "{name} as {format:?}"
        );
    }
}

#[test]
fn hostile_markdown_has_no_raw_html_or_javascript_link() {
    let mut out = Vec::new();
    Format::Markdown.render(&parse_fixture("hostile.txt"), None, &mut out);
    let md = String::from_utf8(out).unwrap();
    assert!(!md.contains("javascript:"), "{md}");
    // Every `<` that would open a tag is escaped (`\<` in the body, `\\<` inside the
    // front matter's quotes).
    let raw_tag = md.match_indices('<').any(|(at, _)| {
        let opens = md[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        opens && !md[..at].ends_with('\\')
    });
    assert!(!raw_tag, "{md}");
    assert!(
        md.contains("[real link](https://example.org/a_%28b%29)"),
        "{md}"
    );
}

#[test]
fn text_output_has_title_lead_and_paragraphs_without_markup() {
    let article = parse_fixture("rfi-seed.txt");
    let mut out = Vec::new();
    Format::Text.render(&article, None, &mut out);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with(&format!("{}\n12/06/2023 - 17:21\n\n", article.title)));
    assert!(text.contains(article.lead.as_deref().unwrap()));
    for paragraph in article.paragraphs() {
        assert!(text.contains(&format!("\n\n{paragraph}\n")));
    }
    assert!(!text.contains('<') && !text.contains("**") && !text.contains("]("));
}

#[test]
fn generic_sources_bare_text_dates_credits_and_lists() {
    let nhk = parse_fixture("generic-nhk-bare.txt");
    assert_eq!(
        (nhk.site.as_deref(), nhk.language.as_deref()),
        (Some("nhk.or.jp"), Some("zh-Hans"))
    );
    assert_eq!(
        nhk.paragraphs().collect::<Vec<_>>(),
        [
            "日本政府7月1日表示，已就福岛第一核电站处理水排海作好准备。",
            "国际原子能机构将于本周发布综合报告。\n东京电力公司表示将接受检查。"
        ],
        "bare text split at empty lines; the list label and the related link are no paragraphs"
    );
    assert_eq!(
        nhk.images().next().unwrap().alt.as_deref(),
        Some("福岛第一核电站")
    );

    let dw = parse_fixture("generic-dw.txt");
    assert_eq!(
        dw.published.unwrap().to_rfc3339(),
        "2023-07-01T12:30:02.493+00:00"
    );
    assert!(dw.copyright.as_deref().unwrap().ends_with("不得擅自使用。"));
    assert_eq!(dw.paragraphs().count(), 3);
    assert!(
        dw.paragraphs()
            .collect::<Vec<_>>()
            .iter()
            .all(|p| !p.contains("路透社的独家") && !p.contains("瓦格纳兵变"))
    );

    let bbc = parse_fixture("generic-bbc.txt");
    assert_eq!(bbc.language.as_deref(), Some("zh-Hant"));
    assert_eq!(bbc.section.as_deref(), Some("world"));
    // `<time datetime="2023-07-01">`: a day, and no instant invented for it.
    assert_eq!(bbc.published, None);
    assert_eq!(
        bbc.published_date.map(|d| d.to_string()).as_deref(),
        Some("2023-07-01")
    );
    assert_eq!(bbc.date_line, None, "a relative time is no date line");
    // The picture the article opens with is its lead image, credited by the line under it.
    let lead_image = bbc.lead_image.as_ref().unwrap();
    assert_eq!(lead_image.credit.as_deref(), Some("Unification Ministry"));
    assert_eq!(lead_image.caption, None);
    assert!(bbc.images().next().is_none());
    assert!(
        !bbc.paragraphs().any(|p| p == "相關內容"),
        "a heading over a related-links list is no paragraph"
    );
    assert!(
        bbc.paragraphs()
            .all(|p| !p.contains("图像来源") && !p.contains("朝鮮的新導彈"))
    );
    assert!(
        bbc.paragraphs()
            .any(|p| p == "終於來到韓國，我鬆了一口氣，抱著女兒開始哭泣。金成慧\n統一院畢業生")
    );
}

/// The JSON writer is our own serializer (`render/json.rs`); `serde_json` is the reference
/// for its bytes, in both layouts, on every fixture (with and without a `source`).
#[test]
fn json_output_is_byte_for_byte_what_serde_json_writes() {
    let mut checked = 0;
    for entry in fs::read_dir(fixtures()).unwrap() {
        let input = entry.unwrap().path();
        if input.extension().is_none_or(|ext| ext != "txt")
            || input.to_string_lossy().contains(".expected.")
        {
            continue;
        }
        let name = input.file_name().unwrap().to_str().unwrap();
        let article = parse_fixture(name);
        for source in [None, Some(format!("dir/{name}\t\"quoted\""))] {
            let (mut line, mut pretty) = (Vec::new(), Vec::new());
            Format::JsonLines.render(&article, source.as_deref(), &mut line);
            Format::Json.render(&article, source.as_deref(), &mut pretty);
            let mut expected_line = serde_json::to_string(&article).unwrap() + "\n";
            let mut expected_pretty = serde_json::to_string_pretty(&article).unwrap() + "\n";
            if let Some(source) = &source {
                // `source` is the object's first member.
                let quoted = serde_json::to_string(source).unwrap();
                expected_line.insert_str(1, &format!("\"source\":{quoted},"));
                expected_pretty.insert_str(1, &format!("\n  \"source\": {quoted},"));
            }
            assert_eq!(String::from_utf8(line).unwrap(), expected_line, "{name}");
            assert_eq!(
                String::from_utf8(pretty).unwrap(),
                expected_pretty,
                "{name}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixtures found");
}

/// Every profile reads at least one fixture (chosen as it would be, by host or markup):
/// a profile without one is a source no test reads.
#[test]
fn every_profile_has_a_fixture() {
    let mut read_by = std::collections::BTreeSet::new();
    let archives = fs::read_dir(fixtures()).unwrap();
    let posts = fs::read_dir(fixtures().join("posts")).unwrap();
    for entry in archives.chain(posts) {
        let input = entry.unwrap().path();
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let options = if name.ends_with(".md") {
            rfi_parse::ParseOptions::new().body_markup(rfi_parse::BodyMarkup::Markdown)
        } else if name.ends_with(".txt") && !name.contains(".expected.") {
            rfi_parse::ParseOptions::new()
        } else {
            continue;
        };
        let bytes = fs::read(&input).unwrap();
        let (_, diagnostics) = rfi_parse::diagnose(&bytes, &options).unwrap();
        read_by.insert(diagnostics.extractor.profile);
    }
    let without: Vec<&str> = rfi_parse::profile_names()
        .into_iter()
        .filter(|profile| !read_by.contains(profile))
        .collect();
    assert!(
        without.is_empty(),
        "profiles no fixture is read by: {without:?} (add fixtures/source-NAME-….txt)"
    );
}
