"""Shared fixtures: the real bundled model (loaded once), real Chroma on disk under tmp dirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.app import build_assistant, run_ingest
from assistant.providers import Embedder
from assistant.settings import DEFAULT_EMBED_MODEL, Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "maduro-vs-trump-cartel-of-the-suns.txt"
EVAL_SET = ROOT / "tests" / "eval" / "sample_questions.jsonl"
PARAPHRASE_SET = ROOT / "tests" / "eval" / "paraphrase_questions.jsonl"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    model = Embedder(DEFAULT_EMBED_MODEL)
    model.load()
    return model


def make_settings(base: Path) -> Settings:
    corpus = base / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    return Settings(corpus_dir=corpus, index_dir=base / "index", _env_file=None)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """An empty corpus folder and index under this test's tmp dir."""
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory, embedder) -> Settings:
    """The sample article ingested once for the whole session (tests must not write to it)."""
    settings = make_settings(tmp_path_factory.mktemp("sample"))
    shutil.copy(SAMPLE, settings.corpus_dir / SAMPLE.name)
    run_ingest(settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def assistant(sample_settings, embedder):
    return build_assistant(sample_settings, embedder=embedder)
