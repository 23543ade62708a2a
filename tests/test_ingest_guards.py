"""kg.ingest against hostile input (issue 15): JSON that ``json.loads`` chokes on, lone
surrogates, text that stalls spaCy's tokenizer, HTML whose boilerplate check was
quadratic, symbolic links out of a folder, special and kernel files, and file names
that would forge terminal lines.  All texts are fictional and written for these tests.
"""
from __future__ import annotations

import io
import json
import os
import sys
import time
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import examples

from kg import ingest, parsers
from kg.errors import IngestError, IngestWarning, printable
from kg.parsers import normalize_text, parse_html
from kg.ingest import read_file, read_paths
from kg.model import Article
from kg.text import MAX_RUN, MAX_WORD, RUN_KEEP, article_id, tame_text

VIENNA = "The Foreign Minister of Ruritania met his Freedonian counterpart in Vienna on Tuesday."
GENEVA = "Delegations from Borduria and Syldavia signed a trade memorandum in Geneva."
PRIVATE = "My private note: the Syldavian envoy will resign before the summit."
URL = ("https://news.example/world/2025/03/04/ruritania-freedonia-talks-vienna?utm_source=feed&utm_medium="
       "rss&utm_campaign=morning-briefing&session=" + "0123456789abcdef" * 12)[:300]


def read(paths, **kwargs) -> tuple[list[Article], list[IngestError], list[str]]:
    """Articles, errors and warning messages of read_paths."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = list(read_paths(paths, **kwargs))
    assert all(w.category is IngestWarning for w in caught), [str(w.message) for w in caught]
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)],
            [str(w.message) for w in caught])


def jsonl(tmp_path: Path, *lines: str, name: str = "wire.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------- JSON failures

def test_a_lone_surrogate_escape_is_replaced_with_a_note_and_the_other_lines_go_in(tmp_path):
    """``"\\ud800"`` used to abort the whole build with a UnicodeEncodeError."""
    path = jsonl(tmp_path, json.dumps({"text": VIENNA}),
                 '{"text": "Talks in Geneva\\ud800 ended.", "title": "Geneva \\udfff talks", "id": "g\\ud83d"}',
                 json.dumps({"text": GENEVA}))
    articles, errors, notes = read([path])
    assert errors == [] and [a.text for a in articles] == [VIENNA, "Talks in Geneva\ufffd ended.", GENEVA]
    odd = articles[1]
    assert (odd.title, odd.id) == ("Geneva \ufffd talks", "g\ufffd")
    assert notes == [f"{path}:2: 3 lone surrogate(s) (U+D800, U+D83D, U+DFFF) replaced by U+FFFD in text, id, title"]
    for article in articles:  # every field can be written as UTF-8 now
        for value in (article.text, article.title, article.id, article.source):
            (value or "").encode("utf-8")


@pytest.mark.parametrize("field", ["text", "id", "title", "date", "url", "source"])
def test_a_lone_surrogate_in_any_field_is_replaced(tmp_path, field):
    record = {"text": VIENNA, field: (VIENNA if field == "text" else "x") + "\udc80"}
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")  # json.dumps writes the \udc80 escape
    [article], errors, notes = read([path])
    assert errors == [] and notes == [f"{path}: 1 lone surrogate(s) (U+DC80) replaced by U+FFFD in {field}"]
    assert "\udc80" not in repr(article) and "\ufffd" in (getattr(article, field) or "\ufffd")


@pytest.mark.parametrize("digits", [4301, 100_000])
def test_a_huge_integer_is_an_error_for_its_line_only(tmp_path, digits):
    """``json.loads`` raises ValueError (not JSONDecodeError) past 4,300 digits."""
    path = jsonl(tmp_path, json.dumps({"text": VIENNA}), '{"text": "x", "count": ' + "9" * digits + "}",
                 json.dumps({"text": GENEVA}))
    articles, errors, _ = read([path])
    assert [a.text for a in articles] == [VIENNA, GENEVA]
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    assert [str(e) for e in errors] == [
        f"{path}:2: invalid JSON: a number of {digits:,} digits (at most {limit:,} are read)"]


def test_a_huge_integer_in_a_json_file_is_an_error_for_the_file(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[{"text": "' + VIENNA + '"}, {"text": "x", "n": -' + "1" * 5000 + "}]", encoding="utf-8")
    [error] = read([path])[1]
    assert error.source == str(path)
    assert error.reason == "invalid JSON: a number of 5,000 digits (at most 4,300 are read)"


def test_a_deeply_nested_line_is_an_error_for_its_line_only(tmp_path):
    path = jsonl(tmp_path, "[" * 100_000 + "]" * 100_000, json.dumps({"text": VIENNA}))
    articles, errors, _ = read([path])
    assert [a.text for a in articles] == [VIENNA]
    assert [str(e) for e in errors] == [f"{path}:1: JSON too deeply nested"]


def test_anything_json_loads_raises_is_an_error(tmp_path, monkeypatch):
    def broken(text):
        raise MemoryError("no room for this document")
    monkeypatch.setattr(parsers.json, "loads", broken)
    path = jsonl(tmp_path, json.dumps({"text": VIENNA}))
    assert [str(e) for e in read([path])[1]] == [
        f"{path}:1: invalid JSON (MemoryError: no room for this document)"]


# ----------------------------------------------------------- surrogates, other routes

def test_a_surrogate_html_entity_becomes_the_replacement_character(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><p>{VIENNA} Geneva&#xd800; &#55296;talks.</p></body></html>", encoding="utf-8")
    [article] = read_file(path)
    assert article.text == f"{VIENNA} Geneva\ufffd \ufffdtalks."


@pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                    reason="POSIX file names of any bytes, decoded as UTF-8")
def test_a_file_name_that_is_not_utf8_gives_a_writable_source(tmp_path):
    os.mkdir(tmp_path / "in")
    with open(os.path.join(os.fsencode(tmp_path / "in"), b"caf\xe9.txt"), "wb") as f:
        f.write(VIENNA.encode())
    [article], errors, notes = read([tmp_path / "in"])
    assert errors == [] and article.source == f"{tmp_path}/in/caf\ufffd.txt"
    assert article.origin == f"{tmp_path}/in/caf\udce9.txt"  # where it was read, for messages: the real name
    assert notes == [f"{tmp_path}/in/caf\\udce9.txt: 1 lone surrogate(s) (U+DCE9) replaced by U+FFFD in file name"]


def test_a_text_stream_on_stdin_gives_back_its_undecodable_bytes():
    """A text stream (no .buffer) that kept undecodable bytes as surrogates: the error names the byte."""
    assert [e.reason for e in read(["-"], stdin=io.StringIO("caf\udce9 talks"))[1]] == [
        "not valid UTF-8 (byte 0xe9 at offset 3)"]
    assert [e.reason for e in read(["-"], stdin=io.StringIO("Talks\ud800"))[1]] == [
        "not valid UTF-8 (byte 0xed at offset 5)"]


def test_stdin_metadata_with_a_surrogate_is_a_usage_error():
    from kg.errors import UsageError

    with pytest.raises(UsageError, match=r"the title given for standard input, caf\\udce9, is not valid UTF-8"):
        ingest.stdin_metadata({"title": "caf\udce9"})


def test_article_id_does_not_crash_on_a_surrogate():
    assert article_id("Talks\ud800") != article_id("Talks\udc00")


# ------------------------------------------------------------ runs and long words

@pytest.mark.parametrize("run", ["?", "&", "!?.", "=", "_", "\U0001f600", "\u2014", "'\""])
def test_a_long_run_of_punctuation_is_cut(run):
    text = f"{VIENNA} Yes{run * (MAX_RUN * 3)} no."
    tamed, notes = tame_text(text)
    kept = (run * RUN_KEEP)[:RUN_KEEP]
    assert tamed == f"{VIENNA} Yes{kept} no."
    assert notes == [f"a run of {len(run * (MAX_RUN * 3)):,} punctuation or symbol characters cut to {RUN_KEEP}"]


def test_short_runs_urls_and_ordinary_text_are_untouched():
    text = f"{VIENNA} {'=' * MAX_RUN}\n\nSee {URL} ... (really?!) -- {'x' * MAX_WORD}"
    assert len(URL) == 300 and tame_text(text) == (text, [])


def test_a_long_word_is_split_into_pieces():
    word = ("ab12-" * 1000)[:2 * MAX_WORD + 7]
    tamed, notes = tame_text(f"{VIENNA} {word} {GENEVA}")
    pieces = tamed.split()[len(VIENNA.split()):-len(GENEVA.split())]
    assert "".join(pieces) == word and [len(p) for p in pieces] == [MAX_WORD, MAX_WORD, 7]
    assert notes == [f"a word of {len(word):,} characters without a space split into pieces of {MAX_WORD}"]
    assert tame_text(tamed) == (tamed, [])  # tamed text stays as it is


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "9", "?", "&", "_", ".", "-", "'s", "\U0001f600", " ", "\n", "é"]),
                max_size=2000).map("".join))
def test_taming_is_idempotent_and_keeps_normal_text_normal(raw):
    text = normalize_text(raw)
    tamed, _ = tame_text(text)
    assert tame_text(tamed) == (tamed, [])
    assert normalize_text(tamed) == tamed
    assert all(len(word) <= MAX_WORD for word in tamed.split())


def test_an_article_is_tamed_and_told(tmp_path):
    path = tmp_path / "shout.txt"
    path.write_text(f"Title: Talks\n\n{VIENNA} Why{'?' * 20_000}\n\n{'Z' * 1200}\n", encoding="utf-8")
    [article], [], notes = read([path])
    assert article.text == f"{VIENNA} Why???\n\n{'Z' * 500} {'Z' * 500} {'Z' * 200}" and article.title == "Talks"
    assert article.id == article_id(article.text)
    assert notes == [f"{path}: a run of 20,000 punctuation or symbol characters cut to 3",
                     f"{path}: a word of 1,200 characters without a space split into pieces of 500"]


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["?", ".-", "'s", "\U0001f600", "_", "a", "7", "&amp;", "x?y("])
def test_the_tokenizer_is_fast_on_any_long_token_once_tamed(nlp, unit):
    """About 20,000 characters of each shape: spaCy took 42 s on '?' before; now a second or
    two at most (MAX_WORD was chosen from these timings).  Each 500 characters differ (spaCy
    caches the tokens of a string it has seen)."""
    text, _ = tame_text("".join(f"{i:05d}" + unit * (495 // len(unit)) for i in range(40)))
    start = time.perf_counter()
    nlp.tokenizer(text)
    seconds = time.perf_counter() - start
    print(f"{unit!r}: {seconds:.2f} s")
    assert seconds < 5


def test_a_300_character_url_is_one_token(nlp):
    assert [t.text for t in nlp.tokenizer(tame_text(f"See {URL} now")[0])] == ["See", URL, "now"]


# ------------------------------------------------------------------- nested HTML

def _old_roots(soup):
    """The articles the old code measured: every one outside boilerplate (quadratic)."""
    return [a for a in soup.find_all("article") if not any(map(parsers._dropped, a.parents))]


@settings(max_examples=examples(300), deadline=None)
@given(st.recursive(st.sampled_from(["Vienna talks.", "Geneva pact signed today.", ""]),
                    lambda inner: st.builds(
                        lambda tag, attrs, kids: f"<{tag}{attrs}>{''.join(kids)}</{tag}>",
                        st.sampled_from(["article", "article", "div", "nav", "p", "aside", "section"]),
                        st.sampled_from(["", "", " hidden", ' role="navigation"']),
                        st.lists(inner, max_size=4)),
                    max_leaves=30))
def test_the_linear_article_choice_gives_the_same_text_as_the_old_one(body):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(f"<html><body>{body}</body></html>", "lxml")
    old = max(map(parsers._block_text, _old_roots(soup)), key=len, default="")
    new = max(map(parsers._block_text, parsers._article_roots(soup)), key=len, default="")
    assert new == old


def test_a_hidden_article_inside_a_shorter_one_is_still_measured():
    html = f"<body><article><p>Short.</p><article hidden><p>{VIENNA}</p></article></article></body>"
    assert parse_html(html).text == VIENNA


def test_nested_articles_take_linear_time():
    """72 kB of nested <article> took 129 s: each article's parents were walked (8,000: 60 s)."""
    depth = 8000
    html = "<html><body>" + "<article>" * depth + f"<p>{VIENNA}</p>" + "</article>" * depth + "</body></html>"
    start = time.perf_counter()
    article = parse_html(html)
    seconds = time.perf_counter() - start
    assert article.text == VIENNA and seconds < 5, seconds


# ------------------------------------------------------- symbolic links and folders

@pytest.fixture
def linked(tmp_path):
    """A folder with an article, a link to a private file outside, a link to an article inside,
    a link to a folder outside, a link loop and a link to itself."""
    folder, private = tmp_path / "inbox", tmp_path / "private"
    folder.mkdir()
    private.mkdir()
    (folder / "vienna.txt").write_text(VIENNA, encoding="utf-8")
    (private / "notes.txt").write_text(PRIVATE, encoding="utf-8")
    (private / "geneva.txt").write_text(GENEVA, encoding="utf-8")
    (folder / "notes.txt").symlink_to(private / "notes.txt")
    (folder / "again.txt").symlink_to("vienna.txt")
    (folder / "more").symlink_to(private, target_is_directory=True)
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "self.txt").symlink_to("self.txt")
    return folder, private


def test_links_out_of_a_folder_are_skipped_with_a_note(linked):
    folder, private = linked
    articles, errors, notes = read([folder])
    assert [a.text for a in articles] == [VIENNA]  # again.txt is vienna.txt, read once
    assert PRIVATE not in {a.text for a in articles}
    assert [str(e) for e in errors] == [f"{folder}/self.txt: too many levels of symbolic links"]
    skipped = "skipped: a symbolic link out of the folder, to"
    assert notes == [f"{folder}/more: {skipped} {private} (not followed unless asked)",
                     f"{folder}/notes.txt: {skipped} {private}/notes.txt (not followed unless asked)"]


def test_follow_symlinks_reads_them_and_walks_a_loop_once(linked):
    folder, _ = linked
    articles, errors, notes = read([folder], follow_symlinks=True)
    assert sorted(a.text for a in articles) == sorted([VIENNA, GENEVA, PRIVATE])
    assert [str(e) for e in errors] == [f"{folder}/self.txt: too many levels of symbolic links"]
    assert notes == []


def test_a_link_named_directly_is_read(linked):
    folder, _ = linked
    assert [a.text for a in read([folder / "notes.txt"])[0]] == [PRIVATE]


def test_a_folder_of_only_outside_links_says_so(tmp_path, linked):
    _, private = linked
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "a.txt").symlink_to(private / "geneva.txt")
    articles, errors, notes = read([folder])
    assert articles == [] and [e.reason for e in errors] == [
        "no article files (.txt .text .md .html .htm .json .jsonl) found"]
    assert len(notes) == 1 and "a.txt: skipped: a symbolic link out of the folder" in notes[0]


# ------------------------------------------------------------------ special files

@pytest.mark.parametrize("path, reason", [
    ("/dev/null", r"not a regular file \(a device\)"),
    ("/dev/zero", r"not a regular file \(a device\)"),
    ("/proc/self/status", r"not a regular file \(a kernel file: /proc/\d+/status\)"),
    ("/proc/version", r"not a regular file \(a kernel file\)"),
    ("/sys/kernel/mm/transparent_hugepage/enabled", r"not a regular file \(a kernel file.*\)"),
])
def test_devices_and_kernel_files_are_never_read(path, reason):
    import re

    if not os.path.exists(path):
        pytest.skip(f"no {path} here")
    [error] = read([path])[1]
    assert error.source == path and re.fullmatch(reason, error.reason), error.reason


def test_a_link_to_a_kernel_file_is_refused_even_when_followed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "status.txt").symlink_to("/proc/self/status")
    (folder / "vienna.txt").write_text(VIENNA, encoding="utf-8")
    articles, errors, _ = read([folder], follow_symlinks=True)
    assert [a.text for a in articles] == [VIENNA]
    assert [e.source for e in errors] == [f"{folder}/status.txt"]
    assert errors[0].reason.startswith("not a regular file (a kernel file: /proc/")


def test_a_file_swapped_for_a_pipe_after_the_check_is_caught_on_what_was_opened(tmp_path, monkeypatch):
    """The kind is checked again on the open file: a pipe put in place between the check
    and the open is refused, and opening it does not wait for a writer."""
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)
    check = ingest._check_regular

    def first_check_passes(path, st, real):
        if real is None:  # the check on the opened file
            check(path, st, real)
    monkeypatch.setattr(ingest, "_check_regular", first_check_passes)
    assert [str(e) for e in read([pipe])[1]] == [f"{pipe}: not a regular file (a named pipe)"]


def test_a_socket_given_directly_is_refused(tmp_path):
    import socket

    path = tmp_path / "live.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(os.fspath(path))
    assert [str(e) for e in read([path])[1]] == [f"{path}: not a regular file (a socket)"]


# ------------------------------------------------------------------- file names

HOSTILE_NAME = "x\n\x1b[2J\rfailed: 0\nok\u202e.txt"


def test_errors_and_notes_print_a_hostile_file_name_on_one_line(tmp_path):
    (tmp_path / HOSTILE_NAME).write_bytes(b"")
    (tmp_path / f"{HOSTILE_NAME}.md").write_text(VIENNA + "\x07", encoding="utf-8")
    _, errors, notes = read([tmp_path])
    escaped = f"{tmp_path}/x\\n\\x1b[2J\\rfailed: 0\\nok\\u202e.txt"
    assert [str(e) for e in errors] == [f"{escaped}: empty file"]
    assert errors[0].source == str(tmp_path / HOSTILE_NAME)  # the real name stays on the object
    assert notes == [f"{escaped}.md: 1 control or invisible formatting character(s) removed (U+0007)"]
    for line in [*map(str, errors), *notes]:
        assert line.isprintable() and printable(line) == line
