"""The Python package against the fixtures' goldens, a folder, its errors, pandas, and
the README's recipe on a shared month (skipped, with the reason shown, without them)."""

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

import rfi_parse

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"


def fixture_names():
    return sorted(p.name for p in FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("name", fixture_names())
def test_parse_matches_the_golden_json(name):
    data = (FIXTURES / name).read_bytes()
    expected = json.loads((FIXTURES / name).with_suffix(".expected.json").read_text("utf-8"))
    assert rfi_parse.parse(data) == expected
    # str input reads as its UTF-8 bytes.
    if data.startswith(b"<!--") and b"\r" not in data:
        assert rfi_parse.parse(data.decode("utf-8")) == expected


def test_parse_error_carries_the_line():
    with pytest.raises(rfi_parse.ParseError) as raised:
        rfi_parse.parse((FIXTURES / "errors" / "invalid-timestamp.txt").read_bytes())
    assert raised.value.line == 1 and raised.value.path is None
    assert "invalid timestamp" in raised.value.message


def test_options_are_checked_as_the_command_line_does():
    with pytest.raises(ValueError, match="unknown time zone"):
        rfi_parse.parse(b"<!--0-->\n[T]()\n------\n<p>x</p>\n", tz="Mars/Base")
    with pytest.raises(ValueError):
        rfi_parse.parse(b"<!--0-->\n[T]()\n------\n<p>x</p>\n", profile="nope")
    with pytest.raises(TypeError):
        rfi_parse.parse(12)


def make_folder(tmp_path, bad=True):
    folder = tmp_path / "month"
    (folder / "b").mkdir(parents=True)
    names = ["rfi-seed.txt", "generic-bbc.txt", "source-aj-div-body.txt"]
    shutil.copy(FIXTURES / names[0], folder / "a.txt")
    shutil.copy(FIXTURES / names[1], folder / "b" / "c.txt")
    shutil.copy(FIXTURES / names[2], folder / "d.txt")
    if bad:
        shutil.copy(FIXTURES / "errors" / "invalid-timestamp.txt", folder / "b" / "bad.txt")
    shutil.copy(FIXTURES / names[0], folder / "ignored.html")
    return folder


def test_read_walks_a_folder_in_order_with_sources(tmp_path):
    folder = make_folder(tmp_path, bad=False)
    articles = list(rfi_parse.read(folder, threads=2))
    sources = [a["source"] for a in articles]
    assert sources == [str(folder / "a.txt"), str(folder / "b" / "c.txt"), str(folder / "d.txt")]
    for article in articles:
        alone = rfi_parse.parse(Path(article.pop("source")).read_bytes())
        assert article == alone
    assert [a["source"] for a in rfi_parse.read(folder, pattern="a*.txt")] == [str(folder / "a.txt")]


def test_read_raises_on_a_bad_file_with_path_and_line(tmp_path):
    folder = make_folder(tmp_path)
    reader = rfi_parse.read(folder)
    seen = []
    with pytest.raises(rfi_parse.ParseError) as raised:
        for article in reader:
            seen.append(article["source"])
    assert raised.value.path == str(folder / "b" / "bad.txt")
    assert raised.value.line == 1
    assert seen == [str(folder / "a.txt")]


def test_read_skips_and_counts_bad_files(tmp_path):
    folder = make_folder(tmp_path)
    reader = rfi_parse.read([folder], errors="skip")
    articles = list(reader)
    assert len(articles) == 3
    assert reader.skipped == 1
    assert reader.failures[0].path == str(folder / "b" / "bad.txt")


def test_read_dedupe_keeps_one_per_url(tmp_path):
    folder = make_folder(tmp_path, bad=False)
    shutil.copy(FIXTURES / "rfi-seed.txt", folder / "z.txt")
    assert len(list(rfi_parse.read(folder))) == 4
    assert len(list(rfi_parse.read(folder, dedupe="url"))) == 3


def test_read_reports_what_it_cannot_find(tmp_path):
    with pytest.raises(rfi_parse.ParseError, match="No such file"):
        list(rfi_parse.read(tmp_path / "absent"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no input found"):
        list(rfi_parse.read(tmp_path / "empty"))
    with pytest.raises(ValueError):
        rfi_parse.read(tmp_path, errors="ignore")


def test_a_reader_closed_early_stops(tmp_path):
    folder = make_folder(tmp_path, bad=False)
    with rfi_parse.read(folder, threads=1) as reader:
        first = next(reader)
    assert first["source"].endswith("a.txt")
    assert list(reader) == []


def test_read_feeds_a_pandas_dataframe(tmp_path):
    pd = pytest.importorskip("pandas", reason="pandas is not installed: DataFrame test skipped")
    folder = make_folder(tmp_path, bad=False)
    frame = pd.DataFrame(rfi_parse.read(folder))
    assert len(frame) == 3
    assert list(frame.columns)[:3] == ["source", "timestamp_ms", "timestamp"]
    assert frame["paragraphs"].map(len).gt(0).all()


def shared_folder():
    for candidate in (os.environ.get("RFI_SHARED"), ROOT / ".." / "shared", "/work/shared"):
        if candidate and (Path(candidate) / "months").is_dir():
            return Path(candidate)
    return None


def recipe():
    """The pandas recipe as the README (or, before it lands there, docs/python.md) writes it."""
    for doc in (ROOT / "README.md", ROOT / "docs" / "python.md"):
        text = doc.read_text("utf-8")
        found = re.search(r"<!-- pandas-recipe -->\s*```python\n(.*?)```", text, re.S)
        if found:
            return found.group(1)
    raise AssertionError("no pandas recipe in README.md or docs/python.md")


def test_the_readme_recipe_runs_on_a_shared_month(tmp_path, capsys):
    pd = pytest.importorskip("pandas", reason="pandas is not installed: recipe test skipped")
    shared = shared_folder()
    if shared is None:
        pytest.skip("../shared is absent: the recipe's month test is skipped")
    archive = shared / "months" / "2403.tar.xz"
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(tmp_path)
    assert (tmp_path / "2403").is_dir(), sorted(p.name for p in tmp_path.iterdir())
    os.chdir(tmp_path)
    namespace = {}
    exec(compile(recipe(), "recipe", "exec"), namespace)
    per_day = namespace["per_day"]
    assert isinstance(per_day, pd.Series)
    total = sum(1 for _ in (tmp_path / "2403").rglob("*.txt"))
    # Every article is counted once, on a day (its published day, else its collection day).
    assert per_day.sum() == total
    assert per_day.index.names == ["site", "day"]
