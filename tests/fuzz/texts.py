"""Generators of text inputs: random bytes and characters, scraped-text soup, repeated structures.

Each generator takes a seeded `random.Random` and returns `(source, kwargs)`: the input, and any
arguments that belong to it (a charset header for bytes in that charset). The same seed gives the
same input, so a finding can name its seed, and its file holds the input itself too.
"""

from __future__ import annotations

import codecs
import gzip
import random
from functools import cache
from pathlib import Path
from typing import Any

# The largest repeated-structure input. The one-second bound is for inputs of a crawl's sizes, up
# to 200 KB, a large article page; beyond that, time grows linearly (benchmarks/scaling.py), and
# 41,000 one-line blocks in 250 KB took about one second.
MAX_REPEAT_BYTES = 200_000

Generated = tuple[Any, dict[str, Any]]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Characters scraped text holds and decoders mishandle, by family.
_CHARS = {
    "ascii": [chr(c) for c in range(0x20, 0x7F)],
    "space": [" ", "\t", "\n", "\n\n", "\r\n", "\r", "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\u202f"],
    "c0": [chr(c) for c in range(0x20) if c not in (9, 10, 13)] + ["\x7f"],
    "c1": [chr(c) for c in range(0x80, 0xA0)],
    "surrogate": ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d", "\ude00"],
    "latin": list("éèàüößçñøåÃ©Â€™œšžƒ‘’“”–—…•"),
    "format": ["\ufeff", "\u00ad", "\u200c", "\u200d", "\u2060", "\u180e", "\u202e", "\u2066", "\u0301", "\u0308"],
    "other": [*"Ωжд漢字かなعربيעבר한국🙂👍🏽", "\ufffd", "\ufffe", "\uffff", "\U0010ffff", "\ue000"],
    "markup": ["<", ">", "&", "&amp;", "&#0;", "<p>", "</p>", "<br>", "<!--", "-->", "<script>", "<?xml", "]]>"],
}
_FAMILIES = list(_CHARS)


@cache
def prose() -> list[str]:
    """Paragraphs of real articles in several languages and scripts (seed and encoding fixtures)."""
    paragraphs: list[str] = []
    for path in sorted(FIXTURES.glob("[sen]*/*.txt")):  # seeds, encoding, negative
        text = path.read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    return paragraphs or ["The minister said on Monday that the talks would resume."]


@cache
def chrome() -> list[str]:
    """The rule files' examples of chrome: menus, captions, bylines, share bars, related links."""
    from cleaner.ruleset import builtin_rule_files

    return sorted({ex for f in builtin_rule_files() for rule in f.rules for ex in (*rule.match, *rule.keep)})


@cache
def site_urls() -> list[str]:
    """Urls on the domains that have site rules, so that those rules run too."""
    from cleaner.ruleset import builtin_rule_files

    return [f"https://www.{d}/world/story-{i}" for f in builtin_rule_files() for d in f.domains for i in (1, 2)]


def size(rng: random.Random, most: int) -> int:
    """A length up to `most`, small far more often than large (log-uniform)."""
    return int(most ** rng.random()) - 1 + rng.randrange(2)


def random_text(rng: random.Random, length: int | None = None) -> str:
    families = rng.sample(_FAMILIES, rng.randint(1, 4))
    pool = [ch for f in families for ch in _CHARS[f]]
    return "".join(rng.choice(pool) for _ in range(size(rng, 3000) if length is None else length))


def gen_random_bytes(rng: random.Random) -> Generated:
    return rng.randbytes(size(rng, 8000)), {}


def gen_bom_bytes(rng: random.Random) -> Generated:
    """A byte-order mark, then text in its encoding, in another one, or no text at all."""
    bom, codec = rng.choice(
        [
            (codecs.BOM_UTF8, "utf-8"),
            (codecs.BOM_UTF16_LE, "utf-16-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"),
            (codecs.BOM_UTF32_LE, "utf-32-le"),
            (codecs.BOM_UTF32_BE, "utf-32-be"),
        ]
    )
    text = rng.choice([soup_text(rng), random_text(rng), ""])
    body = text.encode(rng.choice([codec, "utf-8", "cp1252", "utf-16-le"]), errors=rng.choice(["replace", "ignore"]))
    return bom + body[: rng.choice([len(body), max(0, len(body) - 1)])], {}


def gen_gzip_bytes(rng: random.Random) -> Generated:
    """Compressed bytes handed over as they came off the wire, whole or cut short."""
    text = rng.choice([soup_text(rng), random_text(rng)])
    packed = gzip.compress(text.encode("utf-8", errors="surrogatepass"))
    if rng.random() < 0.3:
        packed = packed[: rng.randrange(len(packed) + 1)]
    headers = {"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8"} if rng.random() < 0.5 else {}
    return packed, {"headers": headers} if headers else {}


def gen_random_text(rng: random.Random) -> Generated:
    return random_text(rng), {}


def gen_mojibake(rng: random.Random) -> Generated:
    """Prose read in the wrong charset, once or twice, with controls scattered in."""
    text = "\n\n".join(rng.sample(prose(), min(len(prose()), rng.randint(1, 6))))
    for _ in range(rng.randint(1, 2)):
        text = text.encode("utf-8", errors="surrogatepass").decode(rng.choice(["cp1252", "latin-1"]), errors="replace")
    return _sprinkle(rng, text, "c0" if rng.random() < 0.5 else "c1"), {}


def _sprinkle(rng: random.Random, text: str, family: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 1 + len(chars) // 50)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_CHARS[family]))
    return "".join(chars)


def soup_text(rng: random.Random) -> str:
    """Scraped text: article paragraphs, chrome lines and noise, in the blocks a scraper makes."""
    blocks = []
    for _ in range(size(rng, 60)):
        pick = rng.random()
        if pick < 0.35:
            blocks.append(rng.choice(prose()))
        elif pick < 0.75:
            blocks.append(rng.choice(chrome()))
        elif pick < 0.85 and blocks:
            blocks.append(rng.choice(blocks))  # a repeat: headline, caption, share bar
        elif pick < 0.95:
            blocks.append("\n".join(rng.choice(chrome()) for _ in range(rng.randint(2, 6))))
        else:
            blocks.append(random_text(rng, rng.randint(1, 80)))
    separator = rng.choice(["\n\n", "\n", "\n \n", "\r\n\r\n", "\r\r", "\u2029", "\n\t\n", "\n\x0c\n"])
    text = separator.join(blocks)
    if rng.random() < 0.3:
        text = _sprinkle(rng, text, rng.choice(["c0", "c1", "format", "space", "surrogate", "markup"]))
    return text


def gen_soup(rng: random.Random) -> Generated:
    return soup_text(rng), {}


# --- repeated structure: what finds the quadratic paths --------------------------------------


def _repeat(rng: random.Random, unit: str, budget: int = MAX_REPEAT_BYTES) -> str:
    """`unit` over and over, up to `budget` bytes of UTF-8."""
    return unit * rng.randint(1, max(1, budget // max(1, len(unit.encode("utf-8", "surrogatepass")))))


def gen_repeat_text(rng: random.Random) -> Generated:
    """One line, block or character pattern many times over (up to 200 KB)."""
    line = rng.choice(chrome() + prose()[:20])
    caption = rng.choice(["Photo: Reuters", "(AP Photo/Jane Doe)", "Image: Getty Images", "REUTERS/John Smith"])
    unit = rng.choice(
        [
            line + "\n",
            line + "\n\n",
            caption + "\n",
            "Headline of the story\n\n",
            "a\n\n",
            "x\n",
            "\n",
            " ",
            "word ",
            "• ",
            "<",
            "&amp;",
            "Ã©",
            "\u00c3\u0083\u00c2\u00a9",
            "".join(_CHARS["c1"]),
            "\x0b",
            "\u200b",
            "15:20 ",
            "1",
            "By ",
            "Read more: ",
            "-",
            "|",
            "...",
            "\u0301",
            "\ud800",
            "Share\nTweet\nEmail\n",
        ]
    )
    text = _repeat(rng, unit, rng.choice([3_000, 30_000, MAX_REPEAT_BYTES]))
    if rng.random() < 0.5:
        text = rng.choice(prose()) + "\n\n" + text + "\n\n" + rng.choice(prose())
    return (text.encode("utf-8", errors="surrogatepass") if rng.random() < 0.2 else text), {}


def gen_long_line(rng: random.Random) -> Generated:
    """One line of prose and chrome run together, with no break at all."""
    parts = []
    total = 0
    limit = rng.choice([10_000, 100_000, MAX_REPEAT_BYTES])
    while total < limit:
        parts.append(rng.choice(prose() + chrome()).replace("\n", " "))
        total += len(parts[-1])
    return " ".join(parts), {}


TEXT_KINDS = {
    "bytes": [gen_random_bytes, gen_bom_bytes, gen_gzip_bytes],
    "text": [gen_random_text, gen_mojibake],
    "soup": [gen_soup],
    "repeat": [gen_repeat_text, gen_long_line],
}
