"""Passes that judge a block by the text around it, on small made-up pages."""

from __future__ import annotations

import cleaner

_SENTENCES = [
    "The council approved the budget for the new library on Tuesday after a long debate.",
    "Residents had asked for longer opening hours and a larger children's section for years.",
    "The mayor said construction would begin in the spring and end before the next election.",
    "Opposition members argued that the money would be better spent on repairing roads first.",
    "A public consultation found that most people who answered supported the library plan.",
    "The architects will present their final designs to the planning committee next month.",
]
ARTICLE = [" ".join(_SENTENCES[i:] + _SENTENCES[:i]) for i in range(4)]  # four 90-word paragraphs


def _kept(text: str) -> str:
    return cleaner.clean(text, whole_page=False).text


def test_comment_thread_after_the_article_goes_with_its_heading():
    thread = ["3 thoughts on “Library budget”", "Anna K. says:", "Great news for the town.", "Bob says:", "About time!"]
    out = _kept("\n\n".join([*ARTICLE, *thread, "Carol says:", "Agreed."]))
    assert out == "\n\n".join(ARTICLE)


def test_comment_signatures_alone_make_a_thread():
    thread = ["Anna K. says:", "Great news for the town.", "Bob says:", "About time!", "Carol says:", "Agreed."]
    assert _kept("\n\n".join([*ARTICLE, *thread])) == "\n\n".join(ARTICLE)


def test_one_quoted_says_line_is_not_a_thread():
    text = "\n\n".join([*ARTICLE[:2], "The mayor says:", *ARTICLE[2:]])
    assert _kept(text) == text


def test_a_thread_needs_an_article_above_it():
    text = "\n\n".join(["Anna says:", "Hello.", "Bob says:", "Hi.", "Carol says:", "Hey.", *ARTICLE])
    assert "Anna says:" in _kept(text)


def test_article_repeated_as_one_block_goes_and_its_paragraphs_stay():
    text = "\n\n".join([*ARTICLE, " ".join(ARTICLE[:3])])
    doc = cleaner.clean(text, whole_page=False)
    assert doc.text == "\n\n".join(ARTICLE)
    assert [r.rule for r in doc.removed] == ["duplicate.repeated-body"]


def test_a_summary_sharing_some_sentences_stays():
    summary = " ".join(
        [_SENTENCES[0], "It was a vote that many in the town had waited for since the old branch closed."] * 3
    )
    text = "\n\n".join([*ARTICLE, summary])
    assert _kept(text) == text
