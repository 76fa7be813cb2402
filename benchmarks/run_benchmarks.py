"""Prints the figures quoted in BENCHMARKS.md. Run: `make bench` (after `make ingest`)."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What role does Russia play?"


def timed(command: list[str], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    bin_dir = Path(sys.executable).parent
    assistant = str(bin_dir / "assistant")
    subprocess.run([assistant, "ingest"], cwd=ROOT, check=True, capture_output=True)

    help_s = timed([assistant, "--help"], 5)
    print(f"assistant --help: median {statistics.median(help_s):.2f} s over 5")

    start = time.perf_counter()
    result = subprocess.run([assistant, "ingest"], cwd=ROOT, check=True, capture_output=True, text=True)
    print(f"re-ingest of unchanged corpus: {time.perf_counter() - start:.2f} s, {result.stdout.splitlines()[0]}")

    cold = timed([assistant, "ask", "--json", QUESTION], 5)
    print(f"cold `assistant ask --json`: median {statistics.median(cold):.2f} s over 5 (min {min(cold):.2f}, max {max(cold):.2f})")

    plain = timed([sys.executable, "benchmarks/plain_llamaindex.py", "--ask", QUESTION], 5)
    print(f"cold plain llama-index script: median {statistics.median(plain):.2f} s over 5 (min {min(plain):.2f}, max {max(plain):.2f})")

    for question_set in ("tests/eval/sample_questions.jsonl", "tests/eval/paraphrase_questions.jsonl", "tests/eval/reader_questions.jsonl"):
        evaluation = subprocess.run([assistant, "eval", question_set], cwd=ROOT, check=True, capture_output=True, text=True)
        print(f"assistant eval {question_set}:")
        print(evaluation.stdout.rstrip())

    for chunk in ("256", "128"):
        out = subprocess.run(
            [sys.executable, "benchmarks/plain_llamaindex.py"], cwd=ROOT, check=True, capture_output=True, text=True,
            env={**__import__("os").environ, "CHUNK": chunk},
        )
        print(out.stdout.strip())


if __name__ == "__main__":
    main()
