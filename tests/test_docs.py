"""The README and docs/*.md: links, anchors, images, length, and the command reference.

Every relative link must point at a file or folder of the repository, every
``#anchor`` at a heading of the target page (GitHub's heading slugs), every
image at an existing file.  External http(s) links are not fetched (the tests
have no network) but must be well-formed.  The README must stay under 200
lines, keep the set-up commands that ``.ci/run`` runs, and link every page of
docs/; docs/commands.md must name every command and option of ``kg``.

The checker is plain functions (:func:`check_links`, :func:`github_slug`), with
tests of its own on small examples written to ``tmp_path``.
"""
from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = ("commands", "stores", "graph", "extractor", "benchmarks", "development")
SCREENSHOT = DOCS / "img" / "demo-view.png"
MAX_README_LINES = 200
SETUP_COMMANDS = ('pip install -e ".[dev]"', "pytest")


# ------------------------------------------------------------------ the checker

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_HTML_ATTR = re.compile(r"<(a|img)\b[^>]*?\b(href|src)\s*=\s*[\"']([^\"']*)[\"']", re.I)
_HTML_ANCHOR = re.compile(r"<[a-z]+\b[^>]*?\b(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.I)
_AUTOLINK = re.compile(r"<(https?://[^>]*)>")
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$|^localhost$|^\d{1,3}(?:\.\d{1,3}){3}$")
_LINE_ANCHOR = re.compile(r"^L\d+(?:-L\d+)?$")


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.splitlines(), 1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * 3
            continue
        if fence is not None:
            if match and match.group(1).startswith(fence):
                fence = None
            continue
        yield number, line


def _rendered(heading: str) -> str:
    """The text GitHub shows for a heading's Markdown: code kept, markup dropped."""
    parts = []
    for i, piece in enumerate(_CODE_SPAN.split(heading)):
        kind = i % 3  # re.split with two groups: text, fence, code, text, ...
        if kind == 1:
            continue
        if kind == 2:
            parts.append(piece)
            continue
        piece = _INLINE_LINK.sub(lambda m: m.group(2), piece)
        piece = re.sub(r"<[^>]+>", "", piece)
        piece = re.sub(r"(?<!\w)_+|_+(?!\w)", "", piece)  # _emphasis_, not snake_case
        parts.append(piece)
    return "".join(parts)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, letters, digits, ``_``, ``-`` and
    spaces kept (other punctuation and symbols dropped), each space made ``-``.

    >>> github_slug("`kg query`: SPARQL from the shell")
    'kg-query-sparql-from-the-shell'
    """
    keep = []
    for ch in _rendered(heading).strip().lower():
        if ch in " -" or unicodedata.category(ch)[0] in "LMN" or unicodedata.category(ch) == "Pc":
            keep.append(ch)
    return "".join(keep).replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every ``#anchor`` a Markdown page offers: heading slugs (repeats get ``-1``, ``-2``,
    ...) and the ids and names of HTML elements."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    previous = ""
    for _number, line in _prose_lines(text):
        heading = None
        atx = _ATX.match(line)
        if atx:
            heading = atx.group(2)
        elif _SETEXT.match(line) and previous.strip() and not previous.lstrip().startswith(("|", "-", "*", ">")):
            heading = previous.strip()
        if heading is not None:
            slug = github_slug(heading)
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
        found.update(_HTML_ANCHOR.findall(line))
        previous = line
    return found


def links(text: str) -> Iterator[tuple[int, str, bool]]:
    """(line number, target, is an image) of every link and image outside code."""
    for number, line in _prose_lines(text):
        line = _CODE_SPAN.sub("", line)
        pending = [line]
        while pending:
            chunk = pending.pop()
            for match in _INLINE_LINK.finditer(chunk):
                yield number, match.group(3).strip("<>"), match.group(1) == "!"
                pending.append(match.group(2))  # an image inside a link's text
        rest = _without_links(line)  # what is left may hold HTML tags and <autolinks>
        ref = _REF_DEF.match(rest)
        if ref:
            yield number, ref.group(1).strip("<>"), False
        for tag, _attr, target in _HTML_ATTR.findall(rest):
            yield number, target, tag.lower() == "img"
        for target in _AUTOLINK.findall(rest):
            yield number, target, False


def _without_links(line: str) -> str:
    """``line`` with its inline links and images taken out (an image inside a link too)."""
    while True:
        stripped = _INLINE_LINK.sub("", line)
        if stripped == line:
            return line
        line = stripped


def unparsed_links(text: str) -> Iterator[int]:
    """Line numbers of ``[text](target)`` look-alikes that do not parse as links
    (a space in the target, say), outside code."""
    for number, line in _prose_lines(text):
        if "](" in _without_links(_CODE_SPAN.sub("", line)):
            yield number


def _external_problem(target: str) -> str | None:
    """Why an http(s) URL is malformed, or None."""
    if any(ch.isspace() for ch in target):
        return "contains white space"
    try:
        parts = urlsplit(target)
        port = parts.port
    except ValueError as exc:
        return str(exc)
    if not parts.netloc or not parts.hostname:
        return "has no host"
    if not _HOST.match(parts.hostname):
        return f"has a malformed host {parts.hostname!r}"
    if port == 0:
        return "has port 0"
    return None


def check_links(page: Path, root: Path) -> list[str]:
    """Problems with the links of one Markdown ``page`` whose repository is ``root``;
    each ``page:LINE: target: why``.  An empty list means every link is good."""
    text = page.read_text(encoding="utf-8")
    problems = []
    cache: dict[Path, set[str]] = {}

    def page_anchors(path: Path) -> set[str]:
        if path not in cache:
            cache[path] = anchors(path.read_text(encoding="utf-8"))
        return cache[path]

    for number in unparsed_links(text):
        problems.append(f"{page.relative_to(root)}:{number}: a link that does not parse "
                        "(white space in the target? write it as <...>)")
    for number, target, image in links(text):
        where = f"{page.relative_to(root)}:{number}: {target or '(empty)'}"
        if not target:
            problems.append(f"{where}: empty link")
            continue
        parts = urlsplit(target)
        if parts.scheme in ("http", "https"):
            why = _external_problem(target)
            if why:
                problems.append(f"{where}: malformed URL: {why}")
            continue
        if parts.scheme == "mailto":
            if "@" not in parts.path:
                problems.append(f"{where}: malformed mailto link")
            continue
        if parts.scheme or parts.netloc:
            problems.append(f"{where}: unsupported link (scheme {parts.scheme!r})")
            continue
        path_part, fragment = unquote(parts.path), unquote(parts.fragment)
        if path_part.startswith("/"):
            problems.append(f"{where}: absolute path: link relative to the page instead")
            continue
        dest = (page.parent / path_part).resolve() if path_part else page.resolve()
        if not dest.is_relative_to(root.resolve()):
            problems.append(f"{where}: points outside the repository")
            continue
        if not dest.exists():
            problems.append(f"{where}: no such file")
            continue
        if image and not dest.is_file():
            problems.append(f"{where}: an image must be a file")
            continue
        if "#" not in target:
            continue
        if dest.is_dir():
            problems.append(f"{where}: a folder has no anchors")
        elif dest.suffix.lower() == ".md":
            if fragment not in page_anchors(dest):
                problems.append(f"{where}: no heading or anchor #{fragment} in {dest.name}")
        elif not _LINE_ANCHOR.match(fragment):
            problems.append(f"{where}: #{fragment} is not a line anchor (#L12 or #L12-L20)")
    return sorted(problems, key=lambda p: int(p.split(":")[1]))


def _pages() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


# ------------------------------------------------------------------ the repository's docs

def test_every_docs_page_exists_and_the_readme_links_it():
    text = README.read_text(encoding="utf-8")
    targets = {target.split("#")[0] for _n, target, _image in links(text)}
    for name in PAGES:
        assert (DOCS / f"{name}.md").is_file(), f"docs/{name}.md is missing"
        assert f"docs/{name}.md" in targets, f"README.md does not link docs/{name}.md"


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines < MAX_README_LINES, f"README.md has {lines} lines; keep it under {MAX_README_LINES}"


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_links_anchors_and_images_resolve(page):
    assert check_links(page, ROOT) == []


def test_the_readme_shows_the_screenshot():
    images = [target for _n, target, image in links(README.read_text(encoding="utf-8")) if image]
    assert "docs/img/demo-view.png" in images
    width, height = _png_size(SCREENSHOT)
    assert 800 <= width <= 1600 and 400 <= height <= 1200, (width, height)
    assert SCREENSHOT.stat().st_size < 300_000, "keep the screenshot under 300 KB"
    assert (DOCS / "img" / "screenshot.py").is_file(), "the script that regenerates it"


def test_the_readme_gives_the_commands_ci_runs():
    """.ci/run installs and tests 'exactly as README.md says': the same two commands."""
    readme = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", readme, re.S)
    readme_lines = {line.strip() for block in blocks for line in block.splitlines()}
    ci_lines = {line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()}
    for command in SETUP_COMMANDS:
        assert command in readme_lines, f"README.md's set-up no longer says {command!r}"
        assert command in ci_lines, f".ci/run no longer runs {command!r}"


def _sections(text: str) -> dict[str, str]:
    """The text under each ``## `` heading of a page (code blocks included), by heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_the_command_reference_names_every_command_and_option():
    import argparse

    from kg.cli import parser

    sections = _sections((DOCS / "commands.md").read_text(encoding="utf-8"))
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, command in sub.choices.items():
        section = sections.get(f"kg {name}")
        if section is None:
            missing.append(f"kg {name}: no '## kg {name}' section")
            continue
        for action in command._actions:
            if not action.option_strings or isinstance(action, argparse._HelpAction):
                continue
            if not any(re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", section)
                       for opt in action.option_strings):
                missing.append(f"kg {name} {'/'.join(action.option_strings)}")
    assert missing == [], "docs/commands.md does not document: " + ", ".join(missing)


# ------------------------------------------------------------------ the checker itself

@pytest.mark.parametrize("heading, slug", [
    ("Set up", "set-up"),
    ("`kg query`: SPARQL from the shell", "kg-query-sparql-from-the-shell"),
    ("Stores: a file, a database or a server", "stores-a-file-a-database-or-a-server"),
    ("What's new? (2025)", "whats-new-2025"),
    ("Identity: one node per actor", "identity-one-node-per-actor"),
    ("Türkiye & Peñaloza", "türkiye--peñaloza"),
    ("[Linked](other.md) *emphasis* and `snake_case`", "linked-emphasis-and-snake_case"),
    ("Scale-out  twice", "scale-out--twice"),
])
def test_github_slug(heading, slug):
    assert github_slug(heading) == slug


def test_repeated_headings_get_numbered_anchors():
    found = anchors("# Notes\n\n## Notes\n\n## Notes\n\nSetext\n------\n\n<a id=\"custom\"></a>\n")
    assert {"notes", "notes-1", "notes-2", "setext", "custom"} <= found


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def test_the_checker_accepts_good_links(tmp_path):
    _write(tmp_path, {
        "README.md": ("# Title\n\n![shot](docs/img/a.png)\n\nSee [the guide](docs/guide.md#two-words), "
                      "[above](#title), [a folder](docs/), [code](src/x.py#L3-L5), "
                      "[web](https://example.org/a?b=1#c), <https://docs.python.org/3/>, "
                      "[mail](mailto:team@example.org) and [ref].\n\n"
                      "[ref]: docs/guide.md\n\n```sh\n[not a link](missing.md)\n```\n"
                      "Inline `[not a link](missing.md)` either.\n"),
        "docs/guide.md": "# Guide\n\n## Two words\n\nBack to [the top](../README.md#title).\n",
        "docs/img/a.png": b"\x89PNG\r\n\x1a\n",
        "src/x.py": "pass\n",
    })
    assert check_links(tmp_path / "README.md", tmp_path) == []
    assert check_links(tmp_path / "docs" / "guide.md", tmp_path) == []


def test_the_checker_reports_every_broken_link(tmp_path):
    _write(tmp_path, {
        "README.md": (
            "# Title\n\n"
            "[gone](docs/missing.md)\n"                       # 3: no such file
            "[no anchor here](#nowhere)\n"                    # 4: missing anchor, same page
            "[no anchor there](docs/guide.md#chapter-9)\n"    # 5: missing anchor, other page
            "![missing picture](docs/img/none.png)\n"         # 6: missing image
            "[bad url](<https://exa mple.org/>)\n"          # 7: white space
            "[no host](https:///path)\n"                      # 8: no host
            "[abs](/docs/guide.md)\n"                         # 9: absolute path
            "[outside](../elsewhere.md)\n"                    # 10: outside the repository
            "[folder anchor](docs/#x)\n"                      # 11: a folder has no anchors
            "[code anchor](docs/x.py#main)\n"                 # 12: not a line anchor
            "[empty]()\n"                                     # 13: empty
            "[ftp](ftp://example.org/file)\n"                 # 14: unsupported scheme
            "[wrong case](#Title)\n"                          # 15: anchors are lower case
            "[spaced](docs/guide .md)\n"                      # 16: does not parse
        ),
        "docs/guide.md": "# Guide\n",
        "docs/x.py": "pass\n",
    })
    problems = check_links(tmp_path / "README.md", tmp_path)
    expected = {
        3: "no such file", 4: "no heading or anchor #nowhere", 5: "no heading or anchor #chapter-9",
        6: "no such file", 7: "white space", 8: "no host", 9: "absolute path",
        10: "outside the repository", 11: "folder has no anchors", 12: "not a line anchor",
        13: "empty link", 14: "unsupported link", 15: "no heading or anchor #Title",
        16: "does not parse",
    }
    assert len(problems) == len(expected), "\n".join(problems)
    for line, why in expected.items():
        assert any(p.startswith(f"README.md:{line}:") and why in p for p in problems), (line, why, problems)
