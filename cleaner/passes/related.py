"""Links to other articles: teaser cards ("headline, teaser..., Read more") and linked headlines
introduced by a lead-in such as "Read more:" or "Our correspondent has the details:"."""

from __future__ import annotations

from ..document import Block, count_words
from ..page import Page
from ..shape import ends_with_ellipsis, headline_like, prose_like
from .live_blog import is_time_line

_LINK_KINDS = ("related-link", "read-more")


class TeaserCards:
    """A truncated teaser ("... a wave...") with its card: the headline(s) before, the button after.

    A lone paragraph that happens to end in "..." is no card: a headline before it or a "Read
    more" button after it is required. Nor is one above all of the page's prose: a card for
    another article follows some of this one, while an article that opens on a lead ending in
    "..." (a blog's excerpt, a paywalled page's visible lead) has only its headline above it.
    """

    name = "teaser-cards"

    def run(self, page: Page) -> None:
        # Blocks other passes removed are out of the reader's sight, except "Read more" buttons.
        blocks = [b for b in page.blocks if b.kept or (b.removal.kind in _LINK_KINDS and b.words <= 4)]
        prose_above = False
        for i, block in enumerate(blocks):
            if not (block.kept and 8 <= block.words <= 80 and ends_with_ellipsis(block.folded)):
                prose_above = prose_above or (block.kept and prose_like(block))
                continue
            if not prose_above:
                prose_above = True  # the article's own lead: what follows it is the article
                continue
            start = i
            while start > 0 and i - start < 3 and _card_part(page, blocks[start - 1]):
                start -= 1
            end = i + 1 if i + 1 < len(blocks) and _is_button(page, blocks[i + 1]) else i
            if start == i and end == i:
                continue
            for part in blocks[start : end + 1]:
                page.drop(part, "related-link", "related.teaser-card", "teaser card for another article")


def _is_button(page: Page, block: Block) -> bool:
    """A "Read more" button: a block the link rules recognise, on its own or as a first line."""
    if block.removal is not None:
        return block.removal.kind in _LINK_KINDS and block.words <= 4
    rule = page.rules.first_match(Block(0, block.lines[0])) if block.lines else None
    return rule is not None and rule.kind in _LINK_KINDS and block.words <= 30


def _card_part(page: Page, block: Block) -> bool:
    return (block.kept and headline_like(block)) or _is_button(page, block)


class LeadInLinks:
    """The linked headline that a lead-in ("Read more:", "X has the details:") introduces.

    A headline followed by a live-blog time line is that entry's own headline, never a link.
    """

    name = "lead-in-links"

    def run(self, page: Page) -> None:
        blocks = [*page.blocks, None]
        for lead_in, link, after in zip(blocks, blocks[1:], blocks[2:], strict=False):
            removal = lead_in.removal
            if is_time_line(after):
                continue
            if removal and removal.kind == "read-more" and lead_in.body.endswith(":") and headline_like(link):
                page.drop(link, "related-link", "related.after-lead-in", "linked headline introduced by a lead-in")


_LABEL_KINDS = ("navigation", "related-link", "read-more")
MAX_LIST_LINE_WORDS = 25


class LabelledLists:
    """A block of short lines led by a label the rules know ("Don't miss", "Related", "More from
    X"): a list of links to other stories, its label included."""

    name = "labelled-lists"

    def run(self, page: Page) -> None:
        for block in page.kept():
            lines = block.lines
            items = lines[1:]
            if not items or any(count_words(item) > MAX_LIST_LINE_WORDS or item[:1].islower() for item in items):
                continue  # long lines, or a sentence running on from the "label": not a list
            label = page.rules.first_match(Block(0, lines[0]))
            if label is not None and label.kind in _LABEL_KINDS:
                page.drop(
                    block, "related-link", "related.labelled-list", f"a list of links under the label {lines[0]!r}"
                )


class RelatedSections:
    """A heading such as "You may also like" or "34 Comments" after most of the article, and all
    that follows it (rules of kind `related-section` or `comments-section`).

    Such a heading opens the page's list of other stories; teasers under it can be long prose,
    so only the heading tells them from the article, and only once most of the article's words
    are behind it. Runs after the page-chrome pass, on what is left of the article.
    """

    name = "related-sections"

    def run(self, page: Page) -> None:
        total = sum(b.words for b in page.kept())
        seen = 0
        for i, block in enumerate(page.blocks):
            kind = section_kind(page, block)
            if kind and seen >= total / 2:
                drop_kind, rule = (
                    ("comments", "comments.section")
                    if kind == "comments-section"
                    else ("related-link", "related.section")
                )
                for after in page.blocks[i:]:
                    page.drop(after, drop_kind, rule, f"under the heading {block.text!r}")
                return
            if block.kept:
                seen += block.words


_SECTION_KINDS = ("related-section", "comments-section")


def section_kind(page: Page, block: Block) -> str | None:
    """The kind of section this block heads, if a rule says it is a section heading."""
    if block.removal is not None:
        kind = block.removal.kind
    else:
        rule = page.rules.first_match(block) if block.words <= 8 else None
        kind = rule.kind if rule else None
    return kind if kind in _SECTION_KINDS else None
