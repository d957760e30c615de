"""One fuzz case: an input of some kind and the arguments it is cleaned with, from a seed.

A case is a plain dict (`kind`, `generator`, `target`, `source`, `kwargs`, `id`); `make_case`
builds the same case from the same `(seed, worker, index)`, and `describe`/`rebuild` turn it into
JSON and back for a finding's file.
"""

from __future__ import annotations

import random
from typing import Any

from . import pages, texts
from .values import LimitsSpec, Opaque, decode, encode

GENERATORS = {**{k: list(v) for k, v in texts.TEXT_KINDS.items()}}
for _kind, _gens in pages.HTML_KINDS.items():
    GENERATORS.setdefault(_kind, []).extend(_gens)
# How often each kind comes up: the large repeated inputs cost most, so they come up least.
WEIGHTS = {"bytes": 2, "text": 2, "soup": 3, "html": 3, "encoded": 3, "repeat": 1, "stream": 1}
KINDS = list(WEIGHTS)
ODD_ARGUMENTS = 0.35  # the share of cases cleaned with arguments drawn from odd and wrong ones too

_URLS_GOOD = [
    "https://example.com/a?b=1#c",
    "http://localhost",
    "file:///etc/passwd",
    "https://xn--bcher-kva.example/",
    "https://例え.jp/パス",
    "//cdn.example.com/x",
    "https://user:pw@host:8080/p",
    "HTTPS://WWW.REUTERS.COM/",
]
_URLS_BAD = [
    "http://[::1",
    "http://",
    "::::",
    "",
    " ",
    "http://exa mple.com",
    "https://\ud800.com",
    "http://a\x00b",
    "https://[]/",
    "http://999.999.999.999:99999999/",
    "javascript:alert(1)",
    "https://reuters.com.evil.example/",
    "http://[v1.x]/",
]
_ODD = [42, 1.5, True, b"https://example.com", ["x"], ("a", "b"), {"a": 1}, Opaque()]
_BAD_HEADERS = [
    "text/html; charset=utf-8",
    b"Content-Type: text/html",
    42,
    [("Content-Type",)],
    [("Content-Type", "text/html", "x")],
    ["content-type"],
    {5: "text/html; charset=utf-8"},
    {"Content-Type": None},
    {"Content-Type": b"text/html; charset=utf-8"},
    {"Content-Type": 5},
    [(None, None)],
    {"content-type": ["text/html"]},
    {b"content-type": "text/html; charset=latin-1"},
    Opaque(),
    [],
    {},
]


def _pick(rng: random.Random, *options: tuple[float, Any]) -> Any:
    """The first option whose share the draw falls in; the last one otherwise."""
    draw = rng.random()
    for share, value in options:
        if draw < share:
            return value() if callable(value) else value
        draw -= share
    return options[-1][1]() if callable(options[-1][1]) else options[-1][1]


_BAD_SIZES = [0, -1, 1.5, "10", True, 2**70]
_BAD_TIMES = [0, -1, float("inf"), float("nan"), "1", True, 1e308]


def _limits(rng: random.Random) -> LimitsSpec:
    return LimitsSpec(
        max_input_bytes=_pick(
            rng, (0.8, lambda: rng.choice([None, 1, 100, 10**6])), (0.2, lambda: rng.choice(_BAD_SIZES))
        ),
        max_html_elements=_pick(
            rng, (0.8, lambda: rng.choice([None, 1, 10, 100])), (0.2, lambda: rng.choice(_BAD_SIZES))
        ),
        time_limit=_pick(
            rng, (0.8, lambda: rng.choice([None, 1e-9, 0.001, 1e9, 30])), (0.2, lambda: rng.choice(_BAD_TIMES))
        ),
        max_record_bytes=_pick(rng, (0.8, lambda: rng.choice([None, 1, 100])), (0.2, lambda: rng.choice(_BAD_SIZES))),
    )


def clean_kwargs(rng: random.Random) -> dict[str, Any]:
    """Arguments for `cleaner.clean`: mostly the defaults (left out), sometimes odd or wrong."""
    long_url = "https://example.com/" + "a/" * rng.randint(1000, 50_000)
    drawn = {
        "url": _pick(
            rng,
            (0.5, None),
            (0.2, lambda: rng.choice(texts.site_urls() or _URLS_GOOD)),
            (0.1, lambda: rng.choice(_URLS_GOOD)),
            (0.1, lambda: rng.choice(_URLS_BAD)),
            (0.05, long_url),
            (0.03, lambda: rng.choice(_ODD)),
        ),
        "encoding": _pick(
            rng,
            (0.8, None),
            (0.1, lambda: rng.choice(pages._CODECS)),
            (0.07, lambda: rng.choice(pages._HOSTILE)),
            (0.03, lambda: rng.choice([b"utf-8", 8, ["utf-8"], Opaque(), ""])),
        ),
        "headers": _pick(
            rng,
            (0.65, None),
            (
                0.25,
                lambda: pages._headers(
                    rng,
                    rng.choice(["text/html", "text/plain; charset=", 5, None])
                    if rng.random() < 0.3
                    else f"text/html; charset={rng.choice(pages._HOSTILE + pages._CODECS)}",
                ),
            ),
            (0.1, lambda: rng.choice(_BAD_HEADERS)),
        ),
        "input_type": _pick(
            rng, (0.77, "auto"), (0.1, "text"), (0.1, "html"), (0.03, lambda: rng.choice(["xml", "", None, 3, "HTML"]))
        ),
        "whole_page": _pick(
            rng, (0.7, None), (0.13, True), (0.13, False), (0.04, lambda: rng.choice([0, 1, "yes", ""]))
        ),
        "limits": _pick(rng, (0.92, None), (0.08, lambda: _limits(rng))),
    }
    defaults = {
        "url": None,
        "encoding": None,
        "headers": None,
        "input_type": "auto",
        "whole_page": None,
        "limits": None,
    }
    return {k: v for k, v in drawn.items() if not (v is defaults[k] or (isinstance(v, str) and v == defaults[k]))}


def plain_kwargs(rng: random.Random) -> dict[str, Any]:
    """Arguments a careful caller gives: a url or none, an input type, whether it is a whole page."""
    drawn = {
        "url": rng.choice([None, None, rng.choice(texts.site_urls() or _URLS_GOOD), rng.choice(_URLS_GOOD)]),
        "input_type": rng.choice(["auto", "auto", "auto", "text", "html"]),
        "whole_page": rng.choice([None, None, True, False]),
    }
    return {k: v for k, v in drawn.items() if v is not None and v != "auto"}


_ODD_SOURCES = [None, 42, ["<p>x</p>"], Opaque(), bytearray(b"<p>text</p>"), memoryview(b"plain text")]


def make_case(seed: int, worker: int, index: int, kinds: list[str] | None = None) -> dict[str, Any]:
    """The case number `index` of `worker` in the run seeded `seed`."""
    rng = random.Random(f"{seed}:{worker}:{index}")
    kinds = kinds or KINDS
    kind = rng.choices(kinds, [WEIGHTS[k] for k in kinds])[0]
    generator = rng.choice(GENERATORS[kind])
    source, given = generator(rng)
    case = {"id": f"{seed}:{worker}:{index}", "kind": kind, "generator": generator.__name__}
    if kind == "stream":
        return {**case, "target": "stream", "source": source, "kwargs": given}
    kwargs = {**(clean_kwargs(rng) if rng.random() < ODD_ARGUMENTS else plain_kwargs(rng)), **given}
    if rng.random() < 0.01:
        source = rng.choice(_ODD_SOURCES)
    return {**case, "target": "clean", "source": source, "kwargs": kwargs}


def describe(case: dict[str, Any]) -> dict[str, Any]:
    """The case as JSON."""
    return {**case, "source": encode(case["source"]), "kwargs": encode(case["kwargs"])}


def rebuild(data: dict[str, Any]) -> dict[str, Any]:
    """The case a `describe` described."""
    return {**data, "source": decode(data["source"]), "kwargs": decode(data["kwargs"])}


def call_text(case: dict[str, Any], width: int = 300) -> str:
    """The call, as Python a reader can paste (the input cut to `width` characters)."""
    source = repr(case["source"])
    source = source if len(source) <= width else source[:width] + f"...<{len(case['source'])} in all>"
    args = "".join(f", {k}={v!r}"[: width + 20] for k, v in case["kwargs"].items())
    func = "cleaner.clean" if case["target"] == "clean" else "run_stream(BytesIO"
    return f"{func}({source}{args})"
