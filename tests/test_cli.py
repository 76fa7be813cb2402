"""The CLI end to end, as a subprocess: what a staff member at a terminal sees."""

import json
import os
import shutil
import subprocess
import sys

from .conftest import SAMPLE


def run(settings, *args, stdin=None):
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir)}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True, text=True, env=env, timeout=300
    )


def test_ingest_then_ask_json_then_chat(settings):
    shutil.copy(SAMPLE, settings.corpus_dir / SAMPLE.name)
    (settings.corpus_dir / "broken.txt").write_bytes(b"\x00\x00binary")

    ingest = run(settings, "ingest")
    assert ingest.returncode == 0, ingest.stderr
    assert "1 added" in ingest.stdout and "1 skipped" in ingest.stdout
    assert "broken.txt: binary file" in ingest.stdout

    again = run(settings, "ingest")
    assert "1 unchanged" in again.stdout and "0 passages embedded" in again.stdout

    ask = run(settings, "ask", "--json", "What role does Russia play?")
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout)
    assert answer["abstained"] is False
    assert answer["answer"].startswith("Russia has close ties") and "[1]" in answer["answer"]
    assert answer["citations"][0]["section"] == "Frequently Asked Questions"
    assert set(answer["timings_ms"]) == {"retrieve", "answer", "total"}

    # A long conversation (past the 20-turn history limit) keeps answering.
    questions = ["Who is El Pollo?", "What did he offer Donald Trump?", "What is the capital of France?"] * 5
    chat = run(settings, "chat", "--json", stdin="".join(q + "\n" for q in questions))
    assert chat.returncode == 0, chat.stderr
    assert chat.stderr == ""
    turns = [json.loads(line) for line in chat.stdout.splitlines()]
    assert len(turns) == 15
    assert "collaboration" in turns[1]["answer"] and "collaboration" in turns[13]["answer"]
    assert turns[2]["abstained"] is True and turns[14]["abstained"] is True

    stats = run(settings, "stats")
    assert "articles: 1" in stats.stdout and "passages: 28" in stats.stdout


def test_errors_are_one_line_with_what_to_do(settings):
    missing = run(settings, "ask", "Anything?")
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [f"Error: No index in {settings.index_dir} yet: run `assistant ingest` first."]
    usage = run(settings, "ask")
    assert usage.returncode == 2


def test_help_is_instant_and_lists_the_commands(settings):
    result = run(settings, "--help")
    assert result.returncode == 0
    for command in ("ingest", "ask", "chat", "serve", "eval", "stats"):
        assert command in result.stdout
