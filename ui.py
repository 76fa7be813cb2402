"""The web chat for readers: a Gradio shell over the same `Assistant` as the API.

`assistant serve` mounts it at `/` of the API's FastAPI app, so one process holds one model
and one index; `python ui.py` starts the chat on its own. Readers need no key.

Everything quoted from the coverage is escaped before it reaches the page: an article
holding `<script>` or `<img onerror=...>` shows those characters, it never runs them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

__all__ = ["build_ui", "build_server", "EXAMPLES"]

EXAMPLES = [
    "What role does Russia play?",
    "What is the Cartel of the Suns?",
    "Who is El Pollo?",
    "Who wrote this article?",
]

SOURCES_MARK = '\n\n<div class="sources">'
# Markdown's active characters: emphasis, code, headings, tables, strike-through; brackets
# only where they could open a link, so that the citation markers stay "[1]" for readers and
# for API callers of /chat; the colon of "https://", the dot of "www." and the at of an
# e-mail address, which would otherwise be turned into links.
_MARKDOWN_SPECIALS = re.compile(
    r"([\\`*_#|~]|\[(?!\d+\])|\](?=\()|:(?=//)|(?<=www)\.|(?<=\w)@(?=\w))", re.IGNORECASE
)
_ESCAPED_SPECIALS = re.compile(r"\\([\\`*_#|~:.@\[\]])")


def build_ui(assistant):
    """The chat page: streamed answers, numbered sources under each (collapsed), examples."""
    import gradio as gr

    from assistant.errors import AssistantError
    from assistant.schema import Answer

    def respond(message: str, history: list[dict]) -> Iterator[str]:
        text = ""
        try:
            for piece in assistant.stream(message, assistant.recent(_turns(history))):
                if isinstance(piece, Answer):
                    yield _render_answer(piece)
                else:
                    text += piece
                    yield _as_markdown_text(text)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None

    chatbot = gr.Chatbot(
        label="Answers from the coverage",
        placeholder="Ask about the coverage. Every sentence of an answer is quoted from an article and cited.",
        height=560,
        sanitize_html=True,  # a second guard: we escape the corpus text ourselves
        latex_delimiters=[],  # "$$…$$" in an article is text, not a formula that restyles the page
    )
    return gr.ChatInterface(
        respond,
        chatbot=chatbot,
        textbox=gr.Textbox(placeholder="Ask a question about the coverage…", submit_btn=True),
        examples=EXAMPLES,
        title="Newsroom assistant",
        description="Answers only from our coverage, with the source of every sentence. "
        "When the coverage does not answer, it says so.",
        api_name="chat",
        flagging_mode="never",
        fill_height=True,
    )


def queued(demo, settings):
    """A bounded queue: answers are CPU-bound and take milliseconds, so a few at once keep
    the cores busy; readers beyond `queue_size` get Gradio's "queue is full" instead of a hang."""
    return demo.queue(max_size=settings.queue_size, default_concurrency_limit=settings.concurrent_answers)


def build_server(settings):
    """The API with the web chat mounted at `/`: what `assistant serve` runs."""
    import gradio as gr

    from assistant.api import create_api
    from assistant.app import build_assistant
    from assistant.providers import BatchingEmbedder, make_embedder

    # Many readers at once: their questions are embedded together, not one by one.
    assistant = build_assistant(settings, embedder=BatchingEmbedder(make_embedder(settings)))
    assistant.warm_up()
    app = create_api(assistant, settings)
    demo = queued(build_ui(assistant), settings)
    return gr.mount_gradio_app(app, demo, path="/", footer_links=["api"])


# --- rendering ----------------------------------------------------------------------------


def _as_markdown_text(text: str) -> str:
    """Corpus text as literal text in Markdown: no HTML, no emphasis, no links."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(text, quote=False))


def _from_markdown_text(markdown: str) -> str:
    return html.unescape(_ESCAPED_SPECIALS.sub(r"\1", markdown))


def _render_answer(answer) -> str:
    """The answer, then one collapsed `<details>` per source. Inside the HTML block Markdown
    does not apply, so there the text is only HTML-escaped."""
    body = _as_markdown_text(answer.answer)
    if not answer.citations:
        return body
    heading = "Nearest passages (none answers the question)" if answer.abstained else "Sources"
    items = []
    for c in answer.citations:
        where = " · ".join(part for part in (c.title, c.section, c.published, c.url) if part)
        quote = html.escape(c.text).replace("\n", "<br>")
        items.append(
            f"<details><summary>[{c.n}] {html.escape(where)}</summary>"
            f"<blockquote>{quote}</blockquote></details>"
        )
    return f'{body}{SOURCES_MARK}<p><strong>{heading}</strong></p>{"".join(items)}</div>'


def _turns(history: list[dict]):
    """Gradio's message history as the assistant's turns, without the rendered sources."""
    from assistant.schema import Turn

    turns = []
    for message in history:
        if message.get("role") not in ("user", "assistant") or message.get("metadata"):
            continue
        content = message.get("content")
        if isinstance(content, list):  # Gradio 6 normalises content to a list of parts
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
        if not isinstance(content, str):
            continue
        if message["role"] == "assistant":
            content = _from_markdown_text(content.split(SOURCES_MARK, 1)[0])
        turns.append(Turn(message["role"], content))
    return turns


def main() -> None:
    """`python ui.py`: the web chat alone on http://127.0.0.1:7860 (no API routes)."""
    from assistant.app import build_assistant
    from assistant.settings import Settings

    settings = Settings()
    assistant = build_assistant(settings)
    assistant.warm_up()
    demo = queued(build_ui(assistant), settings)
    demo.launch(server_name="127.0.0.1", server_port=7860)


if __name__ == "__main__":
    main()
