"""Hypothesis strategies: arbitrary text, article-like text, and seed fixtures with chrome inserted."""

from __future__ import annotations

from hypothesis import strategies as st

from cleaner.ruleset import builtin_rule_files

from ..conftest import SEEDS, load_seed

# Chrome from the rules that apply to any page (site files need their site's url) and anywhere
# in it (tail rules' examples are chrome only where they close the text). A lead-in such as
# "Read more:" makes the line after it a link, and a heading such as "You may also like" makes
# what follows it other stories, by definition: inserting one into an article changes what the
# article is. Every other kind of chrome is fair game.
CHROME_EXAMPLES = sorted(
    {
        example
        for f in builtin_rule_files()
        if not f.domains
        for rule in f.rules
        if rule.where == "anywhere" and rule.kind not in ("related-section", "comments-section")
        for example in rule.match
        if not (rule.kind == "read-more" and example.rstrip().endswith(":"))
    }
)
SEED_DATA = [load_seed(path) for path in SEEDS]

_WORDS = [
    "the",
    "minister",
    "said",
    "on",
    "Monday",
    "Read",
    "more",
    "By",
    "Jane",
    "Doe",
    "(AP)",
    "15:20",
    ",",
    "Kyiv",
    "date",
    "2023-02-15",
    "Photo",
    "Reuters",
    "talks",
    "would",
    "resume",
    "...",
    "Home",
    "•",
    "Share",
    "|",
    "Oops!",
    "cart",
    "empty",
    "[Agency]",
    "KYIV",
    "(Reuters)",
    "-",
    "Article:",
    "“quote”",
]

words_line = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30).map(" ".join)
sentence = st.lists(st.sampled_from(_WORDS[:12]), min_size=3, max_size=40).map(lambda w: " ".join(w) + ".")
block = st.one_of(
    words_line,
    sentence,
    st.sampled_from(CHROME_EXAMPLES),
    st.lists(words_line, min_size=2, max_size=3).map("\n".join),
)
article_like_text = st.lists(block, max_size=25).map("\n\n".join)
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
any_text_with_lines = st.lists(st.text(max_size=40), max_size=20).map("\n".join)


@st.composite
def mutated_seed(draw) -> tuple[str, list[str]]:
    """A seed with chrome inserted, blocks duplicated, line ends and spacing changed; and its keep blocks."""
    _source, gold = draw(st.sampled_from(SEED_DATA))
    blocks = [b["text"] for b in gold["blocks"]]
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(blocks)))
        if draw(st.booleans()):
            blocks.insert(where, draw(st.sampled_from(CHROME_EXAMPLES)))
        elif where < len(blocks):
            blocks.insert(where + 1, blocks[where])
    separator = draw(st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n\t\n"]))
    if draw(st.booleans()):
        blocks = [b.replace("\n", " \n") + "  " for b in blocks]
    out = separator.join(blocks)
    out = out.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))
    keep = [b["text"] for b in gold["blocks"] if b["label"] == "keep"]
    return out, keep


_TAGS = ["p", "div", "li", "h2", "blockquote", "span", "td"]


@st.composite
def html_page(draw) -> str:
    """A page: a head, a nav, an article of paragraphs in assorted tags, an aside and a footer."""
    from html import escape

    def element(text: str) -> str:
        tag = draw(st.sampled_from(_TAGS))
        inner = "<br>".join(escape(line) for line in text.split("\n"))
        return f"<{tag}>{inner}</{tag}>"

    title = escape(draw(words_line))
    nav = "".join(
        f"<li><a href='/{i}'>{escape(w)}</a></li>" for i, w in enumerate(draw(st.lists(words_line, max_size=6)))
    )
    article = "".join(element(b) for b in draw(st.lists(block, max_size=15)))
    aside = "".join(element(b) for b in draw(st.lists(block, max_size=4)))
    charset = draw(st.sampled_from(["", '<meta charset="utf-8">', '<meta charset="windows-1252">']))
    return (
        f"<!DOCTYPE html><html><head>{charset}<title>{title}</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<h1>{title}</h1><article>{article}</article><aside>{aside}</aside><footer>© 2024</footer></body></html>"
    )


def fuzz_cases(kinds: list[str] | None = None) -> st.SearchStrategy[dict]:
    """Cases of the fuzzer (tests/fuzz): an input of any kind with the arguments it is cleaned with.

    Each is built from a seed, so hypothesis reports a failing one by its `id` ("seed:0:index"),
    which `tests.fuzz.cases.make_case` rebuilds; run one with `tests.fuzz.targets.run_case`.
    """
    from ..fuzz.cases import make_case

    return st.builds(make_case, st.integers(0, 2**32 - 1), st.just(0), st.integers(0, 2**20), st.just(kinds))
