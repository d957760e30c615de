"""A long read cut into sections: the extractor's quick pass settles on one section, and the
paragraphs of the sections like it come back, in page order."""

from __future__ import annotations

import cleaner
import cleaner.extract as extract

PARAGRAPH = (
    "Section {i}, paragraph {j}: the committee heard evidence from engineers about the bridge, and the "
    "chair said the findings would be published in the spring, after a review by the council."
)


def _long_read(sections: int = 4, per_section: int = 3) -> str:
    parts = []
    for i in range(sections):
        paragraphs = "".join(f"<p>{PARAGRAPH.format(i=i, j=j)}</p>" for j in range(per_section))
        parts.append(f"<section class='chapter'><div class='text'>{paragraphs}</div></section>")
        parts.append("<div class='ad'><p>Advertisement</p></div>")
    return (
        "<html><head><title>The bridge</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main><h1>The bridge</h1>{''.join(parts)}</main><footer><p>Contact us</p></footer></body></html>"
    )


def _extraction_calls(monkeypatch) -> list[bool]:
    calls: list[bool] = []
    original = extract._trafilatura

    def counted(tree, fast):
        calls.append(fast)
        return original(tree, fast)

    monkeypatch.setattr(extract, "_trafilatura", counted)
    return calls


def test_every_section_comes_back_in_page_order():
    text = cleaner.clean(_long_read()).text
    expected = [PARAGRAPH.format(i=i, j=j) for i in range(4) for j in range(3)]
    assert text.split("\n\n") == expected


def test_a_short_quick_pass_is_followed_by_the_full_comparison(monkeypatch):
    # The article is one paragraph; most of the page's paragraph text is in a sidebar: the quick
    # pass's text is short, and trafilatura's full comparison with its fallbacks has a look.
    teasers = "".join(f"<p>{PARAGRAPH.format(i=9, j=n)}</p>" for n in range(10))
    page = (
        "<html><head><title>Notes</title></head><body><article><h1>Notes</h1>"
        f"<p>{PARAGRAPH.format(i=0, j=0)}</p></article><aside>{teasers}</aside></body></html>"
    )
    calls = _extraction_calls(monkeypatch)
    cleaner.clean(page)
    assert calls == [True, False]


def test_paragraphs_taken_as_the_lines_of_one_block_find_their_sections():
    """trafilatura's fallback extractors may give a section's paragraphs as the lines of one block:
    those lines are extracted paragraphs, whose containers tell which sections to bring back."""
    tree = extract.parse(_long_read())
    taken = "\n".join(PARAGRAPH.format(i=1, j=j) for j in range(3))  # section 1, as one block
    text = extract._with_sibling_sections(tree, taken)
    others = [PARAGRAPH.format(i=i, j=j) for i in (2, 3) for j in range(3)]
    before = [PARAGRAPH.format(i=0, j=j) for j in range(3)]
    assert text.split("\n\n") == [*before, taken, *others]
