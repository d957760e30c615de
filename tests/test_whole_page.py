"""The page's own rendering stands in for an extraction that is not an article's: here, the page's
blocks run together on one line (trafilatura's last resort when its extractors find too little)."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.whole_page import _runs_blocks_together

PARAGRAPH = (
    "Ich würde ja in smarte und wirtschaftliche Elektro-Zapfsäulen investieren. "
    "Wundere mich, dass es sie noch nicht gibt."
)
SHORT_POST = f"""<html><head><title>Elektro-Zapfsäulen. | Sprechblase</title></head><body>
<header><p class="site-title"><a href="/">Sprechblase</a></p><p>Vogel fliegt. Fisch schwimmt. Ich blogge.</p></header>
<main id="main" role="main"><article class="post">
<header class="entry-header"><h1 class="entry-title">Elektro-Zapfsäulen.</h1>
<div class="entry-meta"><a href="/2019/11/17/"><time>17/11/2019</time></a> ~
<a href="/author/">Cem Basman</a></div></header>
<div class="entry-content"><p>{PARAGRAPH}</p><p><strong>Ich bedanke mich für die Tipps.</strong></p>
<div class="sharedaddy"><div class="sd-block sd-rating"><h3 class="sd-title">Bewerten:</h3></div>
<div class="sd-block sd-sharing"><h3 class="sd-title">Teilen Sie dies mit:</h3>
<ul><li><a href="?share=twitter">Twitter</a></li><li><a href="?share=facebook">Facebook</a></li></ul></div></div></div>
<footer class="entry-footer"><h2>Veröffentlicht von Cem Basman</h2>
<p>Life is not digital. Life is a burning bush.</p></footer>
</article></main></body></html>"""


def test_blocks_run_together_on_one_line_are_read_from_the_page_instead():
    doc = cleaner.clean(SHORT_POST, url="https://sprechblase.example/2019/11/17/elektro-zapfsaeulen/")
    blocks = doc.text.split("\n\n")
    assert doc.extraction == "whole-page"
    assert PARAGRAPH in blocks and "Ich bedanke mich für die Tipps." in blocks
    assert not any("Elektro-Zapfsäulen." in block and "Ich würde" in block for block in blocks)


BLOCKS = ["Menü", "Elektro-Zapfsäulen.", "17/11/2019 ~ Cem Basman", "Ich würde ja investieren.", "Bewerten:"]


@pytest.mark.parametrize(
    ("line", "run_together"),
    [
        ("Elektro-Zapfsäulen. 17/11/2019 ~ Cem Basman Ich würde ja investieren.", True),
        ("Elektro-Zapfsäulen. Ich würde ja investieren. Bewerten:", True),  # blocks it leaves out
        ("Elektro-Zapfsäulen.  17/11/2019 ~ Cem\nBasman Ich würde ja investieren.", True),  # spacing
        ("Elektro-Zapfsäulen. 17/11/2019 ~ Cem Basman", False),  # two blocks: a headline and its byline
        ("Zapfsäulen. 17/11/2019 ~ Cem Basman Ich würde ja investieren. Bewerten:", False),  # not at a block's start
        ("Elektro-Zapfsäulen.17/11/2019 ~ Cem Basman Ich würde ja investieren.", False),  # no space between
        ("Elektro-Zapfsäulen.x17/11/2019 ~ Cem Basman Ich würde ja investieren.", False),  # a longer word
        ("Ich würde ja investieren. Elektro-Zapfsäulen. 17/11/2019 ~ Cem Basman", False),  # not in page order
    ],
)
def test_a_line_runs_blocks_together_when_it_holds_three_in_page_order(line, run_together):
    assert _runs_blocks_together(line, BLOCKS) is run_together


def test_the_blocks_are_read_once_whatever_the_line():
    """No search of the line for each block: a long line and many blocks stay linear."""
    blocks = [f"block number {n} of the page" for n in range(20_000)]
    line = " ".join(blocks[:2]) + " " + "x" * 2_000_000
    assert _runs_blocks_together(line, blocks) is False
