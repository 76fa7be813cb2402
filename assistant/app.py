"""The one place that wires the pipeline together, for every shell."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import IndexBusyError
from assistant.settings import Settings

__all__ = ["build_assistant", "run_ingest", "index_stats", "writer_lock"]


def build_assistant(settings: Settings | None = None, *, embedder=None, **overrides: Any):
    """An `Assistant` over the configured index, its model checked against the one that built it.

    `embedder` lets one process share a loaded model between several assistants (tests, servers)."""
    from assistant.answering import Assistant
    from assistant.providers import make_embedder, open_store
    from assistant.retrieval import Retriever

    settings = _settings(settings, overrides)
    store = open_store(settings)
    embedder = embedder or make_embedder(settings)
    store.check_model(embedder.model)
    store.check_recipe()
    return Assistant(
        Retriever(store, embedder),
        top_k=settings.top_k,
        max_question_chars=settings.max_question_chars,
        max_history_turns=settings.max_history_turns,
    )


@contextmanager
def writer_lock(index_dir: Path):
    """One writer per index: a second ingest fails at once instead of interleaving writes."""
    from filelock import FileLock, Timeout

    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / ".writer.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise IndexBusyError(
            f"Another ingest is writing to {index_dir}; wait for it to finish, then run this again."
        ) from None
    try:
        yield
    finally:
        lock.release()


def run_ingest(
    settings: Settings | None = None,
    paths: Iterable[Path] = (),
    *,
    rebuild: bool = False,
    embedder=None,
    on_article: Callable[[str, int, int], None] | None = None,
    **overrides: Any,
):
    """Ingest `paths` (default: the corpus folder) under the writer lock."""
    from assistant.indexing import ingest
    from assistant.providers import delete_collection, make_embedder, open_store

    settings = _settings(settings, overrides)
    paths = list(paths) or [Path(settings.corpus_dir)]
    with writer_lock(Path(settings.index_dir)):
        if rebuild:
            delete_collection(settings)
        store = open_store(settings, create=True)
        return ingest(
            paths,
            store=store,
            embedder=embedder or make_embedder(settings),
            corpus_root=Path(settings.corpus_dir),
            max_tokens=settings.passage_tokens,
            on_article=on_article,
            index_dir=Path(settings.index_dir),
        )


def index_stats(settings: Settings | None = None, **overrides: Any) -> dict[str, Any]:
    from assistant.providers import open_store

    settings = _settings(settings, overrides)
    store = open_store(settings)
    docs = store.stored_passages()
    index_dir = Path(settings.index_dir)
    size = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file()) if not settings.chroma_url else None
    info = store.model_info
    return {
        "articles": len(docs),
        "passages": sum(len(p) for p in docs.values()),
        "vectors": store.count_views(),
        "model": info.get("embed_model"),
        "dimension": info.get("embed_dim"),
        "store": settings.chroma_url or str(index_dir),
        "index_bytes": size,
    }


def _settings(settings: Settings | None, overrides: dict[str, Any]) -> Settings:
    settings = settings or Settings()
    return settings.model_copy(update=overrides) if overrides else settings
