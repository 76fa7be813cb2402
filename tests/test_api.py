"""The HTTP API as other sites use it: the real server in a subprocess, real clients."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import openai
import pytest

from .conftest import API_KEY, PARTNER_ORIGIN

AUTH = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture(scope="module")
def client(server):
    return openai.OpenAI(base_url=f"{server}/v1", api_key=API_KEY, max_retries=0)


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_openai_client_plain_completion_carries_citations(client):
    response = client.chat.completions.create(
        model="anything", messages=[{"role": "user", "content": "What role does Russia play?"}]
    )
    content = response.choices[0].message.content
    assert content.startswith("Russia has close ties to the Maduro regime")
    citations = response.model_extra["citations"]
    assert markers(content) == {c["n"] for c in citations} == {1}
    assert citations[0]["section"] == "Frequently Asked Questions"
    assert "Russia has close ties" in citations[0]["text"]
    assert response.usage.completion_tokens > 10
    assert [model.id for model in client.models.list()] == [response.model]


def test_openai_client_stream_ends_with_the_citations(client):
    stream = client.chat.completions.create(
        model="anything", messages=[{"role": "user", "content": "What role does Russia play?"}], stream=True
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert len([c for c in chunks if c.choices[0].delta.content]) >= 2, "the answer arrives in pieces"
    assert text.startswith("Russia has close ties")
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert {c["n"] for c in last.model_extra["citations"]} == markers(text)


def test_openai_client_follow_up_uses_the_history(client):
    def ask(*messages):
        return client.chat.completions.create(model="anything", messages=list(messages))

    first = ask({"role": "user", "content": "Who wrote the piece on the Cartel of the Suns?"}).choices[0].message.content
    follow_up = ask(
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Who wrote the piece on the Cartel of the Suns?"},
        {"role": "assistant", "content": first},
        {"role": "user", "content": "And what is his title?"},
    )
    assert follow_up.model_extra["abstained"] is False
    assert "Senior News Editor" in follow_up.choices[0].message.content
    # Asked alone, "his" is not the writer's: with no one named before, it is the man the
    # article is about, whose title the byline does not give.
    alone = ask({"role": "user", "content": "And what is his title?"})
    assert "Senior News Editor" not in alone.choices[0].message.content


def test_stream_reports_usage_when_asked(client):
    stream = client.chat.completions.create(
        model="anything", messages=[{"role": "user", "content": "Who is El Pollo?"}], stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 10


def test_wrong_or_missing_key_is_refused(server):
    wrong = openai.OpenAI(base_url=f"{server}/v1", api_key="not-the-key", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as refused:
        wrong.chat.completions.create(model="x", messages=[{"role": "user", "content": "What role does Russia play?"}])
    assert "API key" in str(refused.value)
    with pytest.raises(openai.AuthenticationError):
        list(wrong.chat.completions.create(model="x", messages=[{"role": "user", "content": "Hi"}], stream=True))
    with pytest.raises(openai.AuthenticationError):
        wrong.models.list()
    for response in (
        httpx.post(f"{server}/v1/ask", json={"question": "What role does Russia play?"}),
        httpx.post(f"{server}/v1/ask", content="{not json", headers={"Authorization": f"Bearer {API_KEY}x"}),
        httpx.get(f"{server}/v1/search", params={"q": "Russia"}, headers={"Authorization": "Bearer nope"}),
        httpx.get(f"{server}/v1/no-such-route"),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["message"].startswith("Missing or wrong API key")
    # Health and the readers' page need no key.
    health = httpx.get(f"{server}/healthz").json()
    assert health["status"] == "ok" and health["articles"] == 2 and health["passages"] > 20
    assert httpx.get(f"{server}/").status_code == 200


def test_unknown_routes_and_methods_under_v1_are_json_errors(server):
    missing = httpx.get(f"{server}/v1/nothing-here", headers=AUTH)
    assert missing.status_code == 404 and "see /docs" in missing.json()["error"]["message"]
    wrong_method = httpx.get(f"{server}/v1/ask", headers=AUTH)
    assert wrong_method.status_code == 405 and "use POST" in wrong_method.json()["error"]["message"]


def test_ask_returns_the_answer_object(server):
    response = httpx.post(f"{server}/v1/ask", json={"question": "What role does Russia play?"}, headers=AUTH)
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {"question", "answer", "abstained", "citations", "timings_ms"}
    assert answer["abstained"] is False and markers(answer["answer"]) == {c["n"] for c in answer["citations"]}

    declined = httpx.post(f"{server}/v1/ask", json={"question": "What is the capital of France?"}, headers=AUTH).json()
    assert declined["abstained"] is True
    assert declined["answer"] == "The coverage does not answer this question: it never mentions France."


def test_search_returns_ranked_passages(server):
    response = httpx.get(f"{server}/v1/search", params={"q": "harbor pier storm repairs", "k": 3}, headers=AUTH)
    results = response.json()["results"]
    assert [r["rank"] for r in results] == [1, 2, 3]
    assert results[0]["doc_id"] == "harbor-pier-reopens.txt"
    assert results[0]["score"] >= results[1]["score"] >= results[2]["score"]


@pytest.mark.parametrize(
    "body, status, message",
    [
        ({"question": "   "}, 422, "The question is empty"),
        ({"question": "Why? " * 400}, 422, "keep it under 1000"),
        ({"question": "Who is El Pollo?", "history": [{"role": "user", "content": "hi"}] * 21}, 422, "at most 20"),
        ({"history": []}, 422, "question: Field required"),
        ({"question": "x", "history": [{"role": "wizard", "content": "hi"}]}, 422, "history.0.role"),
        ("{not json", 422, "not valid JSON"),
        ('{"question": "Who is \\ud800?"}', 422, "not valid Unicode"),
        ({"question": "x" * 300_000}, 413, "over 256 KiB"),
        (iter([b'{"question": "', b"x" * 300_000, b'"}']), 413, "over 256 KiB"),  # chunked, no length
    ],
)
def test_bad_requests_get_one_json_error(server, body, status, message):
    if isinstance(body, dict):
        response = httpx.post(f"{server}/v1/ask", json=body, headers=AUTH)
    else:
        response = httpx.post(f"{server}/v1/ask", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == status
    error = response.json()["error"]
    assert message in error["message"]
    assert "Traceback" not in response.text


def test_chat_completion_without_a_user_question_is_refused(server):
    response = httpx.post(
        f"{server}/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "Hello"}]}, headers=AUTH
    )
    assert response.status_code == 422
    assert "last message must be the user's question" in response.json()["error"]["message"]


def test_cors_allows_only_the_listed_origin(server):
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    allowed = httpx.options(f"{server}/v1/ask", headers={"Origin": PARTNER_ORIGIN, **preflight})
    assert allowed.headers.get("access-control-allow-origin") == PARTNER_ORIGIN
    other = httpx.options(f"{server}/v1/ask", headers={"Origin": "https://elsewhere.example", **preflight})
    assert "access-control-allow-origin" not in other.headers


def test_concurrent_conversations_neither_fail_nor_mix(server):
    """Two follow-ups asked at once, many times over: each keeps its own conversation."""
    conversations = {
        "El Pollo": ("Who is El Pollo?", "What did he offer Donald Trump?"),
        "Russia": ("What role does Russia play?", "And the sanctions?"),
    }
    with httpx.Client(headers=AUTH, timeout=60) as http:
        def ask(question, history=()):
            response = http.post(f"{server}/v1/ask", json={"question": question, "history": list(history)})
            assert response.status_code == 200, response.text
            return response.json()["answer"]

        expected = {}
        for name, (first, follow_up) in conversations.items():
            history = [{"role": "user", "content": first}, {"role": "assistant", "content": ask(first)}]
            expected[name] = (history, ask(follow_up, history))
        assert expected["El Pollo"][1] != expected["Russia"][1]

        jobs = [name for name in conversations for _ in range(20)]
        with ThreadPoolExecutor(max_workers=10) as pool:
            answers = list(pool.map(lambda name: ask(conversations[name][1], expected[name][0]), jobs))
    assert answers == [expected[name][1] for name in jobs]
