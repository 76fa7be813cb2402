"""The passage store: a Chroma collection reached through llama-index's Chroma vector store.

Each passage is stored as several *views*, each with its own vector:
- the passage itself (view "passage"), whose document is the verbatim passage text;
- each of its sentences when it has more than one (view "sentence"; an FAQ's question is one),
  so that a question matching one sentence of a long paragraph still finds it, and so that the
  answerer can pick sentences without embedding anything at question time.

Everything retrieval needs, BM25 included, is derivable from what the collection holds, so a
Chroma server shared by several replicas needs no side files. The collection's metadata
records the embedding model and dimension that built it, and `VIEW_RECIPE`, the version of
what is embedded for a view: after an upgrade that changes it, run `assistant ingest` once
before the replicas (they refuse an index of another recipe).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.schema import Passage
from assistant.text import split_clauses, split_sentences

__all__ = ["PassageStore", "StoredHit", "VIEW_RECIPE", "embedding_views", "passage_views", "view_text_for_embedding"]

PASSAGE_FIELDS = [f.name for f in fields(Passage) if f.name not in ("id", "text")]
GET_BATCH = 5000  # Chroma caps how many records one call may return
SENTENCE_CACHE_PASSAGES = 4096  # passages whose sentence vectors a process keeps at hand


def passage_views(passage: Passage) -> list[tuple[str, str, int, int]]:
    """(view id, verbatim text, sentence index, clause index) for every view of a passage;
    -1 marks the whole passage or the whole sentence."""
    views = [(passage.id, passage.text, -1, -1)]
    sentences = split_sentences(passage.text)
    for i, sentence in enumerate(sentences):
        if passage.kind == "faq" and sentence.startswith("Q: "):
            # The FAQ's question alone matches every question of the same form and subject
            # ("What evidence supports Carvajal's claims?" ~ "Where is Carvajal now?"); the
            # passage view still carries it.
            continue
        if len(sentences) > 1:
            views.append((f"{passage.id}:{i}", sentence, i, -1))
        clauses = split_clauses(re.sub(r"^[QA]: ", "", sentence))
        views += [(f"{passage.id}:{i}.{j}", clause, i, j) for j, clause in enumerate(clauses)]
    return views


# Bump whenever what `embedding_views` embeds for a view changes: an index embedded otherwise
# is refused until `assistant ingest` has embedded its views anew.
VIEW_RECIPE = 2
# A sentence that opens with a pronoun ("It’s deeply embedded within the Venezuelan military…")
# says nothing of what it is about; embedded as is, it matches no question naming that. The
# name the nearest sentence before it opens with ("The Cartel of the Suns, according to
# reports…") stands in for it. Not a filler "it" ("It is unclear whether…"), and "He"/"His"
# only for a one-word name ("Carvajal"): "The Cartel…" is no "he".
OPENING_PRONOUN = re.compile(
    r"^(It[’']s|It is|It|Its|He|His)\b(?!\s+(?:is\s+|was\s+)?(?:unclear|clear|likely|unlikely|possible|impossible|important|"
    r"hard|difficult|easy|worth|time|true|said|reported|thought|believed|expected|known|estimated|remains|seems|appears|"
    r"may|might|could|would|will|should|must|can)\b)"
)
# The name, then a comma or a word in lower case (its verb): not a label ("Expert Insight:").
OPENING_NAME = re.compile(r"^((?:The\s+)?[A-Z][\w’'-]*(?:\s+(?:of the\s+|of\s+)?[A-Z][\w’'-]*)*)(?=,|\s+[a-z])")


def view_text_for_embedding(text: str, subject: str = "") -> str:
    """What the model embeds for a view: FAQ markers carry no meaning for it, and an opening
    pronoun is replaced by `subject`, the name it stands for."""
    text = text.replace("Q: ", "").replace("A: ", "").replace("\nA:", "\n")
    if subject:
        text = OPENING_PRONOUN.sub(lambda m: _pronoun_as(m.group(1), subject), text, count=1)
    return text


def embedding_views(passage: Passage) -> list[tuple[str, str]]:
    """(view id, the text embedded for it) for every view of a passage."""
    sentences = split_sentences(passage.text)
    subjects = _sentence_subjects(sentences)
    return [(view_id, view_text_for_embedding(text, subjects[sentence] if sentence >= 0 and clause <= 0 else ""))
            for view_id, text, sentence, clause in passage_views(passage)]


def _sentence_subjects(sentences: list[str]) -> list[str]:
    """For each sentence opening with a pronoun, the name the nearest sentence before it opens
    with; "" for every other sentence. A name is "The" and capitalised words ("The Cartel of
    the Suns"), or capitalised words the passage also writes inside a sentence ("Carvajal"):
    not "However," nor "In a statement"."""
    inside = {re.sub(r"[’']s$", "", word) for sentence in sentences for word in re.findall(r"(?<=\s)[A-Z][\w’'-]*", sentence)}
    subjects, last_name = [], ""
    for sentence in sentences:
        text = re.sub(r"^A:\s+", "", sentence)
        pronoun = OPENING_PRONOUN.match(text)
        subjects.append(last_name if pronoun and (pronoun.group(1)[0] == "I" or " " not in last_name) else "")
        name = OPENING_NAME.match(text)
        words = name.group(1).split() if name else []
        if words and (words[0] == "The" and len(words) > 1 or all(re.sub(r"[’']s$", "", w) in inside for w in words)):
            last_name = name.group(1)
    return subjects


def _pronoun_as(pronoun: str, subject: str) -> str:
    if pronoun in ("It’s", "It's", "It is"):
        return f"{subject} is"
    if pronoun in ("Its", "His"):
        return f"{subject}’s"
    return subject


@dataclass(frozen=True)
class StoredHit:
    passage_id: str
    view_id: str
    similarity: float  # cosine similarity of the query to this view
    also_similarity: tuple[float, ...] = ()  # to each of the query's `also` vectors


class PassageStore:
    def __init__(self, collection: Any):
        self._collection = collection
        # passage id -> its sentence views, least recently used first. A passage id is a hash of
        # its text, so its views keep their words; only a rebuild or a re-embed changes their
        # vectors, and writes through this store clear the cache.
        self._sentence_cache: OrderedDict[str, list[tuple[int, str, list[list[float]]]]] = OrderedDict()
        self._cache_lock = threading.Lock()  # a server's request threads share the store

    @cached_property
    def _vectors(self):
        """llama-index's Chroma store, for writes; imported only by ingest (it costs ~1.5 s)."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self._collection)

    # --- what built it --------------------------------------------------------------------

    @property
    def model_info(self) -> dict[str, Any]:
        return dict(self._collection.metadata or {})

    def check_model(self, model: str, dimension: int | None = None) -> None:
        info = self.model_info
        if not info.get("embed_model"):
            raise IndexMissingError("The index is empty: run `assistant ingest` first.")
        if info.get("embed_model") != model or (dimension and info.get("embed_dim") != dimension):
            raise IndexMismatchError(
                f"The index was built with the model '{info.get('embed_model')}' "
                f"({info.get('embed_dim')} dimensions), not '{model}': "
                "run `assistant ingest --rebuild` to rebuild it with the configured model."
            )

    def check_recipe(self) -> None:
        """Refuse an index whose views were embedded by another `VIEW_RECIPE`: its vectors are
        not what retrieval expects, and `assistant ingest` embeds them anew."""
        if not self.has_current_recipe:
            raise IndexMismatchError(
                "The index was embedded by an older version of the assistant: run `assistant ingest` to bring it up to date."
            )

    @property
    def has_current_recipe(self) -> bool:
        return self.model_info.get("view_recipe", 1) == VIEW_RECIPE

    def record_model(self, model: str, dimension: int) -> None:
        self._collection.modify(metadata={"embed_model": model, "embed_dim": dimension, "view_recipe": VIEW_RECIPE})

    # --- writing ----------------------------------------------------------------------------

    def add(self, passages: list[Passage], vectors: dict[str, list[float]]) -> None:
        """Add every view of each passage; `vectors` maps view id -> embedding."""
        self._sentence_cache.clear()  # a rebuild may embed the same text with another model
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        nodes = []
        for passage in passages:
            for view_id, text, sentence, clause in passage_views(passage):
                metadata = passage.metadata() | {"passage_id": passage.id, "sentence": sentence, "clause": clause}
                nodes.append(
                    TextNode(
                        id_=view_id,
                        text=text,
                        embedding=vectors[view_id],
                        metadata=metadata,
                        # ref_doc_id = the article, so llama-index's document_id/doc_id keys agree with ours
                        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=passage.doc_id)},
                        excluded_embed_metadata_keys=list(metadata),
                        excluded_llm_metadata_keys=list(metadata),
                    )
                )
        if nodes:
            self._vectors.add(nodes)

    def update_vectors(self, vectors: dict[str, list[float]]) -> None:
        """Replace the vectors of stored views in place (view id -> embedding)."""
        self._sentence_cache.clear()
        ids = list(vectors)
        for start in range(0, len(ids), GET_BATCH):
            batch = ids[start : start + GET_BATCH]
            self._collection.update(ids=batch, embeddings=[vectors[view_id] for view_id in batch])

    def delete_passages(self, passage_ids: list[str]) -> None:
        self._sentence_cache.clear()  # a rebuild may embed the same text with another model
        for start in range(0, len(passage_ids), GET_BATCH):
            self._collection.delete(where={"passage_id": {"$in": passage_ids[start : start + GET_BATCH]}})

    def update_metadata(self, passages: list[Passage]) -> None:
        """Position, dates or URL changed but not the text: no new embedding needed.

        Only the flat keys are rewritten; llama-index's `_node_content` blob keeps the old
        values, so everything here reads the flat keys, never that blob."""
        ids, metadatas = [], []
        current = self._get(where={"passage_id": {"$in": [p.id for p in passages]}}, include=["metadatas"])
        by_passage = defaultdict(list)
        for view_id, meta in zip(current["ids"], current["metadatas"]):
            by_passage[meta["passage_id"]].append((view_id, meta))
        for passage in passages:
            for view_id, meta in by_passage[passage.id]:
                ids.append(view_id)
                metadatas.append({**meta, **passage.metadata()})
        if ids:
            self._collection.update(ids=ids, metadatas=metadatas)

    def clear(self) -> None:
        self._sentence_cache.clear()  # a rebuild may embed the same text with another model
        ids = self._get(include=[])["ids"]
        for start in range(0, len(ids), GET_BATCH):
            self._collection.delete(ids=ids[start : start + GET_BATCH])

    # --- reading ----------------------------------------------------------------------------

    def stored_passages(self) -> dict[str, dict[str, dict[str, Any]]]:
        """doc_id -> passage_id -> metadata, for every stored passage (views folded)."""
        result = self._get(where={"sentence": -1}, include=["metadatas"])
        by_doc: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for view_id, meta in zip(result["ids"], result["metadatas"]):
            by_doc[meta["doc_id"]][view_id] = meta
        return dict(by_doc)

    def passages(self) -> list[Passage]:
        result = self._get(where={"sentence": -1}, include=["metadatas", "documents"])
        return [
            _passage_from(view_id, text, meta)
            for view_id, text, meta in zip(result["ids"], result["documents"], result["metadatas"])
        ]

    def count_passages(self) -> int:
        return len(self._get(where={"sentence": -1}, include=[])["ids"])

    def count_views(self) -> int:
        return self._collection.count()

    def query(self, vector: list[float], n: int, also: list[list[float]] = ()) -> list[StoredHit]:
        """The `n` views nearest to `vector`, as (passage id, view id, similarity).

        This asks the collection directly for distances only: a view id names its passage,
        and skipping documents and metadata (llama-index's query always fetches both) cuts
        the warm answer time by about a third. With `also`, each hit carries its similarity
        to those vectors too (`also_similarity`), from the candidates' embeddings: scoring
        the same views against a second phrasing costs no second search."""
        include = ["distances", "embeddings"] if also else ["distances"]
        # Chroma 1.x returns what it has when asked for more (none from an empty collection):
        # no count() first, which cost a round trip on every question.
        result = self._collection.query(query_embeddings=[vector], n_results=n, include=include)
        if not result["ids"][0]:
            return []
        others: list[tuple[float, ...]] = [()] * len(result["ids"][0])
        if also:
            import numpy as np

            others = [tuple(row) for row in np.asarray(result["embeddings"][0]) @ np.asarray(also).T]
        return [
            StoredHit(view_id.split(":", 1)[0], view_id, 1.0 - distance, other)  # cosine distance = 1 - cos
            for view_id, distance, other in zip(result["ids"][0], result["distances"][0], others)
        ]

    def sentence_vectors(self, passage_ids: list[str]) -> dict[str, list[tuple[int, str, list[list[float]]]]]:
        """passage_id -> [(sentence index, text, vectors)], for the answerer to pick sentences.

        `vectors` holds the sentence's own vector first, then its clauses' (a clause matches a
        question about one of a long sentence's facts better than the whole sentence does)."""
        if not passage_ids:
            return {}
        cached = {}
        with self._cache_lock:
            for pid in passage_ids:
                views = self._sentence_cache.get(pid)
                if views is not None:
                    self._sentence_cache.move_to_end(pid)
                    cached[pid] = views
        missing = [pid for pid in passage_ids if pid not in cached]
        if missing:
            fetched = self._fetch_sentence_vectors(missing)
            with self._cache_lock:
                self._sentence_cache.update(fetched)
                while len(self._sentence_cache) > SENTENCE_CACHE_PASSAGES:
                    self._sentence_cache.popitem(last=False)
            cached |= fetched
        return cached

    def _fetch_sentence_vectors(self, passage_ids: list[str]) -> dict[str, list[tuple[int, str, list[list[float]]]]]:
        result = self._get(
            where={"passage_id": {"$in": passage_ids}}, include=["metadatas", "documents", "embeddings"]
        )
        sentences: dict[str, dict[int, tuple[str, list]]] = defaultdict(dict)
        clauses: dict[tuple[str, int], list] = defaultdict(list)
        for text, meta, vector in zip(result["documents"], result["metadatas"], result["embeddings"]):
            if meta.get("clause", -1) == -1:
                sentences[meta["passage_id"]][meta["sentence"]] = (text, vector)
            else:
                clauses[(meta["passage_id"], meta["sentence"])].append(vector)
        by_passage: dict[str, list[tuple[int, str, list[list[float]]]]] = {}
        for passage_id, views in sentences.items():
            by_passage[passage_id] = [
                (i, text, [vector, *clauses.get((passage_id, i), [])]) for i, (text, vector) in sorted(views.items())
            ]
        return by_passage

    def _get(self, **kwargs: Any) -> dict[str, Any]:
        """`collection.get` in pages, since Chroma limits one call's size."""
        merged: dict[str, list] = defaultdict(list)
        offset = 0
        while True:
            page = self._collection.get(limit=GET_BATCH, offset=offset, **kwargs)
            for key in ("ids", "documents", "metadatas", "embeddings"):
                if page.get(key) is not None:
                    merged[key].extend(page[key])
            if len(page["ids"]) < GET_BATCH:
                return dict(merged) | {"ids": merged["ids"]}
            offset += GET_BATCH


def _passage_from(view_id: str, text: str, meta: dict[str, Any]) -> Passage:
    values = {name: meta.get(name, "") for name in PASSAGE_FIELDS}
    values["position"] = int(meta.get("position") or 0)
    return Passage(id=view_id, text=text, **values)
