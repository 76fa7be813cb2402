"""Loading articles: plain-text news pages, Markdown and HTML, with their structure and metadata.

Every format ends up as the same `Article`: a title, metadata, and `Block`s in reading order
(paragraphs, bullets, call-outs, FAQ pairs) each tagged with the heading it sits under.
Page clutter (breadcrumbs, comment boxes, ad-block notices) is dropped here, so nothing
downstream can ever quote it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.schema import Article, Block

__all__ = [
    "SkippedFile",
    "ARTICLE_SUFFIXES",
    "find_article_files",
    "load_articles",
    "names_a_callout",
    "load_article",
    "doc_id_for",
]

PLAIN_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
ARTICLE_SUFFIXES = PLAIN_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
META_SUFFIX = ".meta.json"
# A section heading is a few words ("Future Trends: The Evolution of State-Sponsored Drug
# Trafficking" has eight); a deck under the headline is a sentence-long line.
DECK_MIN_WORDS = 10
META_FIELDS = ("title", "subtitle", "author", "published", "updated", "url", "section")


@dataclass(frozen=True)
class SkippedFile:
    source: str
    reason: str


# --- clutter -------------------------------------------------------------------------------

# A line that starts the page's tail: everything from it on is site furniture, not the story.
TAIL_MARKERS = re.compile(
    r"^(you may also like|related (posts|articles|stories)|leave a (comment|reply)|"
    r"adblock detected|more from|recommended for you|read next)\b",
    re.IGNORECASE,
)
# Single lines of furniture that may sit anywhere.
CLUTTER_LINES = re.compile(
    r"(this site uses akismet|disabl\w* your ad ?blocker|please support us by|"
    r"sign up for our newsletter|subscribe to our newsletter|share this article|"
    r"^advertisement$|^share on (facebook|twitter|x)$)",
    re.IGNORECASE,
)
# Sentences that talk to the reader about the page rather than report anything.
ENGAGEMENT_SENTENCE = re.compile(
    r"(share your thoughts|in the comments|let us know (what|in)|what do you think)", re.IGNORECASE
)

BREADCRUMB_SEPARATORS = re.compile(r"\s+(?:»|›|>|/|\|)\s+")
BYLINE = re.compile(r"^by\s+(?P<who>[A-Z][^\n]{1,120})$", re.IGNORECASE)
DATELINE = re.compile(r"^(?P<kind>published|updated|posted|last updated)(?: on)?[:\s]+(?P<when>.+)$", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[•·▪◦‣●*]|-|–|—|\d{1,2}[.)])\s+(?P<text>\S.*)$")
QUESTION = re.compile(r"^\s*Q\s*[:.]\s*(?P<text>\S.*)$")
ANSWER = re.compile(r"^\s*A\s*[:.]\s*(?P<text>\S.*)$")
# Boxed asides that news templates put between paragraphs.
CALLOUT_LABELS = (r"expert insight|did you know\??|pro tip|key takeaway|editor[’']s note|note|"
                  r"fact check|quick fact|why it matters|the bottom line|bottom line")
CALLOUT = re.compile(
    rf"^(?P<label>{CALLOUT_LABELS})\s*[:?]\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
CALLOUT_PARTS = r"box|section|call-?out|sidebar"  # what a reader calls one ("the Pro Tip box")


def names_a_callout(text: str, labels: str = CALLOUT_LABELS) -> bool:
    """Whether `text` points at a call-out by its label in quotes or with a word for the box
    ("the 'did you know' box", "the Pro Tip section"); `labels` is a regex alternation."""
    return re.search(rf"[‘'\"“](?:{labels})[’'\"”]|\b(?:{labels})\s+(?:{CALLOUT_PARTS})\b", text, re.IGNORECASE) is not None
# Role words that end an author's name in a byline such as "by James Carter Senior News Editor".
ROLE_WORDS = {
    "senior", "staff", "chief", "news", "editor", "reporter", "correspondent", "writer",
    "contributor", "columnist", "analyst", "producer", "managing", "associate", "deputy",
    "executive", "political", "foreign", "special", "bureau", "digital", "investigative",
    "contributing", "freelance", "editorial", "desk", "head",
}
TERMINAL_PUNCTUATION = tuple(".!?;:,\"”’…)")


# --- finding files -------------------------------------------------------------------------


def find_article_files(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> Iterator[Path]:
    """Every candidate file under `paths` (folders are walked), in a stable order.

    Hidden files and `*.meta.json` sidecars are not articles and are never yielded; nor is
    anything under the folders in `exclude` (the index, when it sits inside the corpus).
    """
    excluded = [folder.resolve() for folder in exclude]
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if (child.is_file() and not _is_hidden(relative) and not child.name.endswith(META_SUFFIX)
                        and not any(child.resolve().is_relative_to(folder) for folder in excluded)):
                    yield child
        elif not path.name.endswith(META_SUFFIX):
            yield path


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def doc_id_for(path: Path, corpus_root: Path) -> str:
    """A stable id for an article: its path relative to the corpus folder (absolute if outside)."""
    path = path.resolve()
    try:
        return path.relative_to(corpus_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_articles(files: Iterable[Path], corpus_root: Path) -> Iterator[Article | SkippedFile]:
    """Load each file; a file that cannot be read as an article is yielded as `SkippedFile`."""
    for path in files:
        yield load_article(path, corpus_root)


def load_article(path: Path, corpus_root: Path) -> Article | SkippedFile:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return SkippedFile(source, f"unsupported file type '{suffix or path.name}'; use .txt, .md or .html")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SkippedFile(source, f"cannot read it ({exc.strerror or exc})")
    text, problem = _decode(raw)
    if problem:
        return SkippedFile(source, problem)

    meta_path = path.with_name(path.name + META_SUFFIX)
    meta, meta_raw = {}, b""
    if meta_path.exists():
        meta_raw = meta_path.read_bytes()
        try:
            meta = json.loads(meta_raw)
            if not isinstance(meta, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            return SkippedFile(source, f"its metadata file {meta_path.name} is not a JSON object ({exc}); fix or remove it")

    if suffix in HTML_SUFFIXES:
        parsed = _parse_html(text)
    elif suffix in MARKDOWN_SUFFIXES:
        parsed = _parse_markdown(text)
    else:
        parsed = _parse_plain(text)
    if parsed is None or not parsed.blocks:
        return SkippedFile(source, "no article text found in it")

    for key in META_FIELDS:
        value = meta.get(key)
        if value:
            setattr(parsed, "category" if key == "section" else key, str(value))
    if not parsed.title:
        parsed.title = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()

    return Article(
        doc_id=doc_id_for(path, corpus_root),
        source=source,
        title=parsed.title,
        blocks=parsed.blocks,
        content_hash=hashlib.sha256(raw + b"\0" + meta_raw).hexdigest(),
        author=parsed.author,
        author_role=parsed.author_role,
        subtitle=parsed.subtitle,
        byline=parsed.byline,
        published=_iso_date(parsed.published),
        updated=_iso_date(parsed.updated),
        url=parsed.url,
        category=parsed.category,
        breadcrumb=parsed.breadcrumb,
    )


def _decode(raw: bytes) -> tuple[str, str]:
    """The text of a file, or a reason it is not a text article."""
    if not raw.strip():
        return "", "empty file"
    if b"\0" in raw[:8192]:
        return "", "binary file, not text"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "", "not UTF-8 text; save it as UTF-8 and ingest again"
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


def _iso_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD) from whatever a page or sidecar says, or '' if it is not a date."""
    if not value:
        return ""
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(value).date().isoformat()
    except (ValueError, OverflowError):
        return ""


# --- the shared block parser -----------------------------------------------------------------


@dataclass
class _Parsed:
    title: str = ""
    subtitle: str = ""
    author: str = ""
    author_role: str = ""
    byline: str = ""
    published: str = ""
    updated: str = ""
    url: str = ""
    category: str = ""
    breadcrumb: str = ""
    blocks: list[Block] | None = None


def _parse_lines(lines: list[str], parsed: _Parsed, markdown: bool) -> _Parsed:
    """Turn the body's lines into blocks. Each non-empty line is a paragraph, a bullet, a heading,
    a call-out or half of an FAQ pair; headings are explicit (`#`) in Markdown and inferred
    (a short line without closing punctuation) in plain text."""
    blocks: list[Block] = []
    section = ""
    pending_question = ""
    for line in lines:
        line = line.strip()
        if not line or CLUTTER_LINES.search(line):
            continue
        if markdown:
            heading = re.match(r"^#{1,6}\s+(.*)$", line)
            if heading:
                text = _strip_markdown(heading.group(1))
                if not parsed.title and line.startswith("# "):
                    parsed.title = text
                elif text != parsed.title:
                    section = text
                continue
            line = _strip_markdown(line)
        if parsed.title and line == parsed.title:
            continue  # pages often repeat their title at the top of the body

        if question := QUESTION.match(line):
            pending_question = question.group("text")
            continue
        if (answer := ANSWER.match(line)) and pending_question:
            text = f"Q: {pending_question}\nA: {answer.group('text')}"
            blocks.append(Block("faq", text, section, label=pending_question))
            pending_question = ""
            continue
        pending_question = ""

        if bullet := BULLET.match(line):
            text = bullet.group("text")
            blocks.append(Block("bullet", text, section, label=_lead_label(text)))
        elif callout := CALLOUT.match(line):
            blocks.append(Block("callout", line, section, label=callout.group("label").rstrip("?")))
        elif not markdown and _looks_like_heading(line):
            section = line
        else:
            text = _drop_engagement(line)
            if text:
                blocks.append(Block("paragraph", text, section))
    parsed.blocks = blocks
    return parsed


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 20 and not line.endswith(TERMINAL_PUNCTUATION) and line[0].isupper()


def _is_deck(line: str) -> bool:
    """A heading-shaped first line of the body, longer than a section heading ("The Cartel of
    the Suns: How Venezuela’s Alleged Weaponization of Drug Trafficking Could Reshape
    Geopolitics"): the page's subtitle."""
    return _looks_like_heading(line) and len(line.split()) >= DECK_MIN_WORDS and not CALLOUT.match(line)


def _lead_label(text: str) -> str:
    """'Targeted Sanctions: Impose …' -> 'Targeted Sanctions' (a short lead before a colon)."""
    head, sep, _ = text.partition(":")
    return head.strip() if sep and len(head.split()) <= 8 else ""


def _drop_engagement(paragraph: str) -> str:
    from assistant.text import split_sentences

    kept = [s for s in split_sentences(paragraph) if not ENGAGEMENT_SENTENCE.search(s)]
    return " ".join(kept).strip()


def _strip_markdown(line: str) -> str:
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)  # images
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links keep their text
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<!\w)[*_](\S.*?)[*_](?!\w)", r"\1", line)
    return line.strip()


# --- the three formats ---------------------------------------------------------------------


def _parse_plain(text: str) -> _Parsed:
    """A news page saved as text: breadcrumb, title, byline, body, then site furniture."""
    lines = _cut_tail(text.split("\n"))
    parsed = _Parsed()
    body_start = 0
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    cursor = iter(nonempty)

    index = next(cursor, None)
    if index is not None:
        crumbs = BREADCRUMB_SEPARATORS.split(lines[index].strip())
        if len(crumbs) >= 2 and crumbs[0].strip().lower() in {"home", "start", "news"}:
            parsed.category = crumbs[1].strip() if len(crumbs) >= 3 else ""
            parsed.breadcrumb = lines[index].strip()
            body_start = index + 1
            index = next(cursor, None)
    if index is not None:
        parsed.title = lines[index].strip()
        body_start = index + 1
    # Byline and datelines sit right under the title.
    for index in cursor:
        line = lines[index].strip()
        if byline := BYLINE.match(line):
            parsed.author, parsed.author_role = _split_byline(byline.group("who"))
            parsed.byline = line
        elif dateline := DATELINE.match(line):
            kind = "updated" if "updated" in dateline.group("kind").lower() else "published"
            setattr(parsed, kind, dateline.group("when"))
        else:
            break
        body_start = index + 1
    body = [line.strip() for line in lines[body_start:] if line.strip()]
    # Only under a byline or dateline, where news pages print one, and not the title repeated.
    under_byline = bool(parsed.byline or parsed.published or parsed.updated)
    if under_byline and len(body) >= 2 and body[0] != parsed.title and _is_deck(body[0]) and not _looks_like_heading(body[1]):
        # The deck stays the first section's heading too: the page prints it over that text.
        parsed.subtitle = body[0]
    return _parse_lines(lines[body_start:], parsed, markdown=False)


def _parse_markdown(text: str) -> _Parsed:
    import frontmatter

    try:
        post = frontmatter.loads(text)
        meta, body = post.metadata, post.content
    except Exception:  # malformed front matter: treat the whole file as body, lose nothing
        meta, body = {}, text
    parsed = _Parsed(
        title=str(meta.get("title") or ""),
        subtitle=str(meta.get("subtitle") or meta.get("dek") or meta.get("deck") or ""),
        published=str(meta.get("published") or meta.get("date") or ""),
        updated=str(meta.get("updated") or ""),
        url=str(meta.get("url") or ""),
        category=str(meta.get("section") or meta.get("category") or ""),
    )
    if meta.get("author"):
        parsed.author, parsed.author_role = _split_byline(str(meta["author"]))
    return _parse_lines(_cut_tail(body.split("\n")), parsed, markdown=True)


def _parse_html(html: str) -> _Parsed | None:
    """trafilatura finds the main text and the metadata; its Markdown keeps headings and lists."""
    import trafilatura

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = trafilatura.extract(
        html, output_format="markdown", include_comments=False, include_formatting=True, include_tables=True
    )
    if document is None or not body:
        return None
    parsed = _Parsed(
        title=document.title or "",
        published=document.date or "",
        url=document.url or "",
        category=(document.categories or [""])[0] if document.categories else "",
    )
    if document.author:
        parsed.author, parsed.author_role = _split_byline(document.author)
    return _parse_lines(_cut_tail(body.split("\n")), parsed, markdown=True)


def _cut_tail(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if TAIL_MARKERS.match(line.strip()):
            return lines[:i]
    return lines


def _split_byline(who: str) -> tuple[str, str]:
    """'James Carter Senior News Editor' -> ('James Carter', 'Senior News Editor')."""
    who = who.strip().rstrip(".")
    if "," in who:
        name, _, role = who.partition(",")
        return name.strip(), role.strip()
    words = who.split()
    for i, word in enumerate(words):
        if i >= 2 and word.lower() in ROLE_WORDS:
            return " ".join(words[:i]), " ".join(words[i:])
    return who, ""
