"""Load on `assistant serve`: time to a healthy /healthz, one client, then many at once.

Starts the server as a subprocess on a free loopback port over the configured index (run
`make ingest` first), and prints the figures quoted in BENCHMARKS.md:

    python benchmarks/load_api.py [--clients 20] [--questions 10]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [json.loads(line)["question"]
             for line in (ROOT / "tests/eval/sample_questions.jsonl").read_text().splitlines()
             if line.strip() and "history" not in json.loads(line)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def start_server(port: int) -> tuple[subprocess.Popen, float]:
    assistant = str(Path(sys.executable).parent / "assistant")
    started = time.perf_counter()
    process = subprocess.Popen([assistant, "serve", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        if process.poll() is not None:
            sys.exit(f"assistant serve exited with status {process.returncode}: run it by hand to see why")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process, time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.1)


def ask_many(url: str, questions: list[str], latencies: list[float], errors: list[str]) -> None:
    key = os.environ.get("ASSISTANT_API_KEY", "").strip()
    with httpx.Client(timeout=60, headers={"Authorization": f"Bearer {key}"} if key else {}) as http:
        for question in questions:
            start = time.perf_counter()
            try:
                response = http.post(f"{url}/v1/ask", json={"question": question})
                if response.status_code != 200:
                    errors.append(f"{response.status_code}: {response.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(repr(exc))
            latencies.append((time.perf_counter() - start) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()

    port = free_port()
    process, healthy_after = start_server(port)
    url = f"http://127.0.0.1:{port}"
    try:
        print(f"assistant serve -> healthy /healthz: {healthy_after:.2f} s")

        single: list[float] = []
        errors: list[str] = []
        ask_many(url, QUESTIONS[:5], [], errors)  # warm the connection and the caches
        ask_many(url, QUESTIONS * 2, single, errors)
        print(f"1 client, {len(single)} POST /v1/ask: median {statistics.median(single):.1f} ms, "
              f"p95 {percentile(single, 95):.1f} ms, errors {len(errors)}")

        latencies: list[float] = []
        errors = []
        threads = [
            threading.Thread(target=ask_many, args=(
                url, [QUESTIONS[(c * args.questions + i) % len(QUESTIONS)] for i in range(args.questions)],
                latencies, errors))
            for c in range(args.clients)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        print(f"{args.clients} clients x {args.questions} questions: {len(latencies)} requests, "
              f"errors {len(errors)}, median {statistics.median(latencies):.1f} ms, "
              f"p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms, "
              f"{len(latencies) / wall:.1f} requests/s")
        for error in errors[:5]:
            print("  error:", error)
    finally:
        process.terminate()
        process.wait(timeout=20)


if __name__ == "__main__":
    main()
