"""`assistant`: the command line, a thin shell over the library.

Exit status: 0 done, 1 a failure the message explains, 2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.settings import Settings

__all__ = ["main", "cli"]


class _Shell(click.Group):
    """Turns every `AssistantError` into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Shell)
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder (ASSISTANT_INDEX_DIR).")
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), help="Corpus folder (ASSISTANT_CORPUS_DIR).")
@click.version_option(package_name="newsroom-assistant")
@click.pass_context
def cli(ctx: click.Context, index_dir: Path | None, corpus_dir: Path | None) -> None:
    """Answers questions from the newsroom's coverage, citing where each fact comes from.

    Example: assistant ask "What role does Russia play?"
    """
    overrides = {k: v for k, v in {"index_dir": index_dir, "corpus_dir": corpus_dir}.items() if v}
    from assistant.settings import Settings  # pydantic-settings costs ~0.2 s: not for --help

    ctx.obj = Settings().model_copy(update=overrides)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Drop the index and embed everything again (e.g. after changing the model).")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], rebuild: bool) -> None:
    """Add, update and remove articles in the index (default: the corpus folder).

    Example: assistant ingest corpus/
    """
    from assistant.app import run_ingest

    bar = None

    def progress(doc_id: str, done: int, total: int) -> None:
        nonlocal bar
        if total < 5:
            return  # a bar for one or two articles is noise
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="article", file=sys.stderr)
        bar.update(1)

    report = run_ingest(settings, paths, rebuild=rebuild, on_article=progress)
    if bar is not None:
        bar.close()
    click.echo(report.summary())


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
@click.pass_obj
def ask(settings: Settings, question: str, as_json: bool) -> None:
    """Answer one question, with citations.

    Example: assistant ask "Who is El Pollo?" --json
    """
    from assistant.app import build_assistant

    answer = build_assistant(settings).ask(question)
    click.echo(json.dumps(answer.to_dict(), ensure_ascii=False) if as_json else _render(answer))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON answer object per line.")
@click.pass_obj
def chat(settings: Settings, as_json: bool) -> None:
    """A conversation: follow-ups ("Where is he now?") use the earlier turns.

    With stdin not a terminal, reads one question a line and answers each.
    Example: printf 'Who is El Pollo?\\nWhere is he now?\\n' | assistant chat --json
    """
    from assistant.app import build_assistant
    from assistant.schema import Turn

    assistant = build_assistant(settings)
    interactive = sys.stdin.isatty()
    history: list[Turn] = []
    if interactive:
        click.echo("Ask about the coverage; an empty line or Ctrl-D ends the chat.")
    while True:
        try:
            line = input("> ") if interactive else sys.stdin.readline()
        except EOFError:
            break
        if not interactive and not line:
            break
        question = line.strip()
        if not question:
            if interactive:
                break
            continue
        try:
            answer = assistant.ask(question, assistant.recent(history))
        except AssistantError as exc:
            click.echo(f"Error: {exc}", err=True)
            continue
        history += [Turn("user", question), Turn("assistant", answer.answer)]
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False) if as_json else _render(answer) + "\n")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; without ASSISTANT_API_KEY keep it on loopback.")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.pass_obj
def serve(settings: Settings, host: str, port: int) -> None:
    """Serve the web chat at / and the HTTP API under /v1 (docs at /docs).

    Example: ASSISTANT_API_KEY=secret assistant serve --host 0.0.0.0 --port 8000
    """
    import uvicorn

    from ui import build_server

    if not settings.api_key and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: the API on {host} is open to anyone who can reach it; "
                   "set ASSISTANT_API_KEY to require a key.", err=True)
    app = build_server(settings)
    click.echo(f"Serving the chat on http://{host}:{port}/ and the API on http://{host}:{port}/v1 (docs: /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--verbose", is_flag=True, help="Print each question's outcome.")
@click.pass_obj
def evaluate(settings: Settings, file: Path, verbose: bool) -> None:
    """Score a question set (JSON lines) and print the figures.

    Example: assistant eval tests/eval/sample_questions.jsonl
    """
    from assistant.app import build_assistant
    from assistant.evaluation import load_cases, run_eval

    report = run_eval(build_assistant(settings), load_cases(file))
    if verbose:
        for line in report.details():
            click.echo(line)
    click.echo(report.summary())


@cli.command()
@click.pass_obj
def stats(settings: Settings) -> None:
    """Articles, passages, model, store and index size.

    Example: assistant stats
    """
    from assistant.app import index_stats

    for key, value in index_stats(settings).items():
        click.echo(f"{key}: {value if value is not None else '-'}")


def _render(answer) -> str:
    lines = [answer.answer]
    if answer.citations:
        lines.append("")
        lines.append("Nearest passages:" if answer.abstained else "Sources:")
        for c in answer.citations:
            where = " · ".join(part for part in (c.title, c.section, c.published, c.url) if part)
            quote = c.text.replace("\n", " ")
            # No score here: a raw similarity of 0.27 beside a right answer reads as doubt.
            # It stays in --json for machines.
            lines.append(f"[{c.n}] {where}\n    “{quote}”")
    return "\n".join(lines)


def main() -> None:
    cli(prog_name="assistant")
