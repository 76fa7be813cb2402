"""Cutting an article into passages that cite well.

A passage is one structural unit: the article header (title, byline, date), one paragraph,
one bullet, one call-out, or one FAQ question with its whole answer. A unit over the token
budget is split on sentence boundaries (an FAQ piece keeps its question). Passage ids are
derived from content, so an unchanged passage keeps its id and its embedding across ingests.
"""

from __future__ import annotations

import hashlib

from assistant.schema import Article, Block, Passage
from assistant.text import count_tokens, split_sentences

__all__ = ["chunk_article", "header_text"]


def header_text(article: Article) -> str:
    """The article's header as a passage of its own, so "who wrote this?" can be cited."""
    lines = [article.title.rstrip(".") + "."]
    # The page's own byline, verbatim, so a citation of it quotes the page; one is composed
    # only from metadata (HTML, front matter, a sidecar) that has no printed line.
    if article.byline:
        lines.append(article.byline.rstrip(".") + ".")
    elif article.author:
        byline = f"By {article.author}"
        if article.author_role:
            byline += f", {article.author_role}"
        lines.append(byline + ".")
    if article.subtitle:  # under the byline, as the page prints it
        lines.append(f"Subtitle: {article.subtitle.rstrip('.')}.")
    if article.published:
        lines.append(f"Published {article.published}.")
    if article.updated:
        lines.append(f"Updated {article.updated}.")
    if article.category:
        # The trail verbatim too: a reader asking where the story is filed cites the page's line.
        trail = f" ({article.breadcrumb})" if article.breadcrumb else ""
        lines.append(f"Section: {article.category}{trail}.")
    if article.url:
        lines.append(f"Source: {article.url}")
    return "\n".join(lines)


def chunk_article(article: Article, max_tokens: int = 200) -> list[Passage]:
    units = [Block("header", header_text(article), "")] + list(article.blocks)
    passages: list[Passage] = []
    seen_ids: set[str] = set()
    for block in units:
        for text in _fit(block, max_tokens):
            passage_id = _passage_id(article.doc_id, block, text, seen_ids)
            seen_ids.add(passage_id)
            passages.append(
                Passage(
                    id=passage_id,
                    doc_id=article.doc_id,
                    text=text,
                    kind=block.kind,
                    position=len(passages),
                    title=article.title,
                    section=block.section,
                    label=block.label,
                    author=article.author,
                    published=article.published,
                    updated=article.updated,
                    url=article.url,
                    category=article.category,
                    source=article.source,
                    article_hash=article.content_hash,
                )
            )
    return passages


def _fit(block: Block, max_tokens: int) -> list[str]:
    """The block's text, or sentence-aligned pieces of it when it is over the budget."""
    if count_tokens(block.text) <= max_tokens:
        return [block.text]
    prefix = ""
    body = block.text
    if block.kind == "faq":
        prefix, _, body = block.text.partition("\n")
        prefix += "\n"
        body = body.removeprefix("A: ")
    budget = max_tokens - count_tokens(prefix)
    pieces: list[str] = []
    current: list[str] = []
    for sentence in split_sentences(body):
        if current and count_tokens(" ".join(current + [sentence])) > budget:
            pieces.append(" ".join(current))
            current = []
        current.append(sentence)  # a single sentence over the budget stays whole: never cut mid-claim
    if current:
        pieces.append(" ".join(current))
    if block.kind == "faq":
        return [f"{prefix}A: {piece}" for piece in pieces]
    return pieces


def _passage_id(doc_id: str, block: Block, text: str, seen: set[str]) -> str:
    """Content-derived and stable; a repeated identical unit in one article gets a counter."""
    base = "\x1f".join((doc_id, block.kind, block.section, text))
    candidate = hashlib.sha256(base.encode()).hexdigest()[:32]
    counter = 1
    while candidate in seen:
        counter += 1
        candidate = hashlib.sha256(f"{base}\x1f{counter}".encode()).hexdigest()[:32]
    return candidate
