#!/usr/bin/env python3
"""What ../shared/tools/source_quality.py counts as missing, sentence piece by sentence piece.

The tool prints a file's recall and its first missing pieces; this repeats its recall loop
(importing the tool, so its splitting and normalising are the same) for every piece of every
file of the named sources, and sorts each missing piece into a first guess of what it is, for
reading against the HTML: an attribution that `byline` holds without its brackets, a part of
the title, the text of a link (a related-links box), a promotion, a disclaimer, the consent
text of an embedded post, or other. It prints the tool's mean recall per source, the mean
with every sorted piece but `other` counted as kept, and the characters and examples of each
kind. The kinds are a reading aid, not a verdict: docs/accuracy.md says what each one is.

Usage, from the folder a month was unpacked into (docs/accuracy.md):
    python3 scripts/recall_misses.py 2511a /tmp/2511a.jsonl [bbc,dw]
"""
import collections
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "tools"))
sys.path.insert(0, "/work/shared/tools")
import source_quality as sq  # noqa: E402

month_dir, output = sys.argv[1], sys.argv[2]
sources = sys.argv[3].split(",") if len(sys.argv) > 3 else ["bbc", "dw"]
records = {}
for line in open(output, encoding="utf-8"):
    record = json.loads(line)
    records[os.path.basename(record["source"])] = record

PROMOTION = re.compile(r"Instagram!|dw\.chinese")
DISCLAIMER = re.compile(r"德国之声致力|德國之聲致力|文中评论及分析|文中評論及分析|摘编自|摘編自")
CONSENT = re.compile(r"YouTube|Instagram|TikTok|Facebook|X 帖子|曲奇|外来网站|外來網站|帖子")



def split_and_kept(q, hay):
    """Whether the piece is two parts, each kept (a caption and the credit moved out of it:
    `摄于日本东京(路透社)` is `摄于日本东京` in `caption` and `路透社` in `credit`)."""
    for at in range(2, len(q) - 1):
        head, tail = q[:at].strip("()[]【】"), q[at:].strip("()[]【】")
        if len(head) >= 2 and len(tail) >= 2 and head in hay and tail in hay:
            return True
    return False


chars = collections.Counter()
total = collections.Counter()
examples = collections.defaultdict(list)
recalls = collections.defaultdict(list)
for name in sorted(os.listdir(month_dir)):
    source = name.split("_")[0]
    if source not in sources or name not in records:
        continue
    path = os.path.join(month_dir, name)
    raw = open(path, encoding="utf-8", errors="replace").read()
    record = records[name]
    page = sq.Page(sq.read_body(path))
    paragraphs = ([record["lead"]] if record.get("lead") else []) + (record.get("paragraphs") or [])
    pictures = (record.get("images") or []) + ([record["lead_image"]] if record.get("lead_image") else [])
    kept = [picture.get(k) or "" for picture in pictures for k in ("caption", "credit")]
    kept += [embed.get("caption") or "" for embed in record.get("embeds") or []]
    kept.append(record.get("byline") or "")
    hay = sq.squash("\n".join(paragraphs) + "\n" + "\n".join(kept))
    links = {
        sq.squash(sq.nfkc(re.sub("<[^>]+>", "", text)))
        for text in re.findall(r"<a\b[^>]*>(.*?)</a>", raw, re.S)
    }
    title = sq.squash(sq.nfkc(record["title"]))
    file_total = file_found = file_sorted = 0
    for unit in page.units:
        for piece in sq.SENT_SPLIT.split(sq.nfkc(unit)):
            q = sq.squash(piece)
            if not q or sq.CREDIT_TAIL_RE.match(q):
                continue
            q = sq.BYLINE_LABEL_RE.sub("", sq.STAMP_END_RE.sub("", q))
            if not q:
                continue
            total[source] += len(q)
            file_total += len(q)
            if q in hay:
                file_found += len(q)
                file_sorted += len(q)
                continue
            text = sq.norm(piece)
            unbracketed = q.strip("()（）")
            if unbracketed != q and unbracketed in hay:
                kind = "an attribution byline holds without its brackets"
            elif split_and_kept(q, hay):
                kind = "a caption line kept in two fields (caption and credit)"
            elif q in title:
                kind = "a part of the title"
            elif any(q in link for link in links if link):
                kind = "the text of a link"
            elif PROMOTION.search(text):
                kind = "a promotion"
            elif DISCLAIMER.search(text):
                kind = "a disclaimer"
            elif CONSENT.search(text):
                kind = "the consent text of an embedded post"
            else:
                kind = "other"
            if kind != "other":
                file_sorted += len(q)
            chars[(source, kind)] += len(q)
            examples[(source, kind)].append((name, text[:80]))
    if file_total:
        recalls[source].append((file_found / file_total, file_sorted / file_total))

for source, values in sorted(recalls.items()):
    tool = sum(found for found, _ in values) / len(values)
    sorted_kept = sum(kept for _, kept in values) / len(values)
    print(f"{source}: {len(values)} files, mean recall {tool:.4f}; with the sorted kinds kept {sorted_kept:.4f}")
for (source, kind), count in sorted(chars.items()):
    print(f"{source:6} {count:6} chars ({count / total[source]:.2%}) {kind}")
    shown = []
    for name, text in examples[(source, kind)]:
        if text not in shown and len(shown) < 5:
            shown.append(text)
            print(f"         {name}  {text}")
