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
READER_SET = ROOT / "tests" / "eval" / "reader_questions.jsonl"


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


# --- a real server, as a subprocess on a free loopback port ---------------------------------

API_KEY = "test-key-not-secret"
PARTNER_ORIGIN = "https://partner.example"
#: An article whose text holds markup that must show as text in the browser, never run.
HOSTILE_ARTICLE = """Harbor pier reopens after storm repairs
By Ana Lima
The harbor pier reopened on Monday after three weeks of storm repairs.
The council posted a notice on the gate that read <script>window.__xss = 1;</script> in large letters, beside a sign showing <img src=x onerror="window.__xss = 2"> and a poster saying $$\\Huge WIN$$ at https://evil.example/win or **www.evil.example**.
"""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(settings: Settings, log_path: Path, **env_settings: str):
    """`assistant serve` as a subprocess on a free loopback port; returns (process, base URL)
    once /healthz answers."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        **{f"ASSISTANT_{name.upper()}": value for name, value in env_settings.items()},
    }
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=log_path.parent,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"assistant serve exited: {log_path.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"assistant serve never became healthy: {log_path.read_text()}")
        time.sleep(0.25)


def stop_server(process) -> None:
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def served_settings(tmp_path_factory, embedder) -> Settings:
    """The sample plus a hostile article, ingested once for the servers of the session."""
    settings = make_settings(tmp_path_factory.mktemp("served"))
    shutil.copy(SAMPLE, settings.corpus_dir / SAMPLE.name)
    (settings.corpus_dir / "harbor-pier-reopens.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    run_ingest(settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def server(served_settings, tmp_path_factory):
    """`assistant serve` with an API key and one allowed CORS origin; yields the base URL."""
    log = tmp_path_factory.mktemp("server") / "server.log"
    process, url = start_server(served_settings, log, api_key=API_KEY, cors_origins=PARTNER_ORIGIN)
    yield url
    stop_server(process)
