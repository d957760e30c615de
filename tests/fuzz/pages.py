"""Generators of HTML inputs: tag soup, pages in many charsets with honest or hostile labels,
deeply nested and very large pages; and JSON Lines streams of good and bad records."""

from __future__ import annotations

import json
import random
from html import escape
from typing import Any

from .texts import MAX_REPEAT_BYTES, Generated, chrome, prose, random_text, size, soup_text
from .values import HEADER_TYPES, email_message, http_message

_TAGS = (  # noqa: SIM905 - tag names read better as words
    "p div span a h1 h2 h3 h6 ul ol li br img table tr td th article main section nav aside header "
    "footer figure figcaption time pre code blockquote em b i strong small sup label button form input "
    "select option iframe noscript template svg math textarea title head body html meta link style "
    "script object embed video source dl dt dd details summary hr q cite abbr"
).split()
_VOID = {"br", "img", "input", "meta", "link", "hr", "source", "embed"}
_ATTRS = [
    "hidden",
    'aria-hidden="true"',
    'style="display:none"',
    'style="visibility: hidden"',
    'class="caption"',
    'class="related-links"',
    'class="share"',
    'id="main"',
    'itemprop="articleBody"',
    'href="/story"',
    'href="javascript:void(0)"',
    'src="x.jpg"',
    'alt="Photo: Reuters"',
    'lang="ar" dir="rtl"',
    'datetime="2023-02-15T10:00:00Z"',
    'role="navigation"',
    'class="byline"',
    'data-x="\'"',
    'title="&quot;"',
    "=",
    'hidden="hidden" style="display: none !important"',
]
_ENTITIES = ["&amp;", "&lt;", "&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&bogus;", "&", "&#x9;"]
_NOISE = ["\x0c", "\x0b", "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "\r", "\u00a0"]
_METAS = [
    '<meta property="og:title" content="{}">',
    '<meta name="author" content="{}">',
    '<meta property="article:published_time" content="{}">',
    '<meta name="description" content="{}">',
    '<meta property="og:site_name" content="{}">',
    '<meta name="keywords" content="{}">',
    '<link rel="canonical" href="{}">',
    '<meta property="og:image" content="{}">',
]
_DATES = [
    "2023-02-15",
    "2023-13-45",
    "0000-00-00",
    "99999-01-01",
    "15 February 2023",
    "yesterday",
    "",
    "2023-02-15T25:61",
]


def _text(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.4:
        return escape(rng.choice(prose()))
    if pick < 0.8:
        return escape(rng.choice(chrome()))
    if pick < 0.9:
        return rng.choice(_ENTITIES) + rng.choice(_NOISE)
    return random_text(rng, rng.randint(0, 30))


def _element(rng: random.Random, depth: int) -> str:
    """One element with random content; sometimes left unclosed or closed wrongly."""
    tag = rng.choice(_TAGS)
    attrs = " ".join(rng.sample(_ATTRS, rng.randint(0, 2)))
    head = f"<{tag}{' ' if attrs else ''}{attrs}>"
    if tag in _VOID:
        return head + rng.choice(["", *_NOISE])
    if tag in ("script", "style"):
        body = rng.choice(["var x = '</p>';", "p{color:red}", "<!--", "</scr" + "ipt>", _jsonld(rng)])
    elif depth > 6 or rng.random() < 0.4:
        body = _text(rng)
    else:
        body = "".join(_element(rng, depth + 1) for _ in range(size(rng, 8)))
    close = rng.choice([f"</{tag}>"] * 6 + ["", f"</{rng.choice(_TAGS)}>", f"</{tag}"])
    return head + body + close + (rng.choice(_NOISE) if rng.random() < 0.2 else "")


def _jsonld(rng: random.Random) -> str:
    """A JSON-LD block: metadata readers parse it, so give them good, odd and broken ones."""
    data = {
        "@context": "https://schema.org",
        "@type": rng.choice(["NewsArticle", "Article", ["Article"], None, 3]),
        "headline": rng.choice([rng.choice(prose())[:80], None, 5, ["a"], {"x": 1}]),
        "author": rng.choice([{"@type": "Person", "name": "Jane Doe"}, [{"name": None}], "Reuters", 7, [[]]]),
        "datePublished": rng.choice([*_DATES, None, 20230215]),
    }
    text = json.dumps(data)
    return text[: rng.randrange(len(text) + 1)] if rng.random() < 0.2 else text


def html_soup(rng: random.Random) -> str:
    head = "".join(rng.choice(_METAS).format(escape(rng.choice(_DATES + chrome()))) for _ in range(size(rng, 6)))
    if rng.random() < 0.5:
        head += f"<title>{_text(rng)}</title>"
    if rng.random() < 0.3:
        head += f'<script type="application/ld+json">{_jsonld(rng)}</script>'
    body = "".join(_element(rng, 0) for _ in range(size(rng, 30)))
    if rng.random() < 0.3:
        body += rng.choice(["<!-- unclosed", "<![CDATA[ x", "<p", "</", "<a href='", "<?php echo 1 ?>"])
    doctype = rng.choice(["<!DOCTYPE html>", "", "<!doctype html public>", '<?xml version="1.0"?>'])
    return f"{doctype}<html><head>{head}</head><body>{body}</body></html>"


def gen_html_soup(rng: random.Random) -> Generated:
    page = html_soup(rng)
    return (page.encode("utf-8", errors="surrogatepass") if rng.random() < 0.3 else page), {}


def gen_article_page(rng: random.Random) -> Generated:
    """A plausible article page (nav, article of prose and chrome, aside, footer) with noise next to tags."""
    noise = rng.choice(_NOISE) if rng.random() < 0.5 else ""
    paragraphs = soup_text(rng).split("\n\n")
    tags = ["p", "h2", "figcaption", "li", "div", "blockquote", "span hidden"]
    article = noise.join(
        f"<{t}>{escape(p)}</{t.split()[0]}>" for p in paragraphs for t in [rng.choice(tags)] if p.strip()
    )
    nav = "".join(f"<li><a href='/{i}'>{escape(rng.choice(chrome()))}</a></li>" for i in range(size(rng, 20)))
    title = escape(rng.choice(prose())[:90])
    page = (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<h1>{title}</h1>{noise}<article>{article}</article><aside>{_element(rng, 3)}</aside>"
        f"<footer>© 2024</footer></body></html>"
    )
    return page, {}


# --- charsets ----------------------------------------------------------------------------------

_CODECS = [
    "utf-8", "cp1252", "latin-1", "iso-8859-2", "iso-8859-5", "iso-8859-7", "koi8-r", "cp1251", "cp1250",
    "cp1256", "shift_jis", "euc-jp", "iso-2022-jp", "gb18030", "big5", "euc-kr", "utf-16", "utf-16-le",
    "utf-16-be", "utf-32", "utf-7", "cp437", "mac-roman", "tis-620", "hz",
]  # fmt: skip
_HOSTILE = [
    "rot13", "rot_13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "undefined", "utf-7", "unicode_escape",
    "raw_unicode_escape", "punycode", "idna", "mbcs", "oem", "utf-8-sig", "x-user-defined", "unicode-1-1-utf-7",
    "replacement", "foo-8", "utf-8\x00", "utf-8 ", "UTF8", "..", "string_escape", "palmos", "cp65001", "utf_32",
]  # fmt: skip


def _label(rng: random.Random, codec: str) -> str:
    pick = rng.random()
    return codec if pick < 0.4 else rng.choice(_CODECS) if pick < 0.6 else rng.choice(_HOSTILE)


def _headers(rng: random.Random, value: Any) -> Any:
    """A Content-Type header in one of the containers callers use."""
    pairs = [("Content-Type", value)] + ([("X-Other", "1")] if rng.random() < 0.5 else [])
    if rng.random() < 0.5:
        pairs.reverse()
    pairs = [(k.lower() if rng.random() < 0.3 else k, v) for k, v in pairs]
    kinds = ["dict", "list", "tuple", "HTTPMessage", "Message", *HEADER_TYPES]
    kind = rng.choice(kinds)
    if kind == "httpx.Headers" and not all(isinstance(v, str | bytes) for _, v in pairs):
        kind = "dict"  # httpx refuses other values itself
    if kind == "dict":
        return dict(pairs)
    if kind in ("list", "tuple"):
        return pairs if kind == "list" else tuple(pairs)
    if kind == "HTTPMessage":
        return http_message(pairs)
    if kind == "Message":
        return email_message(pairs)
    return HEADER_TYPES[kind](pairs)


def gen_encoded_page(rng: random.Random) -> Generated:
    """A page (HTML or text) in some charset, labelled right, wrong, unknown or hostile, in one or
    more of the places a label stands: <meta charset>, http-equiv, <?xml?>, a header, `encoding=`."""
    codec = rng.choice(_CODECS)
    text = "\n\n".join(rng.choice(prose()) for _ in range(size(rng, 8)))
    kwargs: dict[str, Any] = {}
    places = rng.sample(["meta", "http-equiv", "xml", "header", "encoding", "none"], rng.randint(1, 3))
    head = ""
    if "meta" in places:
        head += f'<meta charset="{_label(rng, codec)}">'
    if "http-equiv" in places:
        head += f'<meta http-equiv="Content-Type" content="text/html; charset={_label(rng, codec)}">'
    page = f"<html><head>{head}<title>{escape(text[:60])}</title></head><body><p>" if rng.random() < 0.7 else head
    page += escape(text).replace("\n\n", "</p><p>") if page else text
    if "xml" in places:
        page = f'<?xml version="1.0" encoding="{_label(rng, codec)}"?>' + page
    if "header" in places:
        kwargs["headers"] = _headers(rng, f"text/html; charset={_label(rng, codec)}")
    if "encoding" in places:
        kwargs["encoding"] = _label(rng, codec)
    data = page.encode(codec, errors=rng.choice(["replace", "xmlcharrefreplace", "ignore"]))
    if data and rng.random() < 0.1:
        data = bytearray(data)
        for _ in range(rng.randint(1, 10)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    return data, kwargs


# --- large and deep pages ----------------------------------------------------------------------


def gen_repeat_html(rng: random.Random) -> Generated:
    """Thousands of one element, nesting thousands deep, or one huge element (200 KB at most)."""
    line = escape(rng.choice(chrome() + prose()[:20]))
    # 200 KB at most (MAX_REPEAT_BYTES says why)
    count = min(rng.choice([100, 1000, 5000, 20000]), MAX_REPEAT_BYTES // (len(line) + 60))
    shape = rng.choice(["same", "nested", "links", "table", "hidden", "one", "captions", "control"])
    if shape == "nested":
        tag = rng.choice(["div", "span", "b", "p", "li", "table", "a"])
        body = f"<{tag}>" * count + line + f"</{tag}>" * rng.choice([0, count])
    elif shape == "links":
        body = "<ul>" + "".join(f"<li><a href='/{i}'>{line}</a></li>" for i in range(count // 4)) + "</ul>"
    elif shape == "table":
        body = "<table>" + f"<tr><td>{line}</td><td>1</td></tr>" * (count // 4) + "</table>"
    elif shape == "hidden":
        body = f"<span hidden>{line}</span>\x0b<p>{line}</p>" * (count // 4)
    elif shape == "one":
        body = f"<p>{' '.join([line] * count)}</p>"
    elif shape == "captions":
        body = f"<figure><img src=x.jpg><figcaption>{line}</figcaption></figure><p>{line}</p>" * (count // 4)
    elif shape == "control":
        body = f"<h1>{line}</h1>\x0c<p>{line}</p>" * (count // 4)
    else:
        tag = rng.choice(["p", "h2", "div", "li"])
        body = f"<{tag}>{line}</{tag}>" * count
    return f"<html><head><title>{line}</title></head><body><article>{body}</article></body></html>", {}


# --- JSON Lines -------------------------------------------------------------------------------


def _record_line(rng: random.Random, number: int) -> bytes:
    pick = rng.random()
    field = rng.choice(["text", "html", "content"])
    source: Any = rng.choice([soup_text(rng)[:3000], html_soup(rng)[:3000], random_text(rng, 50)])
    if pick < 0.55:
        record: Any = {"id": rng.choice([number, str(number), None, 1.5, [1], True]), field: source}
        if rng.random() < 0.3:
            record["url"] = rng.choice([*[f"https://example.com/{number}"], 5, None, "http://[::1"])
        if rng.random() < 0.3:
            record["metadata"] = rng.choice([{"source": "crawl"}, "x", 3, None, [1]])
        return json.dumps(record, ensure_ascii=rng.random() < 0.5).encode("utf-8", errors="surrogatepass")
    bad: list[bytes] = [
        b'{"text": "unterminated',
        b"[1, 2]",
        b'"just a string"',
        b"42",
        b'{"text": NaN}',
        b'{"id": 1}',
        b'{"text": 5}',
        b'{"text": ["a"]}',
        b'{"text": "\\ud800 lone"}',
        b'{"text": "\xff\xfe invalid utf-8"}',
        b"\xef\xbb\xbf" + b'{"text": "bom"}',
        b"\x00" * 10,
        b"   \t ",
        b"",
        b'{"text": "a"} trailing',
        b'{"text": "' + b"x" * 5000 + b'"}',
        b'{"html": "<p>' + b"<div>" * 2000 + b'"}',
        b'{"__proto__": {}, "text": "a"}',
        b'{"text": "a", "text": 5}',
        b"\x1f\x8b\x08\x00",
    ]
    return rng.choice(bad)


def gen_jsonl(rng: random.Random) -> Generated:
    """A stream of good and bad records; line ends vary and the last line may have none."""
    lines = [_record_line(rng, n) for n in range(1, size(rng, 40) + 1)]
    end = rng.choice([b"\n", b"\r\n"])
    data = end.join(lines) + rng.choice([end, b""])
    settings = {
        "field": rng.choice([None, None, "text", "html", "body"]),
        "document_only": rng.random() < 0.3,
        "with_removed": rng.random() < 0.3,
        "input_type": rng.choice(["auto", "auto", "text", "html"]),
        "whole_page": rng.choice([None, True, False]),
        "max_record_bytes": rng.choice([None, None, 100, 4000]),
    }
    return data, settings


HTML_KINDS = {
    "html": [gen_html_soup, gen_article_page],
    "encoded": [gen_encoded_page],
    "repeat": [gen_repeat_html],
    "stream": [gen_jsonl],
}
