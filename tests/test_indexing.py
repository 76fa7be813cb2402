"""Ingest against real Chroma on disk and the real bundled model."""

import shutil

import pytest

from assistant.app import build_assistant, index_stats, run_ingest, writer_lock
from assistant.errors import IndexBusyError, IndexMismatchError, IndexMissingError
from assistant.providers import Embedder, open_store
from assistant.settings import DEFAULT_EMBED_MODEL

from .conftest import SAMPLE

STORY = "Port strike\n\nby Ana Ruiz\n\nDock workers walked out on Monday over pay. The port is closed.\n\n" \
        "Talks resume on Friday, the union said.\n"


def stored_texts(settings, doc_id):
    return {meta["passage_id"]: text for text, meta in _passages(settings) if meta["doc_id"] == doc_id}


def _passages(settings):
    store = open_store(settings)
    return [(p.text, {"passage_id": p.id, "doc_id": p.doc_id}) for p in store.passages()]


def test_add_reingest_edit_delete(settings, embedder):
    shutil.copy(SAMPLE, settings.corpus_dir / "sample.txt")
    story = settings.corpus_dir / "port.txt"
    story.write_text(STORY, encoding="utf-8")

    first = run_ingest(settings, embedder=embedder)
    assert sorted(first.added) == ["port.txt", "sample.txt"]
    assert index_stats(settings)["articles"] == 2
    port_texts = set(stored_texts(settings, "port.txt").values())
    assert "Dock workers walked out on Monday over pay. The port is closed." in port_texts

    # Unchanged corpus: nothing embedded, and the model is never even loaded.
    fresh = Embedder(DEFAULT_EMBED_MODEL)
    again = run_ingest(settings, embedder=fresh)
    assert again.passages_embedded == 0 and sorted(again.unchanged) == ["port.txt", "sample.txt"]
    assert "_model" not in fresh.__dict__

    # An edit replaces only what changed.
    story.write_text(STORY.replace("on Friday", "on Thursday"), encoding="utf-8")
    edited = run_ingest(settings, embedder=embedder)
    assert edited.updated == ["port.txt"] and edited.passages_embedded == 1
    texts = set(stored_texts(settings, "port.txt").values())
    assert "Talks resume on Thursday, the union said." in texts
    assert not any("Friday" in t for t in texts)

    # A removed article leaves the index.
    story.unlink()
    removed = run_ingest(settings, embedder=embedder)
    assert removed.removed == ["port.txt"]
    assert stored_texts(settings, "port.txt") == {}
    assert index_stats(settings)["articles"] == 1


def test_broken_file_is_skipped_and_the_rest_goes_in(settings, embedder):
    (settings.corpus_dir / "good.txt").write_text(STORY, encoding="utf-8")
    (settings.corpus_dir / "empty.txt").write_text("", encoding="utf-8")
    (settings.corpus_dir / "image.txt").write_bytes(b"\x00\x01\x02binary")
    report = run_ingest(settings, embedder=embedder)
    assert report.added == ["good.txt"]
    assert {s.source.rsplit("/", 1)[-1] for s in report.skipped} == {"empty.txt", "image.txt"}
    summary = report.summary()
    assert "skipped" in summary and "empty.txt: empty file" in summary


def test_an_index_kept_inside_the_corpus_folder_is_not_read_as_articles(settings, embedder):
    (settings.corpus_dir / "port.txt").write_text(STORY, encoding="utf-8")
    inside = settings.model_copy(update={"index_dir": settings.corpus_dir / "index"})
    run_ingest(inside, embedder=embedder)
    again = run_ingest(inside, embedder=embedder)
    assert (inside.index_dir / "chroma.sqlite3").exists()
    assert again.skipped == [] and again.unchanged == ["port.txt"]


def test_other_model_is_a_clear_error(settings, embedder):
    (settings.corpus_dir / "good.txt").write_text(STORY, encoding="utf-8")
    run_ingest(settings, embedder=embedder)
    other = settings.model_copy(update={"embed_model": "/models/another-model"})
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        build_assistant(other)


def test_an_index_embedded_by_an_older_version_is_embedded_anew_by_ingest(settings, embedder):
    (settings.corpus_dir / "good.txt").write_text(STORY, encoding="utf-8")
    run_ingest(settings, embedder=embedder)
    store = open_store(settings)
    # As an index built before sentence views named what "It" stands for was recorded.
    store._collection.modify(metadata={"embed_model": embedder.model, "embed_dim": embedder.dimension})
    with pytest.raises(IndexMismatchError, match="run `assistant ingest`"):
        build_assistant(settings, embedder=embedder)

    report = run_ingest(settings, embedder=embedder)
    assert report.passages_embedded == index_stats(settings)["passages"]
    assert build_assistant(settings, embedder=embedder).ask("Why is the port closed?").citations
    assert run_ingest(settings, embedder=embedder).passages_embedded == 0


def test_asking_before_ingest_says_to_ingest(settings):
    with pytest.raises(IndexMissingError, match="assistant ingest"):
        build_assistant(settings)


def test_one_writer_per_index(settings, embedder):
    (settings.corpus_dir / "good.txt").write_text(STORY, encoding="utf-8")
    with writer_lock(settings.index_dir):
        with pytest.raises(IndexBusyError, match="Another ingest"):
            run_ingest(settings, embedder=embedder)
    assert run_ingest(settings, embedder=embedder).added == ["good.txt"]
