from pathlib import Path

from assistant.corpus import SkippedFile, find_article_files, load_article

from .conftest import SAMPLE


def test_sample_page_structure_is_recovered():
    article = load_article(SAMPLE, SAMPLE.parent)
    assert article.title == "Maduro vs. Trump: Venezuela Conflict – Latest News (Dec 4)"
    assert (article.author, article.author_role) == ("James Carter", "Senior News Editor")
    assert article.category == "world"
    # The deck under the byline is the subtitle, and still heads the first paragraph.
    assert article.subtitle.startswith("The Cartel of the Suns: How Venezuela’s Alleged Weaponization")
    assert article.blocks[0].section == article.subtitle
    faq = [b for b in article.blocks if b.kind == "faq"]
    assert [b.label for b in faq][2] == "What role does Russia play in this situation?"
    assert len(faq) == 4 and all(b.text.startswith("Q: ") and "\nA: " in b.text for b in faq)
    assert {b.label for b in article.blocks if b.kind == "callout"} == {"Expert Insight", "Did you know", "Pro Tip"}
    sanctions = next(b for b in article.blocks if b.label == "Targeted Sanctions")
    assert sanctions.kind == "bullet"
    assert sanctions.section == "Actionable Insights: Strengthening US Counter-Narcotics Strategy"


def test_page_clutter_never_reaches_a_block():
    text = " ".join(b.text for b in load_article(SAMPLE, SAMPLE.parent).blocks)
    for clutter in ("Home »", "You may also like", "Leave a Comment", "Akismet", "Adblock", "AdBlocker",
                    "Share your thoughts"):
        assert clutter not in text
    assert "critical juncture in US-Latin American relations" in text  # the real closing paragraph stays


def test_html_main_text_and_metadata(tmp_path: Path):
    page = tmp_path / "harbour.html"
    page.write_text(
        """<html><head><title>Harbour reopens - Daily</title><meta name="author" content="Ana Ruiz">
        <meta property="article:published_time" content="2025-03-02T08:00:00Z">
        <link rel="canonical" href="https://news.example/harbour"></head>
        <body><nav>Home | Sections | Login</nav><article><h1>Harbour reopens</h1>
        <p>The harbour reopened on Tuesday after three weeks of repairs to the main quay, officials said.</p>
        <h2>What changes</h2><ul><li><b>Ferries:</b> the morning ferry returns to its old timetable.</li>
        <li>Cargo: night unloading stays banned until May.</li></ul>
        <p>Dock workers <script>alert('x')</script>welcomed the decision.</p></article>
        <footer>Copyright Daily</footer></body></html>""",
        encoding="utf-8",
    )
    article = load_article(page, tmp_path)
    assert article.title == "Harbour reopens"
    assert article.author == "Ana Ruiz"
    assert article.published == "2025-03-02"
    assert article.url == "https://news.example/harbour"
    bullets = [b for b in article.blocks if b.kind == "bullet"]
    assert [b.section for b in bullets] == ["What changes", "What changes"]
    assert bullets[0].text.startswith("Ferries:")
    body = " ".join(b.text for b in article.blocks)
    assert "alert(" not in body and "Login" not in body


def test_markdown_front_matter_and_headings(tmp_path: Path):
    page = tmp_path / "vote.md"
    page.write_text(
        "---\ntitle: Council vote\nauthor: Lee Park, City Reporter\npublished: 2025-05-01\n---\n"
        "# Council vote\n\nThe council approved the **budget** by seven votes to two.\n\n"
        "## Reactions\n\n- The mayor called it [a fair deal](https://x.example).\n",
        encoding="utf-8",
    )
    article = load_article(page, tmp_path)
    assert (article.title, article.author, article.author_role) == ("Council vote", "Lee Park", "City Reporter")
    assert article.published == "2025-05-01"
    assert article.blocks[0].text == "The council approved the budget by seven votes to two."
    assert article.blocks[1].kind == "bullet" and article.blocks[1].section == "Reactions"
    assert article.blocks[1].text == "The mayor called it a fair deal."


def test_sidecar_metadata_fills_what_plain_text_cannot_carry(tmp_path: Path):
    story = tmp_path / "story.txt"
    story.write_text("A headline\n\nSome body text that says something. It continues.\n", encoding="utf-8")
    (tmp_path / "story.txt.meta.json").write_text(
        '{"published": "2025-12-04", "url": "https://news.example/story", "author": "Kim Lo"}', encoding="utf-8"
    )
    article = load_article(story, tmp_path)
    assert (article.published, article.url, article.author) == ("2025-12-04", "https://news.example/story", "Kim Lo")
    assert [p.name for p in find_article_files([tmp_path])] == ["story.txt"]  # the sidecar is no article


def test_broken_files_are_skipped_with_a_reason(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    reasons = {p.name: load_article(p, tmp_path) for p in sorted(tmp_path.iterdir())}
    assert all(isinstance(r, SkippedFile) for r in reasons.values())
    assert "empty" in reasons["empty.txt"].reason
    assert "binary" in reasons["binary.txt"].reason
    assert "UTF-8" in reasons["latin1.txt"].reason
    assert "unsupported" in reasons["report.pdf"].reason
