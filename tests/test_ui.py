"""The readers' web chat: `gradio_client` against /chat, and a real headless Chromium."""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium")


def test_gradio_client_calls_chat(server):
    from gradio_client import Client

    client = Client(f"{server}/", verbose=False)
    reply = client.predict("What role does Russia play?", api_name="/chat")
    assert reply.startswith("Russia has close ties to the Maduro regime")
    assert "[1]" in reply and "Frequently Asked Questions" in reply

    declined = client.predict("Who won the 2018 World Cup?", api_name="/chat")
    assert declined.startswith("The coverage does not answer this question: it never mentions 2018 World Cup.")


@pytest.fixture
def page(server, tmp_path):
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium` (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{server}/")
        page.get_by_placeholder("Ask a question about the coverage").wait_for(timeout=60_000)  # the page is up
        yield page
        page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
        browser.close()


def ask(page, question: str) -> None:
    """Type a question, send it, and wait until its answer has finished streaming."""
    answers_before = page.locator(".message.bot").count()
    box = page.locator("textarea[data-testid='textbox']")
    box.fill(question)
    box.press("Enter")
    # The box is disabled while the answer streams, and comes back when it is complete.
    page.wait_for_function(
        """n => document.querySelectorAll('.message.bot').length > n
               && !document.querySelector("textarea[data-testid='textbox']").disabled""",
        arg=answers_before,
        timeout=60_000,
    )


def last_answer(page):
    return page.locator(".message.bot").last


def test_reader_asks_sees_sources_and_follows_up(page, tmp_path):
    ask(page, "What role does Russia play?")
    answer = last_answer(page)
    assert "Russia has close ties to the Maduro regime" in answer.inner_text()
    assert "[1]" in answer.inner_text()

    source = answer.locator("details").first
    assert source.locator("summary").inner_text().startswith("[1] Maduro vs. Trump")
    assert source.get_attribute("open") is None, "sources start collapsed"
    assert not source.locator("blockquote").is_visible()
    source.locator("summary").click()
    assert "Q: What role does Russia play in this situation?" in source.locator("blockquote").inner_text()

    ask(page, "Who wrote the piece on the Cartel of the Suns?")
    ask(page, "And what is his title?")  # the writer's only after the question before
    assert "Senior News Editor" in last_answer(page).inner_text()

    ask(page, "What is the capital of France?")
    assert "The coverage does not answer this question: it never mentions France." in last_answer(page).inner_text()
    page.screenshot(path=str(tmp_path / "conversation.png"), full_page=True)
    assert (tmp_path / "conversation.png").stat().st_size > 10_000

    # Starting over empties the conversation; the next question starts a new one.
    page.get_by_label("Clear").first.click()
    page.wait_for_function("() => document.querySelectorAll('.message.bot').length === 0", timeout=10_000)
    ask(page, "Who is El Pollo?")
    assert page.locator(".message.bot").count() == 1


def test_markup_in_an_article_shows_as_text_and_never_runs(page):
    ask(page, "What did the council's notice on the gate read?")
    answer = last_answer(page)
    body = answer.inner_text().split("Sources")[0]
    for literal in ("<script>window.__xss = 1;</script>", 'onerror="window.__xss = 2"', "$$\\Huge WIN$$",
                    "https://evil.example/win", "**www.evil.example**"):
        assert literal in body, literal
    answer.locator("details summary").first.click()
    quote = answer.locator("details blockquote").first.inner_text()
    assert "<script>window.__xss = 1;</script>" in quote and "$$\\Huge WIN$$" in quote
    # Nothing of it became markup: no script, image, link, bold text or formula.
    assert answer.locator("script, img, a, strong:has-text('www'), .katex").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []


def test_an_overloaded_chat_says_it_is_busy(served_settings, tmp_path):
    """A queue of one: of many readers at once, those beyond it are told to try again."""
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    from .conftest import start_server, stop_server

    process, url = start_server(served_settings, tmp_path / "server.log", queue_size="1", concurrent_answers="1")
    try:
        client = Client(f"{url}/", verbose=False)

        def ask(_):
            try:
                return client.predict("What are the implications for regional stability?", api_name="/chat")
            except Exception as exc:  # gradio_client raises its own error types
                return f"{type(exc).__name__}: {exc}"

        with ThreadPoolExecutor(max_workers=30) as pool:
            replies = list(pool.map(ask, range(30)))
    finally:
        stop_server(process)
    busy = [r for r in replies if "Queue is full" in r]
    answered = [r for r in replies if "[1]" in r]
    assert busy and answered and len(busy) + len(answered) == len(replies)
