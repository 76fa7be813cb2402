from dataclasses import replace

from assistant.chunking import chunk_article
from assistant.corpus import load_article
from assistant.schema import Block
from assistant.text import count_tokens

from .conftest import SAMPLE


def sample_passages(max_tokens=200):
    return chunk_article(load_article(SAMPLE, SAMPLE.parent), max_tokens)


def test_header_is_a_passage_with_the_byline_as_printed():
    header = sample_passages()[0]
    assert header.kind == "header"
    assert "by James Carter Senior News Editor" in header.text  # verbatim, so a citation quotes the page
    assert header.author == "James Carter"


def test_one_faq_question_with_its_whole_answer():
    russia = next(p for p in sample_passages() if "Russia" in p.label)
    assert russia.kind == "faq" and russia.section == "Frequently Asked Questions"
    assert russia.text.startswith("Q: What role does Russia play in this situation?\nA: Russia has close ties")
    assert russia.text.endswith("although this remains unconfirmed.")


def test_bullets_keep_their_heading_and_metadata():
    bullet = next(p for p in sample_passages() if p.label == "Targeted Sanctions")
    assert bullet.section.startswith("Actionable Insights")
    assert bullet.title.startswith("Maduro vs. Trump") and bullet.category == "world"


def test_long_units_split_on_sentence_boundaries_under_the_budget():
    passages = sample_passages(max_tokens=40)
    assert all(count_tokens(p.text) <= 40 or len(p.text.split(". ")) == 1 for p in passages)
    assert all(p.text.rstrip()[-1] in ".!?:”" for p in passages if p.kind == "paragraph")
    faq_pieces = [p for p in passages if p.kind == "faq" and "Russia" in p.label]
    assert len(faq_pieces) == 2 and all(p.text.startswith("Q: What role does Russia play") for p in faq_pieces)


def test_ids_are_stable_and_follow_content():
    first, second = sample_passages(), sample_passages()
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id for p in first}) == len(first)
    article = load_article(SAMPLE, SAMPLE.parent)
    edited = replace(article, blocks=[Block("paragraph", "A new first paragraph.", "Intro")] + article.blocks[1:])
    changed = {p.id for p in chunk_article(edited)} ^ {p.id for p in first}
    assert len(changed) == 2  # the old paragraph out, the new one in; every other id unchanged


def test_an_opening_it_is_embedded_with_the_name_it_stands_for_and_only_then():
    from assistant.store import embedding_views

    paragraph = next(p for p in sample_passages() if "It’s deeply embedded" in p.text)
    embedded = [text for _, text in embedding_views(paragraph)]
    assert any(text.startswith("The Cartel of the Suns is deeply embedded") for text in embedded)
    assert paragraph.text.count("It’s deeply embedded") == 1  # the passage itself stays verbatim

    made_up = replace(paragraph, text="In a statement, officials spoke. It is unclear whether they lied. "
                                       "However, Maduro resisted. Its leaders fled.")
    assert [text for _, text in embedding_views(made_up)][1:] == [
        "In a statement, officials spoke.", "It is unclear whether they lied.", "However, Maduro resisted.", "Its leaders fled."]
