"""The article's lead, set apart between the headline and the body, is part of the article."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import cleaner
from cleaner.lead import _following

TITLE = "Council approves the new budget"
LEAD = (
    "The city council approved next year's budget on Monday night. "
    "The vote ends a month of talks between the mayor and the opposition."
)
BODY = [
    "The budget raises spending on schools and roads by four percent, the finance office said in a statement.",
    "Opposition members had asked for a larger cut in fees for parking, which the mayor refused to make.",
    "The council will meet again in March to decide how the money for the new tram line is to be spent.",
]


def _page(header: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f"<html><head><title>{TITLE} | City News</title></head><body>"
        f'<nav><a href="/">Home</a> <a href="/city">City</a></nav>'
        f'<header class="article-header"><h1>{TITLE}</h1>{header}'
        f'<div class="byline">By Anna Smith</div></header>'
        f'<div class="article-body">{body}</div>'
        f"<footer>Contact us</footer></body></html>"
    )


def test_a_lead_in_the_article_header_comes_back_before_the_body():
    doc = cleaner.clean(_page(f'<div class="teaser-text"><p>{LEAD}</p></div>'))
    assert doc.text.startswith(LEAD)
    assert all(p in doc.text for p in BODY)


def test_a_lead_is_put_back_once():
    doc = cleaner.clean(_page(f'<p class="intro">{LEAD}</p>'))
    assert doc.text.count("The vote ends a month of talks") == 1


def test_a_one_sentence_subtitle_is_not_a_lead():
    subtitle = "The mayor's plan passed after a month of talks with the opposition parties."
    doc = cleaner.clean(_page(f'<p class="subtitle">{subtitle}</p>'))
    assert subtitle not in doc.text


def test_a_photo_caption_under_the_headline_is_not_a_lead():
    caption = "The council chamber on Monday. Members voted late in the evening after the debate."
    doc = cleaner.clean(_page(f'<figure><img src="a.jpg"><figcaption>{caption}</figcaption></figure>'))
    assert caption not in doc.text


def test_no_lead_is_taken_from_before_the_headline():
    promo = "Subscribe to our morning newsletter today. It is free and you can cancel at any time."
    page = _page("").replace("<header", f'<div class="promo"><p>{promo}</p></div><header')
    assert promo not in cleaner.clean(page).text


# Element trees as nested lists: each list an element, its items its children.
_SHAPES = st.recursive(st.just([]), lambda children: st.lists(children, max_size=4), max_leaves=40)


def _grown(parent: etree._Element, shape: list) -> etree._Element:
    for child in shape:
        _grown(etree.SubElement(parent, "div"), child)
    return parent


@given(_SHAPES, st.integers(min_value=0))
def test_the_elements_after_a_headline_are_xpaths_following_axis(shape, pick):
    """The lead's walk reads the elements after the headline as it needs them; they are those
    of the `following::*` axis, in its order."""
    elements = list(_grown(etree.Element("body"), shape).iter())
    element = elements[pick % len(elements)]
    assert list(_following(element)) == element.xpath("following::*")
