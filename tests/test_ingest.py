"""Tests for kg.ingest: every input format and every kind of bad input."""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import unicodedata
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import examples

ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:  # run from a checkout where kg is not installed
    sys.path.insert(0, ROOT)

from kg import ingest, parsers  # noqa: E402
from kg.ingest import (  # noqa: E402
    MAX_BYTES, IngestError, article_id, parse_date, parse_html, parse_record, parse_text,
    read_file, read_paths,
)
from kg.model import Article  # noqa: E402

VIENNA = "The Foreign Minister of Ruritania met his Freedonian counterpart in Vienna on Tuesday."
GENEVA = "Delegations from Borduria and Syldavia signed a trade memorandum in Geneva."
ANKARA = "The President of Freedonia called the Prime Minister of Ruritania on Monday."


def write(directory: Path, name: str, content: str | bytes) -> Path:
    """Write a fixture file (str as UTF-8) and return its path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def collect(paths, **kwargs) -> tuple[list[Article], list[IngestError]]:
    """Split what read_paths yields into articles and errors (keeping order)."""
    items = list(read_paths(paths, **kwargs))
    assert all(isinstance(i, (Article, IngestError)) for i in items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, IngestError)])


def only_error(paths, **kwargs) -> IngestError:
    articles, errors = collect(paths, **kwargs)
    assert articles == [] and len(errors) == 1, (articles, errors)
    return errors[0]


# --------------------------------------------------------------------------- .txt

def test_txt_plain_has_no_metadata(tmp_path):
    path = write(tmp_path, "a.txt", f"{VIENNA}\n\n{GENEVA}\n")
    [art] = read_file(path)
    assert art.text == f"{VIENNA}\n\n{GENEVA}"
    assert (art.title, art.date, art.url) == (None, None, None)
    assert art.source == str(path)
    assert art.id == article_id(art.text)


def test_txt_date_line_on_its_own(tmp_path):
    [art] = read_file(write(tmp_path, "a.txt", f"date 2024-03-14\n\n{VIENNA}"))
    assert art.date == "2024-03-14"
    assert art.text == VIENNA


def test_txt_date_line_followed_by_text_keeps_the_text(tmp_path):
    content = " date 2024-04-25 Turkish President Erdogan received the Ruritanian envoy.\nTalks followed."
    [art] = read_file(write(tmp_path, "a.txt", content))
    assert art.date == "2024-04-25"
    assert art.text == "Turkish President Erdogan received the Ruritanian envoy.\nTalks followed."


def test_txt_invalid_date_line_is_left_as_text(tmp_path):
    [art] = read_file(write(tmp_path, "a.txt", f"date 2024-13-45 {VIENNA}"))
    assert art.date is None
    assert art.text == f"date 2024-13-45 {VIENNA}"


def test_txt_headers(tmp_path):
    content = ("Title: Ruritania and Freedonia hold talks\n"
               "DATE: 25 April 2024\n"
               "url: https://news.example/ruritania-talks\n"
               "Source: Example Wire\n"
               "Id: wire-0042\n"
               "\n"
               f"{VIENNA}\n\nTitle: this line is body text, not a header.\n")
    [art] = read_file(write(tmp_path, "talks.txt", content))
    assert art == Article(
        id="wire-0042", text=f"{VIENNA}\n\nTitle: this line is body text, not a header.",
        title="Ruritania and Freedonia hold talks", date="2024-04-25",
        url="https://news.example/ruritania-talks", source="Example Wire")


def test_txt_header_block_ends_at_first_non_header_line(tmp_path):
    [art] = read_file(write(tmp_path, "a.txt", f"Date: 2024-03-14\n{VIENNA}\nTitle: not a header"))
    assert art.date == "2024-03-14"
    assert art.title is None
    assert art.text == f"{VIENNA}\nTitle: not a header"


@pytest.mark.parametrize("raw, iso", [
    ("2024-04-25", "2024-04-25"),
    ("25 April 2024", "2024-04-25"),
    ("April 25, 2024", "2024-04-25"),
    ("Thursday, 25 April 2024", "2024-04-25"),
    ("2024-04-25T10:00:00Z", "2024-04-25"),
    ("2024-04-25T23:30:00-05:00", "2024-04-25"),
    ("25.04.2024", "2024-04-25"),
    ("April 2024", None),       # no day: not guessed
    ("last Tuesday", None),
    ("2024-02-30", None),
    ("", None),
])
def test_header_dates_are_normalised(raw, iso):
    assert parse_text(f"Date: {raw}\n\n{VIENNA}").date == iso
    assert parse_date(raw) == iso


def test_headers_only_is_no_text(tmp_path):
    err = only_error([write(tmp_path, "a.txt", "Title: Talks\nDate: 2024-03-14\n")])
    assert err.reason == "no text"


def test_explicit_file_with_unknown_extension_is_read_as_text(tmp_path):
    path = write(tmp_path, "wire.dat", f"Date: 2024-03-14\n\n<b>{VIENNA}</b>")
    [art] = read_file(path)
    assert art.text == f"<b>{VIENNA}</b>"
    assert art.date == "2024-03-14"


def test_text_normalisation():
    art = parse_text("  Cafe\u0301 talks\r\nin Vienna\x00\x07 ended.\r\rNew\tparagraph.  \n\n\n\n")
    assert art.text == "Caf\u00e9 talks\nin Vienna ended.\n\nNew\tparagraph."
    assert unicodedata.is_normalized("NFC", art.text)


# -------------------------------------------------------------------------- .html

PAGE = """<!DOCTYPE html>
<html><head>
<title>Site title | Example News</title>
<meta property="og:title" content="Ruritania and Freedonia   hold talks">
<meta property="article:published_time" content="2024-03-14T09:30:00+01:00">
<link rel="canonical" href="https://news.example/talks">
<script>var tracking = "Secret script text";</script>
<style>p { color: red } .styletext {}</style>
</head>
<body>
<header><a href="/">Example News home</a></header>
<nav><ul><li>World</li><li>Politics</li></ul></nav>
<div role="navigation">Breadcrumb navigation</div>
<article>
  <h1>Ministers meet in Vienna</h1>
  <p>The Foreign Minister of Ruritania
     met his   Freedonian counterpart in <b>Vienna</b> on Tuesday.</p>
  <p>Both sides<br>welcomed the talks.</p>
  <ul><li>Trade</li><li>Energy</li></ul>
  <noscript>Enable JavaScript</noscript>
  <form><label>Subscribe to newsletter</label></form>
  <aside>Related: other stories</aside>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def test_html_text_and_metadata(tmp_path):
    [art] = read_file(write(tmp_path, "page.html", PAGE))
    assert art.title == "Ruritania and Freedonia hold talks"
    assert art.date == "2024-03-14"
    assert art.url == "https://news.example/talks"
    assert art.source == str(tmp_path / "page.html")
    assert art.text == ("Ministers meet in Vienna\n\n"
                        f"{VIENNA}\n\n"
                        "Both sides\nwelcomed the talks.\n\nTrade\n\nEnergy")
    for junk in ("Secret script", "color: red", "home", "Politics", "Breadcrumb",
                 "JavaScript", "newsletter", "Related", "Copyright"):
        assert junk not in art.text


def test_html_fallback_metadata_and_body():
    html = """<html><head><title> Summit  opens </title>
    <meta property="og:url" content="https://news.example/summit"></head>
    <body><h1>Headline</h1><time datetime="bad">Today</time> <time datetime="2024-06-01">1 June</time>
    <div>Leaders arrived in Geneva.<div>The summit opened.</div></div></body></html>"""
    art = parse_html(html, source="summit.htm")
    assert (art.title, art.date, art.url) == ("Summit opens", "2024-06-01", "https://news.example/summit")
    assert art.text == "Headline\n\nToday 1 June\n\nLeaders arrived in Geneva.\n\nThe summit opened."


def test_html_title_from_h1_and_meta_name_date():
    html = ('<html><head><meta name="date" content="April 25, 2024"></head>'
            '<body><h1>Talks</h1><p>x y</p></body></html>')
    art = parse_html(html)
    assert (art.title, art.date, art.source) == ("Talks", "2024-04-25", None)


def test_html_prefers_longest_article_and_main():
    html = f"""<body><p>Cookie banner</p>
    <aside><article>{"Teaser " * 50}</article></aside>
    <article><p>Short piece.</p></article>
    <article><p>{VIENNA}</p><p>{GENEVA}</p></article></body>"""
    assert parse_html(html).text == f"{VIENNA}\n\n{GENEVA}"
    main = f"<body><p>Cookie banner</p><main><p>{ANKARA}</p></main></body>"
    assert parse_html(main).text == ANKARA


def test_html_table_cells_and_inline_tags_do_not_glue_words():
    html = "<body><table><tr><td>Ruritania</td><td>Freedonia</td></tr></table><p>A<i>b</i> c</p></body>"
    assert parse_html(html).text == "Ruritania Freedonia\n\nAb c"


def test_html_deeply_nested(tmp_path):
    html = "<html><body>" + "<div>" * 5000 + f"<p>{VIENNA}</p>" + "</div>" * 5000 + "</body></html>"
    [art] = read_file(write(tmp_path, "deep.html", html))
    assert art.text == VIENNA


def test_html_recursion_error_becomes_ingest_error(tmp_path, monkeypatch):
    def boom(root):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(parsers, "_block_text", boom)  # the HTML parser lives in kg.parsers
    path = write(tmp_path, "deep.html", "<div>" * 10 + "x")
    err = only_error([path])
    assert str(err) == f"{path}: HTML too deeply nested"


def test_html_truncated(tmp_path):
    html = f"<html><head><title>Talks</title></head><body><article><p>{VIENNA}</p><p>Talks contin"
    [art] = read_file(write(tmp_path, "cut.html", html))
    assert art.title == "Talks"
    assert art.text == f"{VIENNA}\n\nTalks contin"


def test_html_without_text(tmp_path):
    html = "<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>"
    err = only_error([write(tmp_path, "empty.html", html)])
    assert err.reason == "no text"


@pytest.mark.parametrize("html, text", [
    (".HTM", ".HTM"),  # bs4 thinks this is a file name (found by tests/test_fuzz.py)
    ("https://news.example/talks", "https://news.example/talks"),  # ... or a URL
    (f'<?xml version="1.0"?><rss><item><title>{VIENNA}</title></item></rss>', VIENNA),  # an XML feed
])
def test_html_that_bs4_warns_about_is_read_without_a_warning(tmp_path, html, text):
    path = write(tmp_path, "page.html", html)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning, bs4's or ours, fails the test
        [art] = read_file(path)
    assert art.text == text


# -------------------------------------------------------------------- .json/.jsonl

def test_json_object(tmp_path):
    record = {"id": "r-1", "text": VIENNA, "title": "Talks", "date": "14 March 2024",
              "url": "https://news.example/r1", "extra": [1, 2]}
    [art] = read_file(write(tmp_path, "one.json", json.dumps(record)))
    assert art == Article(id="r-1", text=VIENNA, title="Talks", date="2024-03-14",
                          url="https://news.example/r1", source=str(tmp_path / "one.json"))


def test_json_source_field_wins_over_path():
    assert parse_record({"text": VIENNA, "source": "Example Wire"}, source="x.json").source == "Example Wire"
    assert parse_record({"text": VIENNA, "source": None}, source="x.json").source == "x.json"


def test_json_list(tmp_path):
    data = [{"text": VIENNA}, {"text": GENEVA, "title": None}, {"text": 7}, "not an object"]
    articles, errors = collect([write(tmp_path, "many.json", json.dumps(data))])
    assert [a.text for a in articles] == [VIENNA, GENEVA]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'many.json'}[2]: field 'text' must be a string, got int",
        f"{tmp_path / 'many.json'}[3]: expected a JSON object, got str",
    ]


def test_json_invalid_and_wrong_top_level(tmp_path):
    err = only_error([write(tmp_path, "bad.json", '{"text": "x",\n "title": }')])
    assert err.reason.startswith("invalid JSON: Expecting value (line 2")
    assert only_error([write(tmp_path, "n.json", "42")]).reason == "expected a JSON object or list, got int"
    assert only_error([write(tmp_path, "e.json", "[]")]).reason == "no articles (empty JSON list)"


def test_json_deeply_nested(tmp_path):
    err = only_error([write(tmp_path, "deep.json", "[" * 200_000)])
    assert err.reason == "JSON too deeply nested"


@pytest.mark.parametrize("record, reason", [
    ({"text": 5}, "field 'text' must be a string, got int"),
    ({"text": None}, "field 'text' must be a string, got null"),
    ({"title": "No text"}, "missing field 'text'"),
    ({"text": "  \n "}, "field 'text' is empty"),
    ({"text": VIENNA, "date": 20240314}, "field 'date' must be a string, got int"),
    ({"text": VIENNA, "id": ["a"]}, "field 'id' must be a string, got list"),
    ({"text": VIENNA, "title": {"en": "x"}}, "field 'title' must be a string, got dict"),
])
def test_json_wrong_field_types(tmp_path, record, reason):
    path = write(tmp_path, "r.json", json.dumps(record))
    err = only_error([path])
    assert (err.source, err.reason) == (str(path), reason)
    with pytest.raises(IngestError, match=reason.replace("'", ".")):
        parse_record(record)


def test_jsonl_with_malformed_line(tmp_path):
    lines = [json.dumps({"id": "v", "text": VIENNA}), "", '{"text": "unterminated',
             json.dumps({"id": "g", "text": GENEVA, "date": "2024-05-02"}), "   "]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    articles, errors = collect([path])
    assert [(a.id, a.text, a.date) for a in articles] == [("v", VIENNA, None), ("g", GENEVA, "2024-05-02")]
    assert all(a.source == str(path) for a in articles)
    [err] = errors
    assert err.source == f"{path}:3"
    assert err.reason.startswith("invalid JSON: Unterminated string")
    with pytest.raises(IngestError) as info:  # read_file is strict
        read_file(path)
    assert info.value.source == f"{path}:3"


def test_jsonl_duplicate_id(tmp_path):
    lines = [json.dumps({"text": ANKARA}), json.dumps({"id": "x", "text": VIENNA}),
             json.dumps({"id": "y", "text": GENEVA}), json.dumps({"id": "x", "text": "Other text."})]
    path = write(tmp_path, "dup.jsonl", "\n".join(lines))
    articles, errors = collect([path])
    assert [a.id for a in articles] == [article_id(ANKARA), "x", "y"]
    assert articles[1].text == VIENNA  # the first one is kept
    assert [str(e) for e in errors] == [f"{path}:4: duplicate id 'x' (first seen on line 2)"]


def test_json_list_duplicate_id(tmp_path):
    path = write(tmp_path, "dup.json", json.dumps([{"text": VIENNA}, {"text": VIENNA + "\r\n"}]))
    articles, errors = collect([path])
    assert len(articles) == 1
    assert str(errors[0]) == f"{path}[1]: duplicate id '{article_id(VIENNA)}' (first seen at index 0)"


def test_jsonl_content_in_json_file(tmp_path):
    path = write(tmp_path, "feed.json", json.dumps({"text": VIENNA}) + "\n" + json.dumps({"text": GENEVA}))
    assert [a.text for a in read_file(path)] == [VIENNA, GENEVA]


# ------------------------------------------------------------------ ids & sources

def test_ids_are_stable_and_content_based(tmp_path):
    a = write(tmp_path, "a.txt", VIENNA)
    b = write(tmp_path, "b.txt", f"\r\n  {VIENNA}\r\n\r\n")
    c = write(tmp_path, "c.txt", GENEVA)
    d = write(tmp_path, "d.json", json.dumps({"text": VIENNA}))
    ids = [read_file(p)[0].id for p in (a, b, c, d)]
    assert ids[0] == ids[1] == ids[3] == article_id(VIENNA)
    assert ids[2] != ids[0]
    assert ids[0].startswith("a-") and len(ids[0]) == 14
    assert read_file(a)[0].id == ids[0]  # reading again gives the same id


def test_metadata_id_wins(tmp_path):
    assert read_file(write(tmp_path, "a.txt", f"Id: wire/2024 #7\n\n{VIENNA}"))[0].id == "wire/2024 #7"
    assert parse_record({"id": " r-9 ", "text": VIENNA}).id == "r-9"
    assert parse_record({"id": "", "text": VIENNA}).id == article_id(VIENNA)


def test_article_id_examples():
    assert article_id("x\r\ny") == article_id("x\ny\n") == article_id("  x\ry ")
    assert article_id("x y") != article_id("x  z")


# ----------------------------------------------------------- directories & paths

def test_directory_recursion(tmp_path):
    root = tmp_path / "corpus"
    write(root, "b.txt", GENEVA)
    write(root, "a.md", VIENNA)
    write(root, "sub/deeper/c.htm", f"<p>{ANKARA}</p>")
    write(root, "sub/d.jsonl", json.dumps({"id": "d1", "text": "Envoys met in Oslo."}))
    write(root, "sub/e.JSON", json.dumps({"id": "e1", "text": "Envoys met in Rome."}))
    write(root, "notes.csv", "ignored,file")
    write(root, "image.png", b"\x89PNG\r\n\x1a\n")  # unknown extension inside a directory
    write(root, ".hidden.txt", "Hidden file.")
    write(root, ".git/config.txt", "Hidden directory.")
    articles, errors = collect([root])
    assert errors == []
    assert [a.source for a in articles] == [
        str(root / "a.md"), str(root / "b.txt"), str(root / "sub/d.jsonl"),
        str(root / "sub/deeper/c.htm"), str(root / "sub/e.JSON")]
    assert [a.text for a in articles] == [VIENNA, GENEVA, "Envoys met in Oslo.", ANKARA,
                                          "Envoys met in Rome."]


def test_directory_without_article_files(tmp_path):
    write(tmp_path, "x.csv", "a,b")
    assert "no article files" in only_error([tmp_path]).reason


def test_errors_do_not_stop_other_inputs(tmp_path):
    good1 = write(tmp_path, "1.txt", VIENNA)
    bad = write(tmp_path, "2.txt", b"")
    good2 = write(tmp_path, "3.txt", GENEVA)
    items = list(read_paths([good1, tmp_path / "missing.txt", bad, str(good2)]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "IngestError", "Article"]
    assert [i.text for i in items if isinstance(i, Article)] == [VIENNA, GENEVA]


def test_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path, "a.txt", VIENNA)
    articles, errors = collect([path, tmp_path, str(path)])
    assert len(articles) == 1 and errors == []


def test_missing_path(tmp_path):
    missing = tmp_path / "nope" / "article.txt"
    err = only_error([missing])
    assert (err.source, err.reason) == (str(missing), "no such file or directory")
    assert str(err) == f"{missing}: no such file or directory"
    with pytest.raises(IngestError, match="no such file or directory"):
        read_file(missing)


def test_unreadable_path(tmp_path):
    path = write(tmp_path, "secret.txt", VIENNA)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that can read a mode-000 file")
        err = only_error([path])
        assert (err.source, err.reason) == (str(path), "permission denied")
    finally:
        path.chmod(0o644)


def test_permission_error_is_reported(tmp_path, monkeypatch):
    """Same as above, but also runs as root: open() itself is made to fail."""
    path = write(tmp_path, "secret.txt", VIENNA)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr(ingest, "open", denied, raising=False)
    assert str(only_error([path])) == f"{path}: permission denied"


def test_directory_given_to_read_file(tmp_path):
    with pytest.raises(IngestError, match="is a directory"):
        read_file(tmp_path)


# ---------------------------------------------------------------------- bad bytes

@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "no text"),
    (b"\xef\xbb\xbf", "no text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
    (gzip.compress(VIENNA.encode(), mtime=0), "binary file (gzip archive)"),  # mtime=0: one test id in every process
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary file (zip archive)"),
    (b"Talks\x00\x00\x01ended", "binary file (contains NUL bytes)"),
])
def test_bad_content(tmp_path, content, reason):
    path = write(tmp_path, "bad.txt", content)
    err = only_error([path])
    assert (err.source, err.reason) == (str(path), reason)


def test_latin1_text_names_the_byte(tmp_path):
    path = write(tmp_path, "latin1.txt", "Title: Caf\u00e9 diplomacy\n\nTalks.".encode("latin-1"))
    err = only_error([path])
    assert err.reason == "not valid UTF-8 (byte 0xe9 at offset 10)"
    # Offsets count the BOM too.
    bom = write(tmp_path, "bom.txt", b"\xef\xbb\xbfCaf\xe9")
    assert only_error([bom]).reason == "not valid UTF-8 (byte 0xe9 at offset 6)"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_files_are_decoded(tmp_path, encoding):
    content = f"Title: Caf\u00e9 talks in \u0130stanbul\nDate: 2024-03-14\n\n{VIENNA}"
    data = content.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    [art] = read_file(write(tmp_path, "bom.txt", data))
    assert (art.title, art.date, art.text) == ("Caf\u00e9 talks in \u0130stanbul", "2024-03-14", VIENNA)


def test_broken_utf16(tmp_path):
    err = only_error([write(tmp_path, "u16.txt", b"\xff\xfeA\x00\x00\xd8")])
    assert err.reason.startswith("not valid UTF-16 (byte 0x")


def test_oversized_file(tmp_path):
    path = write(tmp_path, "big.txt", VIENNA * 40)  # 3,440 bytes
    err = only_error([path], max_bytes=1000)
    assert err.reason == "file is 3.4 kB, over the 1.0 kB limit; raise it with max_bytes="
    assert err.options == ("max_bytes",) and isinstance(err, ValueError)
    assert [a.text for a in read_paths([path], max_bytes=5000)] == [VIENNA * 40]
    assert MAX_BYTES == 5_000_000


def test_oversized_message_in_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse file: size is checked before reading
        f.truncate(20_100_000)
    err = only_error([path])
    assert err.reason == "file is 20.1 MB, over the 5.0 MB limit; raise it with max_bytes="


# -------------------------------------------------------------------------- stdin

def test_stdin_text():
    [art] = read_paths(["-"], stdin=io.StringIO(f"date 2024-03-14\n{VIENNA}"))
    assert (art.text, art.date, art.source) == (VIENNA, "2024-03-14", "<stdin>")


def test_stdin_bytes_html_and_json():
    [art] = read_paths(["-"], stdin=io.BytesIO(f"\n <html><body><nav>Menu</nav><p>{ANKARA}</p>".encode()))
    assert art.text == ANKARA
    [art] = read_paths(["-"], stdin=io.BytesIO(json.dumps({"text": GENEVA, "id": "g"}, indent=2).encode()))
    assert (art.id, art.text) == ("g", GENEVA)


def test_stdin_jsonl_with_bad_line():
    feed = json.dumps({"text": VIENNA}) + "\n{oops\n" + json.dumps({"text": GENEVA}) + "\n"
    articles, errors = collect(["-"], stdin=io.StringIO(feed))
    assert [a.text for a in articles] == [VIENNA, GENEVA]
    assert [e.source for e in errors] == ["<stdin>:2"]


def test_stdin_text_wrapper_uses_buffer_and_bom():
    stream = io.TextIOWrapper(io.BytesIO(VIENNA.encode("utf-16")), encoding="latin-1")
    [art] = read_paths(["-"], stdin=stream)
    assert art.text == VIENNA


def test_stdin_errors():
    assert str(only_error(["-"], stdin=io.BytesIO(b""))) == "<stdin>: empty file"
    assert only_error(["-"], stdin=io.BytesIO(b"\x1f\x8b\x08")).reason == "binary file (gzip archive)"
    err = only_error(["-"], stdin=io.StringIO(VIENNA * 10), max_bytes=100)
    assert err.reason == "input is over the 100 bytes limit; raise it with max_bytes="


def test_stdin_mixed_with_files(tmp_path):
    path = write(tmp_path, "a.txt", GENEVA)
    articles, errors = collect([path, "-"], stdin=io.StringIO(VIENNA))
    assert [(a.text, a.source) for a in articles] == [(GENEVA, str(path)), (VIENNA, "<stdin>")]


# ----------------------------------------------------------------- error object

def test_ingest_error_attributes():
    err = IngestError("feed.jsonl:3", "invalid JSON")
    assert (err.source, err.reason) == ("feed.jsonl:3", "invalid JSON")
    assert str(err) == "feed.jsonl:3: invalid JSON"
    assert isinstance(err, Exception)


def test_read_paths_accepts_a_single_path(tmp_path):
    path = write(tmp_path, "a.txt", VIENNA)
    assert [a.text for a in read_paths(path)] == [VIENNA]


# ------------------------------------------------------------------- properties

@settings(max_examples=examples(150), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcdiv pscrtbody&;!-\n\x00é")), max_size=300))
def test_parse_html_never_crashes(html):
    try:
        art = parse_html(html)
    except IngestError as err:
        assert err.reason == "no text"
    else:
        assert art.text and art.text == art.text.strip()


@settings(max_examples=examples(150), deadline=None)
@given(st.text(max_size=200))
def test_parse_text_never_crashes_and_ids_are_stable(text):
    try:
        art = parse_text(text)
    except IngestError as err:
        assert err.reason == "no text"
        return
    assert "\r" not in art.text and "\x00" not in art.text
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    assert parse_text(unix.replace("\n", "\r\n")).id == parse_text(unix).id == art.id


def test_unlistable_subdirectory_is_reported(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", VIENNA)
    locked = tmp_path / "locked"
    write(locked, "b.txt", GENEVA)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)
    monkeypatch.setattr(os, "scandir", scandir)
    articles, errors = collect([tmp_path])
    assert [a.text for a in articles] == [VIENNA]
    assert [str(e) for e in errors] == [f"{locked}: permission denied"]


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(alphabet="0123456789 -/.,:TZ+aprilMayJun", max_size=30)))
def test_parse_date_returns_iso_or_none(value):
    result = parse_date(value)
    assert result is None or (len(result) == 10 and parse_date(result) == result)


@pytest.mark.parametrize("content", ["\n \n\t\n", "\ufeff\n"])
def test_jsonl_with_only_blank_lines_is_an_error(tmp_path, content):
    """Found by fuzzing: such a file used to give neither an article nor an error."""
    path = write(tmp_path, "feed.jsonl", content)
    assert str(only_error([path])) == f"{path}: no articles (no JSON Lines, only blank lines)"


def test_a_named_pipe_given_by_name_is_refused_without_waiting(tmp_path):
    """A pipe with no writer, named directly (as a shell glob would), is an error at once:
    opening it would wait for ever.  A stream goes in through ``-``."""
    import threading

    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    found = []
    reader = threading.Thread(target=lambda: found.extend(read_paths([pipe])), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "read_paths waited on a pipe nobody writes to"
    assert [str(e) for e in found] == [f"{pipe}: not a regular file (a named pipe)"]


@pytest.mark.parametrize("name, content", [
    ("a.txt", "Title: Talks\n\n" + VIENNA.replace("Vienna", "Vi\u200benna\u202e")),
    ("a.html", f"<html><body><p>{VIENNA.replace('Vienna', 'Vi&#x200b;enna&#x202e;')}</p></body></html>"),
    ("a.jsonl", json.dumps({"text": VIENNA.replace("Vienna", "Vi\u200benna\u202e")}) + "\n"),
])
def test_removed_characters_are_told_once_per_article(tmp_path, name, content):
    """Also when they come from an HTML entity or a JSON escape; JSONL names the line."""
    import warnings

    path = write(tmp_path, name, content)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [article] = read_file(path)
    assert article.text == VIENNA
    where = f"{path}:1" if name.endswith(".jsonl") else str(path)
    assert [str(w.message) for w in caught] == [
        f"{where}: 2 control or invisible formatting character(s) removed (U+200B, U+202E)"]
