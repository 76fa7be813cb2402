"""The shared, batching embedder a server uses: same vectors as the model alone, under load."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from assistant.providers import BatchingEmbedder

QUESTIONS = ["What role does Russia play?", "Who is El Pollo?", "Where is Carvajal being held?",
             "What is the Cartel of the Suns?", "Who wrote this article?"]


@pytest.mark.parametrize("max_batch", [64, 3])  # 3: the queue outgrows a batch
def test_concurrent_callers_get_their_own_vectors(embedder, max_batch):
    shared = BatchingEmbedder(embedder, max_batch=max_batch)
    partner = dict(zip(QUESTIONS, QUESTIONS[1:] + QUESTIONS[:1]))  # each asks for two texts
    alone = {q: np.asarray(embedder.embed_query(q)) for q in QUESTIONS}
    jobs = QUESTIONS * 20
    with ThreadPoolExecutor(max_workers=16) as pool:
        vectors = list(pool.map(lambda q: shared.embed_texts([q, partner[q]]), jobs))
    for question, (first, second) in zip(jobs, vectors):
        # Batched with others or not, each text's vector is its own (padding is masked out).
        assert np.allclose(first, alone[question], atol=1e-4)
        assert np.allclose(second, alone[partner[question]], atol=1e-4)


def test_a_failure_reaches_the_caller_and_the_worker_goes_on(embedder):
    class Broken:
        model = "broken"

        def __init__(self):
            self.calls = 0

        def embed_texts(self, texts):
            self.calls += 1
            if self.calls == 1:
                raise RuntimeError("model crashed")
            return embedder.embed_texts(texts)

    shared = BatchingEmbedder(Broken())
    with pytest.raises(RuntimeError, match="model crashed"):
        shared.embed_query("first")
    assert len(shared.embed_query("second")) == 384
