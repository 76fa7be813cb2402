"""The HTTP API for other sites: a thin FastAPI shell over one `Assistant`.

Routes (see CONTRACT.md): `POST /v1/ask`, `GET /v1/search`, `POST /v1/chat/completions`
(OpenAI-compatible, plain or streamed as server-sent events), `GET /healthz`, docs at `/docs`.

Every error leaves as JSON in OpenAI's shape, `{"error": {"message", "type"}}`, so that
off-the-shelf OpenAI clients show our message; no stack trace ever reaches a caller.
The routes are plain `def`s: FastAPI runs them in its thread pool, and the model and the
index are shared read-only by all requests, each of which carries its own conversation.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from itertools import chain
from typing import Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from assistant.answering import Assistant
from assistant.errors import AssistantError
from assistant.schema import Answer, Turn
from assistant.settings import Settings

__all__ = ["create_api", "MODEL_NAME", "MAX_BODY_BYTES"]

log = logging.getLogger(__name__)

#: What `/v1/chat/completions` reports as its model: answers are extractive, not generated.
MODEL_NAME = "newsroom-extractive"
#: Larger bodies are refused before they are read: no honest question needs more.
MAX_BODY_BYTES = 256 * 1024
MAX_SEARCH_RESULTS = 20


# --- request bodies ---------------------------------------------------------------------------


class Message(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    question: str = Field(description="The reader's question.")
    history: list[Message] = Field(default_factory=list, description="Earlier turns, oldest first.")


class ContentPart(BaseModel):
    type: str
    text: str = ""


class ChatMessage(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text for part in self.content if part.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """The OpenAI chat-completions body; sampling options are accepted and ignored."""

    model: str | None = None
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: dict[str, Any] | None = None

    def wants_usage(self) -> bool:
        return bool((self.stream_options or {}).get("include_usage"))


# --- the app ----------------------------------------------------------------------------------


def create_api(assistant: Assistant, settings: Settings) -> FastAPI:
    """The FastAPI app over `assistant`; `ui.py` mounts the web chat on it at `/`."""
    app = FastAPI(
        title="Newsroom assistant",
        description="Answers from the newsroom's coverage, with a citation for every sentence.",
        version="1",
    )
    _add_error_handlers(app)
    # Outermost last: CORS answers preflights and labels every reply, the size limit refuses
    # huge bodies before anything reads them, the key check guards all of /v1.
    app.add_middleware(_KeyCheck, api_key=settings.api_key.get_secret_value() if settings.api_key else None)
    app.add_middleware(_BodySizeLimit)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    described = assistant.describe()

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, Any]:
        """Ready to answer: the model is loaded and the index open."""
        return {"status": "ok", **described}

    @app.post("/v1/ask", tags=["answers"])
    def ask(body: AskRequest) -> dict[str, Any]:
        """One answer with citations (the contract's answer object)."""
        return assistant.ask(body.question, _turns(body.history)).to_dict()

    @app.get("/v1/search", tags=["answers"])
    def search(
        q: str = Query(description="What to look for."),
        k: int = Query(5, ge=1, le=MAX_SEARCH_RESULTS, description="How many passages."),
    ) -> dict[str, Any]:
        """Passages with scores, no answer."""
        hits = assistant.search(q, k=k)
        return {
            "query": q,
            "results": [
                {
                    "rank": rank,
                    "id": hit.item.id,
                    "doc_id": hit.item.doc_id,
                    "title": hit.item.title,
                    "section": hit.item.section,
                    "url": hit.item.url or None,
                    "published": hit.item.published or None,
                    "text": hit.item.text,
                    "score": round(hit.score, 4),
                    "similarity": round(hit.similarity, 4),
                }
                for rank, hit in enumerate(hits, start=1)
            ],
        }

    @app.get("/v1/models", tags=["answers"])
    def models() -> dict[str, Any]:
        """The one "model" behind /v1/chat/completions, for clients that list models first."""
        return {"object": "list", "data": [{"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": "newsroom"}]}

    @app.post("/v1/chat/completions", tags=["answers"])
    def chat_completions(body: ChatRequest):
        """OpenAI-compatible chat: the last user message is the question, earlier turns its history.

        The content carries `[n]` markers; the citations travel in a `citations` field (and in
        the last chunk when streamed)."""
        question, history = _question_and_history(body.messages)
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        if body.stream:
            # Validate before the 200 goes out, so a bad question is still a 4xx.
            pieces = assistant.stream(question, history)
            first = next(pieces)
            usage = (lambda answer: _usage(body.messages, answer.answer)) if body.wants_usage() else None
            return StreamingResponse(
                _sse_chunks(first, pieces, completion_id, created, usage),
                media_type="text/event-stream",
                # Proxies must pass each piece on as it comes, not hold the stream back.
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        answer = assistant.ask(question, history)
        return {
            "id": completion_id,
            "object": "chat.completion",
            "created": created,
            "model": MODEL_NAME,
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": answer.answer}, "finish_reason": "stop"}
            ],
            "usage": _usage(body.messages, answer.answer),
            "citations": [asdict(c) for c in answer.citations],
            "abstained": answer.abstained,
        }

    known = {route.path: route.methods for route in app.routes if route.path.startswith("/v1/")}

    @app.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def not_here(request: Request):
        """Without this, an unknown /v1 path would fall through to the web chat mounted at /."""
        if request.url.path in known:
            allowed = ", ".join(sorted(known[request.url.path]))
            return _error(405, f"{request.method} is not allowed on {request.url.path}; use {allowed}.",
                          "invalid_request_error", {"Allow": allowed})
        return _error(404, f"No route {request.url.path}; see /docs for the API.", "invalid_request_error")

    return app


# --- helpers ----------------------------------------------------------------------------------


def _turns(messages: list[Message]) -> list[Turn]:
    return [Turn(m.role, m.content) for m in messages]


def _question_and_history(messages: list[ChatMessage]) -> tuple[str, list[Turn]]:
    """System prompts are ignored: answers come from the coverage, not from instructions."""
    if messages[-1].role != "user":
        raise AssistantError("The last message must be the user's question (role 'user').")
    history = [Turn(m.role, m.text()) for m in messages[:-1] if m.role in ("user", "assistant")]
    return messages[-1].text(), history


def _usage(messages: list[ChatMessage], content: str) -> dict[str, int]:
    """Token counts (tiktoken cl100k_base) for clients that track usage; nothing is billed."""
    from assistant.text import count_tokens

    prompt = sum(count_tokens(m.text()) for m in messages)
    completion = count_tokens(content)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _sse_chunks(first: str | Answer, pieces: Iterator[str | Answer], completion_id: str, created: int, usage=None):
    """OpenAI's chunk sequence: the role, the content in pieces, a last chunk with the finish
    reason (and our citations), the usage chunk when asked for, then `[DONE]`."""
    def chunk(choices: list[dict[str, Any]], **extra: Any) -> str:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": MODEL_NAME,
                "choices": choices, **extra}
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    def choice(delta: dict[str, Any], finish: str | None = None) -> list[dict[str, Any]]:
        return [{"index": 0, "delta": delta, "finish_reason": finish}]

    yield chunk(choice({"role": "assistant", "content": ""}))
    for piece in chain((first,), pieces):
        if isinstance(piece, Answer):
            yield chunk(choice({}, "stop"), citations=[asdict(c) for c in piece.citations], abstained=piece.abstained)
            if usage:
                yield chunk([], usage=usage(piece))
        else:
            yield chunk(choice({"content": piece}))
    yield "data: [DONE]\n\n"


class _KeyCheck:
    """With ASSISTANT_API_KEY set, everything under /v1 needs `Authorization: Bearer <key>`.

    A middleware rather than a per-route dependency: no future route can forget it, and a
    caller without the key hears 401 before any complaint about its body."""

    def __init__(self, app, api_key: str | None):
        self.app = app
        self.expected = api_key.encode() if api_key else None

    async def __call__(self, scope, receive, send):
        if self.expected is not None and scope["type"] == "http" and scope["path"].startswith("/v1"):
            header = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
            scheme, _, given = header.strip().partition(" ")
            given = given.strip() if scheme.lower() == "bearer" else ""
            # Constant-time comparison: the time taken must not tell how much of a guess was right.
            if not hmac.compare_digest(given.encode("utf-8", "replace"), self.expected):
                response = _error(401, "Missing or wrong API key: send 'Authorization: Bearer <key>'.",
                                  "authentication_error", {"WWW-Authenticate": "Bearer"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _error(status: int, message: str, kind: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": kind}}, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AssistantError)
    def bad_question(request: Request, exc: AssistantError) -> JSONResponse:
        return _error(422, str(exc), "invalid_request_error")

    @app.exception_handler(RequestValidationError)
    def malformed(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            if err.get("type") == "json_invalid":
                reason = (err.get("ctx") or {}).get("error", "")
                return _error(422, f"The body is not valid JSON ({reason}); send a JSON object.",
                              "invalid_request_error")
            where = ".".join(str(part) for part in err.get("loc", ()) if part != "body") or "body"
            problems.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(422, "Malformed request: " + "; ".join(problems), "invalid_request_error")

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), "invalid_request_error")

    @app.exception_handler(Exception)
    def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return _error(500, "The assistant failed on this request; the server log has the details.", "server_error")


class _BodySizeLimit:
    """Refuses a body over the limit: at once when its declared length says so, and after
    reading at most the limit when it comes chunked without a length.

    Plain ASGI rather than `@app.middleware("http")`, which would buffer the streamed
    answers of the API and of the mounted web chat."""

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if length.isdigit() and int(length) > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        # No declared length: read the body here, up to the limit, then hand it on whole.
        messages, size = [], 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope, receive, send):
        response = _error(413, f"The request body is over {self.max_bytes // 1024} KiB; send a shorter question.",
                          "invalid_request_error")
        await response(scope, receive, send)
