//! Unwrapping attribute-less spans before tree building changes no Article, whatever the source.

use proptest::prelude::*;
use rfi_parse::{Format, ParseOptions, parse};

/// Headers naming sources whose rules read spans differently: RFI (figure captions in two
/// spans), BBC (byline labels, spans beside players), CNA, and a host no profile knows.
const HEADERS: &[&str] = &[
    "<!--1686586501000-->\n[t](https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/20230612-x)\n------\n\n",
    "<!--1686586501000-->\n[t](https://www.bbc.com/zhongwen/articles/c1/simp)\n------\n\n",
    "<!--1686586501000-->\n[t](https://www.cna.com.tw/news/aipl/202306120123.aspx)\n------\n\n",
    "<!--1686586501000-->\n[t](https://news.example/2023/06/12/x)\n------\n\n",
];

/// Pieces of article markup, spans among paragraphs, captions, bylines, links, tables,
/// foreign content and text that looks like credits or dates.
const PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<span>",
    "</span>",
    "<span>",
    "</span>",
    "<span>x</span>",
    "<span>中文，</span>",
    "<span> </span>",
    "<span><span>a</span>b</span>",
    "<strong>",
    "</strong>",
    "<b>",
    "</b>",
    "<em>",
    "</em>",
    "<a href=\"https://x.example/a\">",
    "</a>",
    "<br>",
    "<div>",
    "</div>",
    "<figure>",
    "</figure>",
    "<figcaption>",
    "</figcaption>",
    "<picture>",
    "</picture>",
    "<img src=\"https://i.example/1.jpg\" alt=\"a\">",
    "<svg>",
    "</svg>",
    "<pre>",
    "</pre>",
    "<table>",
    "<td>",
    "</table>",
    "<ul>",
    "<li>",
    "</ul>",
    "<h2>",
    "</h2>",
    "<sup>",
    "</sup>",
    "<small>",
    "</small>",
    "<dl><dt>",
    "<dd>",
    "<span role=\"text\">",
    "<section aria-labelledby=\"article-byline\">",
    "</section>",
    "text",
    "更多文字。",
    " ",
    "\n",
    "&#32;",
    "&amp;",
    "© AFP",
    "图片来源：路透社",
    "（编辑：张三）",
    "Author, ",
    "12/06/2023 - 17:21",
    "2023年6月12日",
    "<!--c-->",
];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|pieces| pieces.concat())
}

fn json(input: &str) -> Vec<u8> {
    let article = parse(input, &ParseOptions::default()).expect("a good header always parses");
    let mut out = Vec::new();
    Format::Json.render(&article, None, &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The same markup with every `<span>` given an attribute that no rule reads (so none
    /// is unwrapped) gives the same Article.
    #[test]
    fn articles_are_the_same_with_spans_kept(header in prop::sample::select(HEADERS), body in body()) {
        let unwrapped = json(&format!("{header}{body}"));
        let kept = json(&format!("{header}{}", body.replace("<span>", "<span data-kept>")));
        prop_assert_eq!(
            String::from_utf8_lossy(&unwrapped),
            String::from_utf8_lossy(&kept),
            "{:?}", body
        );
    }
}
