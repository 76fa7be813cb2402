"""The types every stage speaks: articles in, passages through, answers out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Generic, Literal, TypeVar

__all__ = ["Block", "Article", "Passage", "Scored", "Citation", "Answer", "Turn"]

# "list" is no block of an article: it is what an answer to a list question cites, the section's
# lead-in and its bullets as one passage (see `answering`).
BlockKind = Literal["header", "paragraph", "bullet", "callout", "faq", "list"]


@dataclass(frozen=True)
class Block:
    """One structural unit recovered from a source file, in reading order."""

    kind: BlockKind
    text: str
    section: str = ""
    #: FAQ: the question; bullet / call-out: the bold-ish lead ("Targeted Sanctions", "Pro Tip").
    label: str = ""


@dataclass
class Article:
    doc_id: str  # stable: the file's path relative to the corpus folder
    source: str  # the file's path, for messages
    title: str
    blocks: list[Block]
    content_hash: str
    author: str = ""
    author_role: str = ""
    # The deck printed under the headline ("The Cartel of the Suns: How Venezuela’s Alleged…").
    subtitle: str = ""
    byline: str = ""  # the byline as the page prints it ("by James Carter Senior News Editor")
    published: str = ""  # ISO date when known
    updated: str = ""
    url: str = ""
    category: str = ""  # the breadcrumb section ("world"), not a heading
    breadcrumb: str = ""  # the trail as the page prints it ("Home » world » Maduro vs. Trump…")


@dataclass(frozen=True)
class Passage:
    """A citable unit: one paragraph, one bullet, one FAQ pair, or the article header."""

    id: str
    doc_id: str
    text: str
    kind: BlockKind
    position: int
    title: str
    section: str = ""
    label: str = ""
    author: str = ""
    published: str = ""
    updated: str = ""
    url: str = ""
    category: str = ""
    source: str = ""
    article_hash: str = ""

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the store (Chroma takes str, int, float and bool values)."""
        data = asdict(self)
        data.pop("id")
        data.pop("text")
        return data


T = TypeVar("T")


@dataclass(frozen=True)
class Scored(Generic[T]):
    item: T
    score: float  # fused rank score, for ordering
    similarity: float = 0.0  # best cosine similarity of the question to this passage


@dataclass
class Citation:
    n: int
    doc_id: str
    title: str
    section: str
    url: str | None
    published: str | None
    text: str
    score: float


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    #: the question as retrieval saw it, after follow-up resolution (not in the contract's JSON)
    standalone_question: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("standalone_question")
        return data


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str
