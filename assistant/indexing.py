"""Ingest: bring the index in line with the corpus, embedding only what is new.

The store itself is the record of what was ingested: every stored passage carries its
article's id and content hash. An article whose stored passages match what chunking makes
now is unchanged and costs nothing (the model is not even loaded), unless the index was
embedded by an older recipe (`store.VIEW_RECIPE`): then every view is embedded anew, in place. An edited article gets
its new passages added *before* its stale ones are deleted, one article at a time, so a
crash at any point leaves a searchable index and the next ingest converges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.chunking import chunk_article
from assistant.corpus import SkippedFile, find_article_files, load_articles
from assistant.providers import Embedder
from assistant.schema import Article, Passage
from assistant.store import PassageStore, embedding_views

__all__ = ["IngestReport", "ingest"]

REEMBED_BATCH = 256  # passages embedded anew per write when the embedding recipe changed


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    passages_embedded: int = 0

    def summary(self) -> str:
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped; "
            f"{self.passages_embedded} passages embedded"
        )
        return "\n".join([line] + [f"skipped {s.source}: {s.reason}" for s in self.skipped])


@dataclass
class _Plan:
    article: Article
    passages: list[Passage]
    new: list[Passage]
    stale: list[str]
    restamped: list[Passage]  # same text, changed metadata (position, dates, URL)


def ingest(
    paths: Iterable[Path],
    *,
    store: PassageStore,
    embedder: Embedder,
    corpus_root: Path,
    max_tokens: int,
    on_article: Callable[[str, int, int], None] | None = None,
    index_dir: Path | None = None,
) -> IngestReport:
    """Add, update and remove articles under `paths`, never reading the files of `index_dir`.
    `on_article(doc_id, done, total)` reports progress."""
    paths = list(paths)
    report = IngestReport()
    stored = store.stored_passages()

    plans: list[_Plan] = []
    seen: set[str] = set()
    for loaded in load_articles(find_article_files(paths, exclude=[index_dir] if index_dir else []), corpus_root):
        if isinstance(loaded, SkippedFile):
            report.skipped.append(loaded)
            continue
        if loaded.doc_id in seen:
            continue
        seen.add(loaded.doc_id)
        plan = _plan(loaded, chunk_article(loaded, max_tokens), stored.get(loaded.doc_id, {}))
        if plan is None:
            report.unchanged.append(loaded.doc_id)
        else:
            plans.append(plan)

    if stored and not store.has_current_recipe:
        # Views embedded the way an older version did: embed them all anew, in place, before
        # anything else; the recipe is recorded last, so a crash leaves it to the next ingest.
        store.check_model(embedder.model)
        report.passages_embedded += _reembed(store, embedder)
    if any(plan.new for plan in plans):
        _check_or_record_model(store, embedder, empty=not stored)

    for done, plan in enumerate(plans, start=1):
        doc_id = plan.article.doc_id
        report.passages_embedded += _write(plan, store, embedder)
        (report.updated if doc_id in stored else report.added).append(doc_id)
        if on_article:
            on_article(doc_id, done, len(plans))

    for doc_id, passages in stored.items():
        if doc_id not in seen and _vanished(doc_id, corpus_root, paths):
            store.delete_passages(list(passages))
            report.removed.append(doc_id)
    return report


def _plan(article: Article, passages: list[Passage], stored: dict[str, dict]) -> _Plan | None:
    wanted = {p.id: p for p in passages}
    if set(wanted) == set(stored) and all(
        _same_metadata(stored[pid], wanted[pid]) for pid in wanted
    ):
        return None
    return _Plan(
        article=article,
        passages=passages,
        new=[p for p in passages if p.id not in stored],
        stale=[pid for pid in stored if pid not in wanted],
        restamped=[p for p in passages if p.id in stored and not _same_metadata(stored[p.id], p)],
    )


def _same_metadata(stored: dict, passage: Passage) -> bool:
    return all(stored.get(key) == value for key, value in passage.metadata().items())


def _write(plan: _Plan, store: PassageStore, embedder: Embedder) -> int:
    vectors = _embed_views(plan.new, embedder)
    store.add(plan.new, vectors)  # add first: a crash here leaves old and new, never neither
    if plan.restamped:
        store.update_metadata(plan.restamped)
    if plan.stale:
        store.delete_passages(plan.stale)
    return len(plan.new)


def _embed_views(passages: list[Passage], embedder: Embedder) -> dict[str, list[float]]:
    """view id -> embedding, for every view of these passages."""
    views = [view for p in passages for view in embedding_views(p)]
    if not views:
        return {}
    return dict(zip([view_id for view_id, _ in views], embedder.embed_texts([text for _, text in views])))


def _reembed(store: PassageStore, embedder: Embedder) -> int:
    """Every stored view's vector anew, a batch of passages at a time (memory stays small);
    the recipe is recorded after the last batch, so a crash leaves the next ingest to redo it."""
    passages = store.passages()
    for start in range(0, len(passages), REEMBED_BATCH):
        store.update_vectors(_embed_views(passages[start : start + REEMBED_BATCH], embedder))
    store.record_model(embedder.model, embedder.dimension)
    return len(passages)


def _check_or_record_model(store: PassageStore, embedder: Embedder, empty: bool) -> None:
    info = store.model_info
    if info.get("embed_model"):
        store.check_model(embedder.model)
    if not info.get("embed_model") or empty:
        # An emptied index may carry an older recipe: what is embedded now is this one's.
        store.record_model(embedder.model, embedder.dimension)


def _vanished(doc_id: str, corpus_root: Path, scanned: list[Path]) -> bool:
    """An article leaves the index when its file is gone from a folder this ingest scanned."""
    source = (corpus_root / doc_id).resolve()  # doc ids are relative to the corpus, or absolute
    if source.exists():
        return False
    return any(p.is_dir() and source.is_relative_to(p.resolve()) for p in scanned) or any(
        source == p.resolve() for p in scanned
    )
