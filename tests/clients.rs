//! The programs the README says read the output, run on it: pandoc, Hugo, jq,
//! check-jsonschema, DuckDB and pandas.
//!
//! Each needs its program, so each is `#[ignore]`d and shows as ignored in a plain
//! `cargo test`; `.ci/run` installs the programs and runs these with `--ignored`. A test
//! run with `--ignored` fails when its program is missing, rather than passing unseen.

mod common;

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{files_below, fixture, rfi_parse, stderr, stdout};
use serde_json::Value;

/// Runs `program` with `args` and `input` on standard input; panics when it is missing.
fn run(program: &str, args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{program} is needed for this test: {error}"));
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
#[ignore = "needs pandoc; .ci/run installs it and runs ignored tests"]
fn pandoc_reads_the_markdown_back() {
    let markdown = rfi_parse(&[&fixture("rfi-seed.txt"), "-f", "md"]).stdout;
    let pandoc = |to: &str| {
        let args = [
            "-f",
            "commonmark+yaml_metadata_block",
            "-t",
            to,
            "--wrap=none",
            "--standalone",
        ];
        let output = run("pandoc", &args, &markdown);
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let ast: Value = serde_json::from_str(&pandoc("json")).unwrap();
    assert_eq!(ast["meta"]["title"]["c"][0]["c"], "应对AI风险");
    let plain = pandoc("plain");
    let article: Value =
        serde_json::from_str(&stdout(&rfi_parse(&[&fixture("rfi-seed.txt")]))).unwrap();
    for paragraph in article["paragraphs"].as_array().unwrap() {
        assert!(
            plain.contains(paragraph.as_str().unwrap()),
            "missing in pandoc's text: {paragraph}"
        );
    }
    assert!(plain.contains(article["lead"].as_str().unwrap()));
}

#[test]
#[ignore = "needs jq; .ci/run installs it and runs ignored tests"]
fn jq_reads_the_json_lines() {
    let jsonl = rfi_parse(&[
        "-f",
        "jsonl",
        &fixture("rfi-seed.txt"),
        &fixture("rfi-2021-afp.txt"),
    ])
    .stdout;
    let output = run(
        "jq",
        &[
            "-r",
            r#"select(.site == "rfi.fr") | [.published, .title] | @tsv"#,
        ],
        &jsonl,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "2023-06-12T17:21:00+02:00\t应对AI风险 OpenAI执行长指出与中国合作的重要性\n"
    );
}

#[test]
#[ignore = "needs check-jsonschema; .ci/run installs it and runs ignored tests"]
fn check_jsonschema_validates_every_fixture_output() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("schema.json");
    fs::write(&schema, rfi_parse(&["schema"]).stdout).unwrap();
    let output = rfi_parse(&["-q", "-f", "jsonl", &fixture("")]);
    let mut instances = Vec::new();
    for (number, line) in stdout(&output).lines().enumerate() {
        let path = dir.path().join(format!("{number}.json"));
        fs::write(&path, line).unwrap();
        instances.push(path.display().to_string());
    }
    // Every fixture but the broken ones of `fixtures/errors/`, counted here by walking
    // the folder, independently of the tool's walk.
    let mut folders = vec![PathBuf::from(fixture(""))];
    let mut convertible = 0;
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("errors") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "txt") {
                convertible += 1;
            }
        }
    }
    assert_eq!(instances.len(), convertible, "every fixture that converts");
    let schemafile = schema.display().to_string();
    let mut args = vec!["--schemafile", &schemafile];
    args.extend(instances.iter().map(String::as_str));
    let valid = run("check-jsonschema", &args, b"");
    assert!(
        valid.status.success(),
        "{}{}",
        stdout(&valid),
        stderr(&valid)
    );

    let mut broken: Value = serde_json::from_str(stdout(&output).lines().next().unwrap()).unwrap();
    broken["paragraphs"] = Value::from(42);
    let broken_path = dir.path().join("broken.json");
    fs::write(&broken_path, broken.to_string()).unwrap();
    let invalid = run(
        "check-jsonschema",
        &["--schemafile", &schemafile, broken_path.to_str().unwrap()],
        b"",
    );
    assert_eq!(
        invalid.status.code(),
        Some(1),
        "the schema rejects a retyped field"
    );
}

#[test]
#[ignore = "needs python3 with duckdb and pandas; .ci/run installs them and runs ignored tests"]
fn duckdb_and_pandas_load_the_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("articles.jsonl");
    let output = rfi_parse(&[
        "-q",
        "-f",
        "jsonl",
        "-o",
        jsonl.to_str().unwrap(),
        &fixture(""),
    ]);
    assert_eq!(output.status.code(), Some(1), "the error fixtures fail");
    // The README's queries, as a user would run them.
    let script = r#"
import sys, duckdb, pandas as pd
path = sys.argv[1]
rows = duckdb.sql(f"""
    SELECT section, count(*) AS n, min(published) AS first
    FROM read_json_auto('{path}') GROUP BY section ORDER BY n DESC, section
""").fetchall()
print("duckdb", len(rows), sum(n for _, n, _ in rows))
df = pd.read_json(path, lines=True)
df["published"] = pd.to_datetime(df["published"], utc=True, format="ISO8601")
print("pandas", len(df), df["published"].notna().sum(), df.groupby(df["published"].dt.date).size().sum())
"#;
    let run_py = run("python3", &["-c", script, jsonl.to_str().unwrap()], b"");
    assert!(run_py.status.success(), "{}", stderr(&run_py));
    let printed = stdout(&run_py);
    let articles = fs::read_to_string(&jsonl).unwrap().lines().count();
    let with_date = fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .filter(|line| !serde_json::from_str::<Value>(line).unwrap()["published"].is_null())
        .count();
    assert!(
        printed.contains(&format!(" {articles}\n")),
        "duckdb counts every article: {printed}"
    );
    assert!(
        printed.contains(&format!("pandas {articles} {with_date} {with_date}\n")),
        "{printed}"
    );
}

/// Builds a Hugo site whose content is `rfi-parse --out-dir` output of `inputs`, and
/// checks that every article has a page with its title, date and every paragraph.
/// Writes a Hugo site's configuration (straight quotes kept, plus `config`) and its two
/// templates into `site`, whose `content` is already there, and builds it, failing on any
/// warning.
fn build_hugo_site(site: &Path, config: &str, single: &str, list: &str) {
    fs::write(
        site.join("hugo.toml"),
        format!(
            "baseURL = 'https://example.org/'\n{config}\
             [markup.goldmark.extensions]\n  typographer = false\n"
        ),
    )
    .unwrap();
    let layouts = site.join("layouts/_default");
    fs::create_dir_all(&layouts).unwrap();
    fs::write(layouts.join("single.html"), single).unwrap();
    fs::write(layouts.join("list.html"), list).unwrap();
    let built = Command::new("hugo")
        .current_dir(site)
        .args(["--quiet", "--panicOnWarning"])
        .output()
        .expect("hugo is needed for this test");
    assert!(
        built.status.success(),
        "hugo failed:\n{}{}",
        stdout(&built),
        stderr(&built)
    );
}

fn hugo_builds_pages_for(inputs: &[&str], cwd: &Path) {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    let mut args = vec!["-q", "-f", "md", "--out-dir", content.to_str().unwrap()];
    args.extend(inputs);
    let converted = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .current_dir(cwd)
        .args(&args)
        .output()
        .unwrap();
    // Broken fixtures fail to convert (exit 1); every article that converted must build.
    assert!(
        matches!(converted.status.code(), Some(0 | 1)),
        "{}",
        stderr(&converted)
    );
    let mut json_args = vec!["-q", "-f", "jsonl"];
    json_args.extend(inputs);
    let articles = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .current_dir(cwd)
        .args(&json_args)
        .output()
        .unwrap();
    let articles: Vec<Value> = stdout(&articles)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(articles.len(), files_below(&content).len());

    build_hugo_site(
        site.path(),
        "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap']\n",
        "<h1>{{ .Title }}</h1>\n<time>{{ .Date.Unix }}</time>\n<article>{{ .Content }}</article>\n",
        "{{ range .Pages }}{{ .Title }}\n{{ end }}",
    );

    // Every built page, by its title.
    let mut pages: HashMap<String, Vec<String>> = HashMap::new();
    for page in files_below(&site.path().join("public")) {
        if page.file_name().is_some_and(|name| name == "index.html") {
            let html = fs::read_to_string(&page).unwrap();
            if let Some(title) = between(&html, "<h1>", "</h1>") {
                pages
                    .entry(collapse(&unescape_html(title)))
                    .or_default()
                    .push(html);
            }
        }
    }
    // Nothing in any article runs or styles in the site: no element attributes but links'
    // and pictures' addresses, and those only web or mail addresses.
    for html in pages.values().flatten() {
        let article = between(html, "<article>", "</article>").unwrap_or_default();
        // (Headings carry the `id` Hugo derives from their text.)
        for attribute in [" style=", " class=", " onerror=", " onclick="] {
            assert!(
                !article.contains(attribute),
                "an attribute `{attribute}` in {article}"
            );
        }
        for address in article.split([' ', '>']).filter_map(|part| {
            part.strip_prefix("href=\"")
                .or_else(|| part.strip_prefix("src=\""))
        }) {
            assert!(
                ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|s| address.starts_with(s)),
                "a non-web address {address:?} in {article}"
            );
        }
    }
    let mut checked = 0;
    for article in &articles {
        let title = collapse(article["title"].as_str().unwrap());
        // `date`: the publication time, else the collection time; Hugo shows whole seconds.
        let date = article["published"]
            .as_str()
            .or(article["timestamp"].as_str())
            .unwrap();
        let date = chrono::DateTime::parse_from_rfc3339(date)
            .unwrap()
            .timestamp()
            .to_string();
        let candidates = pages
            .get(&title)
            .unwrap_or_else(|| panic!("no page titled {title:?} for {}", article["source"]));
        let holds_article = candidates.iter().any(|html| {
            let text = collapse(&unescape_html(&strip_tags(html)));
            let date_ok =
                between(html, "<time>", "</time>").map(unescape_html) == Some(date.clone());
            let missing = article["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| collapse(p.as_str().unwrap()))
                .find(|p| !text.contains(p));
            if let Some(missing) = &missing
                && candidates.len() == 1
            {
                panic!("the page of {} lacks {missing:?}", article["source"]);
            }
            date_ok && missing.is_none()
        });
        assert!(
            holds_article,
            "the page of {} lacks its date {date} or a paragraph",
            article["source"]
        );
        checked += 1;
    }
    eprintln!("hugo: {checked} pages checked");
}

#[test]
#[ignore = "needs hugo; .ci/run installs it and runs ignored tests"]
fn hugo_executes_nothing_in_hostile_markdown() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    let converted = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .current_dir(&fixtures)
        .args([
            "-q",
            "-f",
            "md",
            "--out-dir",
            content.to_str().unwrap(),
            "hostile-markdown.txt",
        ])
        .output()
        .unwrap();
    assert!(converted.status.success(), "{}", stderr(&converted));
    // A summary template shows whether `<!--more-->` split the page.
    build_hugo_site(
        site.path(),
        "",
        "<article>{{ .Content }}</article><summary>{{ .Summary }}</summary>\
         <split>{{ .Truncated }}</split>",
        "",
    );
    let page = files_below(&site.path().join("public"))
        .into_iter()
        .find(|page| page.ends_with("hostile-markdown/index.html"))
        .expect("the hostile page");
    let html = fs::read_to_string(page).unwrap();
    let article = between(&html, "<article>", "</article>").unwrap();
    let text = unescape_html(&strip_tags(article));
    // The shortcodes and Liquid tags are text, not output.
    for literal in [
        r#"{{< figure src="https://evil.example/y.png" >}}"#,
        r#"{{% param "title" %}}"#,
        "{% raw %}",
        "<!--more-->",
        r#"标题 {style="background:url(https://evil.example/x.png)"}"#,
        "最后一段 {.wide}",
        "ftp://files.example/a",
    ] {
        assert!(
            text.contains(literal),
            "{literal:?} is not shown as text in {article}"
        );
    }
    assert!(
        between(&html, "<split>", "</split>") == Some("false"),
        "the page was split: {html}"
    );
    assert!(
        !article.contains("<img src=\"https://evil.example"),
        "{article}"
    );
    for address in article.split([' ', '>']).filter_map(|part| {
        part.strip_prefix("href=\"")
            .or_else(|| part.strip_prefix("src=\""))
    }) {
        assert!(
            address.starts_with("https://"),
            "a non-web address {address:?} in {article}"
        );
        assert!(
            !address.contains(['{', '}']),
            "template syntax in {address:?}"
        );
    }
    assert!(!article.contains(" style="), "{article}");
}

#[test]
#[ignore = "needs hugo; .ci/run installs it and runs ignored tests"]
fn hugo_builds_a_site_from_the_fixtures() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    hugo_builds_pages_for(&["."], &fixtures);
}

#[test]
#[ignore = "needs hugo and ../shared/corpus; .ci/run runs it where both are present"]
fn hugo_builds_a_site_from_the_shared_corpus() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(corpus.is_dir(), "../shared/corpus is needed for this test");
    hugo_builds_pages_for(
        &[
            "rfi-2023-07",
            "rfi-2021-01",
            "other-2023-07",
            "other-2024-12",
            "other-2021-01",
        ],
        &corpus,
    );
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = start + text[start..].find(close)?;
    Some(&text[start..end])
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#43;", "+")
        .replace("&amp;", "&")
}

/// The text without whitespace, so that line breaks, tags and spaces around links compare
/// equal; Hugo shows a front-matter `\<` or `\&` (escaped for pandoc) with its backslash.
fn collapse(text: &str) -> String {
    text.replace("\\<", "<")
        .replace("\\&", "&")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// What once stopped a whole site build: U+FFFE and U+FFFF in front matter values
/// (Hugo exit 255, pandoc 64), the tags `..`, `index.xml` and one of 3,000 characters,
/// and inputs named `index` and `_index` (Hugo's bundle and section pages, under which
/// the sibling pages vanished). Hugo builds every page, with its tags, and pandoc reads
/// every file.
#[test]
#[ignore = "needs hugo and pandoc; .ci/run installs them and runs ignored tests"]
fn hugo_and_pandoc_take_hostile_values_tags_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let cna = fs::read_to_string(fixture("source-cna.txt")).unwrap();
    let long_tag = format!("#{}", "標".repeat(3000));
    let hostile = cna
        .replacen("國防部：", "國防部\u{ffff}&#xFFFE;：", 1)
        .replacen("alt=\"示意圖\"", "alt=\"示意&#xFFFF;圖\u{fffe}\"", 1)
        .replacen("#國防部</a>", "#..</a>", 1)
        .replacen(
            "#台海</a>",
            &format!("#index.xml</a></div><div class=\"keywordTag\"><a href=\"https://www.cna.com.tw/tag/c\">{long_tag}</a></div><div class=\"keywordTag\"><a href=\"https://www.cna.com.tw/tag/d\">#台海</a>"),
            1,
        );
    assert_ne!(hostile, cna);
    fs::write(input.join("index.txt"), &hostile).unwrap();
    fs::write(input.join("_index.txt"), &cna).unwrap();
    fs::copy(fixture("rfi-seed.txt"), input.join("sibling.txt")).unwrap();
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    let converted = rfi_parse(&[
        "-f",
        "md",
        "--out-dir",
        content.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(converted.status.success(), "{}", stderr(&converted));
    let mut names: Vec<String> = files_below(&content)
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["_index-article.md", "index-article.md", "sibling.md"]
    );
    for file in files_below(&content) {
        let markdown = fs::read(&file).unwrap();
        let args = [
            "-f",
            "commonmark+yaml_metadata_block",
            "-t",
            "plain",
            "--standalone",
        ];
        let output = run("pandoc", &args, &markdown);
        assert!(
            output.status.success(),
            "pandoc on {file:?}: {}",
            stderr(&output)
        );
    }
    build_hugo_site(
        site.path(),
        "",
        "<h1>{{ .Title }}</h1><tags>{{ range .Params.tags }}[{{ . }}]{{ end }}</tags>",
        "{{ range .Pages }}{{ .Title }}\n{{ end }}",
    );
    let public = site.path().join("public");
    let page = |name: &str| fs::read_to_string(public.join(name).join("index.html")).unwrap();
    for name in ["in/index-article", "in/_index-article", "in/sibling"] {
        assert!(page(name).contains("<h1>"), "{name}");
    }
    let tags = page("in/index-article");
    assert!(
        tags.contains("[index-xml]") && tags.contains("[台海]"),
        "{tags}"
    );
    assert!(!tags.contains("[..]"), "{tags}");
    assert!(public.join("tags/index-xml/index.html").is_file());
}

/// Reads a Parquet file back with DuckDB, pyarrow and pandas: the types the schema
/// documents, and every field of every row equal to the JSON Lines of the same inputs.
const PARQUET_CHECK: &str = r#"
import json, sys, datetime, duckdb, pyarrow.parquet as pq, pandas as pd
parquet, jsonl = sys.argv[1], sys.argv[2]
types = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()}
text = ["source", "title", "url", "url_raw", "site", "language", "section", "date_line", "lead", "copyright", "byline"]
expected = {**{name: "VARCHAR" for name in text},
    "timestamp_ms": "BIGINT", "timestamp": "TIMESTAMP WITH TIME ZONE",
    "published": "TIMESTAMP WITH TIME ZONE", "published_offset_minutes": "INTEGER",
    "published_date": "DATE", "paragraphs": "VARCHAR[]", "tags": "VARCHAR[]",
    "lead_image": "STRUCT(url VARCHAR, alt VARCHAR, caption VARCHAR, credit VARCHAR)",
    "images": "STRUCT(url VARCHAR, alt VARCHAR, caption VARCHAR, credit VARCHAR)[]",
    "embeds": "STRUCT(url VARCHAR, caption VARCHAR, credit VARCHAR, kind VARCHAR, poster VARCHAR)[]",
    "share_links": 'STRUCT(platform VARCHAR, url VARCHAR, "target" VARCHAR)[]'}
assert types == expected, types
frame = pd.read_parquet(parquet)
assert str(frame["timestamp"].dtype).startswith("datetime64") and "UTC" in str(frame["timestamp"].dtype), frame.dtypes
assert str(frame["published"].dtype).startswith("datetime64"), frame.dtypes
assert frame["lead"].dtype == object or pd.api.types.is_string_dtype(frame["lead"]), frame.dtypes
assert pd.api.types.is_numeric_dtype(frame["published_offset_minutes"]), frame.dtypes
assert str(frame["published_date"].dtype) in ("object", "date32[day][pyarrow]") or "datetime64" in str(frame["published_date"].dtype), frame.dtypes
rows = pq.read_table(parquet).to_pylist()
lines = [json.loads(line) for line in open(jsonl, encoding="utf-8")]
assert len(rows) == len(lines), (len(rows), len(lines))
def rfc3339(instant, minutes):
    # As chrono's AutoSi writes it: no fraction, milliseconds or microseconds.
    spec = "seconds" if not instant.microsecond else "milliseconds" if instant.microsecond % 1000 == 0 else "microseconds"
    return instant.astimezone(datetime.timezone(datetime.timedelta(minutes=minutes))).isoformat(timespec=spec)
for row, line in zip(rows, lines):
    offset = row.pop("published_offset_minutes")
    for key, value in line.items():
        got = row[key]
        if key == "timestamp":
            got = got.strftime("%Y-%m-%dT%H:%M:%S") + ("." + f"{got.microsecond // 1000:03d}" if got.microsecond else "") + "Z"
        elif key == "published" and got is not None:
            got = rfc3339(got, offset)
        elif key == "published_date" and got is not None:
            got = got.isoformat()
        assert got == value, (line["source"], key, got, value)
    assert set(row) == set(line), set(row) ^ set(line)
print("checked", len(rows), "rows", sum(r["lead"] is None for r in rows), "without lead")
"#;

fn check_parquet_against_json_lines(inputs: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (parquet, jsonl) = (dir.path().join("a.parquet"), dir.path().join("a.jsonl"));
    for (format, out) in [("parquet", &parquet), ("jsonl", &jsonl)] {
        let mut args = vec!["-q", "-f", format, "-o", out.to_str().unwrap()];
        args.extend(inputs);
        let output = rfi_parse(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let checked = run(
        "python3",
        &[
            "-c",
            PARQUET_CHECK,
            parquet.to_str().unwrap(),
            jsonl.to_str().unwrap(),
        ],
        b"",
    );
    assert!(checked.status.success(), "{}", stderr(&checked));
    stdout(&checked)
}

#[test]
#[ignore = "needs python3 with duckdb, pandas and pyarrow; .ci/run installs them and runs ignored tests"]
fn duckdb_pandas_and_pyarrow_read_the_parquet_with_its_schema_types() {
    // No RFI file: `lead` is null in every row, and keeps its type all the same.
    let dir = tempfile::tempdir().unwrap();
    let mut copied = 0;
    for entry in fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".txt") && !name.starts_with("rfi-") && !name.starts_with("hostile") {
            let bytes = fs::read(&path).unwrap();
            if !String::from_utf8_lossy(&bytes).contains("rfi.fr") {
                fs::write(dir.path().join(&name), bytes).unwrap();
                copied += 1;
            }
        }
    }
    assert!(copied > 10, "{copied} fixtures");
    let printed = check_parquet_against_json_lines(&[dir.path().to_str().unwrap()]);
    assert!(
        printed.contains(&format!("checked {copied} rows")),
        "{printed}"
    );

    // One file per input below --out-dir, each a table of one row.
    let out = dir.path().join("out");
    let output = rfi_parse(&[
        "-q",
        "-f",
        "parquet",
        "--out-dir",
        out.to_str().unwrap(),
        &fixture("rfi-seed.txt"),
        &fixture("generic-bbc.txt"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let files: Vec<PathBuf> = files_below(&out)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "parquet"))
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in files {
        let count = run(
            "python3",
            &[
                "-c",
                "import sys, duckdb; print(duckdb.sql(f\"SELECT count(*) FROM '{sys.argv[1]}'\").fetchall()[0][0])",
                file.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(stdout(&count).trim(), "1", "{}", stderr(&count));
    }
}

#[test]
#[ignore = "needs python3 with duckdb, pandas and pyarrow, and ../shared/months; .ci/run runs it"]
fn a_shared_month_as_parquet_equals_its_json_lines_field_by_field() {
    let Some(month) = [
        "../shared/months/2403.tar.xz",
        "/work/shared/months/2403.tar.xz",
    ]
    .iter()
    .map(Path::new)
    .find(|path| path.exists()) else {
        eprintln!("skipped: ../shared/months/2403.tar.xz is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let untar = Command::new("tar")
        .args(["-xJf", month.to_str().unwrap(), "-C"])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(untar.success());
    let folder = dir.path().join("2403");
    let count = files_below(&folder).len();
    let printed = check_parquet_against_json_lines(&[folder.to_str().unwrap()]);
    assert!(
        printed.contains(&format!("checked {count} rows")),
        "{printed}"
    );
}
