"""Bytes to text: the encoding matrix, mojibake repair, and correct text that must not change."""

from __future__ import annotations

import tomllib
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec used to make mojibake)
import pytest

import cleaner
from cleaner.decode import decode
from cleaner.document import EncodingInfo
from cleaner.pipeline import text_blocks
from cleaner.repair import clean_text, repaired_as_a_whole
from cleaner.segment import segment

from .conftest import FIXTURES

ENCODING = FIXTURES / "encoding"
SAMPLES = tomllib.loads((ENCODING / "matrix.toml").read_text())["sample"]
CASES = [(s["file"], enc) for s in SAMPLES for enc in s["encodings"]]
# A charset that is wrong for each encoding but decodes it without error or into nonsense.
WRONG = {"cp1252": "koi8-r", "latin-1": "koi8-r", "iso-8859-2": "koi8-r", "koi8-r": "cp1252",
         "shift_jis": "utf-8", "gb18030": "utf-8", "utf-16": "cp1252"}  # fmt: skip


def sample(name: str) -> str:
    return (ENCODING / name).read_text(encoding="utf-8")


def decoded(data: bytes, **kwargs) -> tuple[str, cleaner.document.EncodingInfo]:
    text, info = decode(data, **kwargs)
    return clean_text(text, info), info


@pytest.mark.parametrize(("name", "encoding"), CASES)
def test_declared_by_the_caller(name, encoding):
    text, info = decoded(sample(name).encode(encoding), encoding=encoding)
    assert text == sample(name)
    assert info.source in ("caller", "bom")


@pytest.mark.parametrize(("name", "encoding"), CASES)
def test_declared_in_the_http_header(name, encoding):
    text, _ = decoded(sample(name).encode(encoding), headers={"Content-Type": f"text/plain; charset={encoding}"})
    assert text == sample(name)


@pytest.mark.parametrize(("name", "encoding"), CASES)
def test_undeclared(name, encoding):
    text, info = decoded(sample(name).encode(encoding))
    assert text == sample(name), info


@pytest.mark.parametrize(("name", "encoding"), CASES)
def test_declared_wrongly(name, encoding):
    text, info = decoded(sample(name).encode(encoding), encoding=WRONG[encoding])
    assert text == sample(name), info
    assert info.source != "caller"


# A page in UTF-16 cannot declare it in a <meta> that can only be read once decoded.
@pytest.mark.parametrize(("name", "encoding"), [c for c in CASES if c[1] != "utf-16"])
def test_declared_in_html(name, encoding):
    body = "".join(f"<p>{p}</p>" for p in sample(name).split("\n\n"))
    page = (
        f'<html><head><meta charset="{encoding}"><title>t</title></head><body><article>{body}</article></body></html>'
    )
    right = cleaner.clean(page.encode(encoding))
    wrong = cleaner.clean(page.replace(encoding, WRONG[encoding]).encode(encoding))
    undeclared = cleaner.clean(page.replace(f'<meta charset="{encoding}">', "").encode(encoding))
    expected = cleaner.clean(page).text
    assert right.encoding.source == "meta"
    assert right.text == wrong.text == undeclared.text == expected


@pytest.mark.parametrize("name", sorted({s["file"] for s in SAMPLES}))
@pytest.mark.parametrize("times", [1, 2])
def test_mojibake_is_repaired(name, times):
    text = sample(name)
    broken = text
    for _ in range(times):
        broken = broken.encode("utf-8").decode("sloppy-windows-1252")
    assert broken != text
    fixed, info = decoded(broken)
    assert fixed == text
    assert info.fixes
    assert cleaner.clean(broken.encode("utf-8")).text == cleaner.clean(text).text


NEGATIVE = sorted((FIXTURES / "negative").glob("*.txt"))


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_correct_text_comes_back_unchanged(path: Path):
    text = path.read_text(encoding="utf-8")
    assert decoded(text.encode("utf-8"))[0] == text
    assert clean_text(text, decode(text)[1]) == text


def test_whitespace_is_normalised():
    text, info = decoded("a\u00a0b\u200bc\u00add\r\ne\rf\u2028g\x07h\u200ci\u3000j".encode())
    assert text == "a bcd\ne\nf\ngh\u200ci\u3000j"
    assert "whitespace" in info.fixes


def test_a_bom_decides_over_a_declaration():
    text, info = decoded("Zürich".encode("utf-16"), encoding="cp1252")
    assert text == "Zürich" and info.source == "bom"


def test_a_declaration_of_latin1_over_utf8_bytes_is_not_believed():
    text, info = decoded("Zürich – 5 €".encode(), encoding="iso-8859-1")
    assert text == "Zürich – 5 €"
    assert info.source == "utf-8" and "valid UTF-8" in info.rejected[0]


def test_every_character_repaired_as_a_whole_as_block_by_block():
    """`repaired_as_a_whole` lets segmentation skip `clean_text` per block; check every BMP character."""
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        text = f"a {chr(code)}b\n{chr(code)}\n\nc"
        whole, blockwise = EncodingInfo(None, "str", 1.0), EncodingInfo(None, "str", 1.0)
        if repaired_as_a_whole(text) is not None:
            expected = [b.text for b in segment(text, lambda block, info=blockwise: clean_text(block, info))]
            assert [b.text for b in text_blocks(text, whole)] == expected, hex(code)
            assert whole.fixes == blockwise.fixes, hex(code)


NON_LATIN1_SAMPLES = ["pl.txt", "cs.txt", "ru.txt", "ja.txt", "zh.txt", "fr.txt", "de.txt"]


@pytest.mark.parametrize("name", NON_LATIN1_SAMPLES)
@pytest.mark.parametrize(
    "stray", [b"\xc3", b"\xff", b"\xe9"]
)  # a character cut in two, a byte of no charset, cp1252's é
@pytest.mark.parametrize("declared", [None, "utf-8"])
def test_utf8_with_a_stray_byte_is_utf8(name, stray, declared):
    """A page in UTF-8 but for one stray byte is read as UTF-8, the byte made U+FFFD, declared or
    not: no single-byte charset reads its other letters right."""
    text = sample(name)
    middle = len(text) // 2
    data = text[:middle].encode() + stray + text[middle:].encode()
    result, info = decoded(data, headers={"Content-Type": f"text/html; charset={declared}"} if declared else None)
    assert result == text[:middle] + "\ufffd" + text[middle:]
    assert info.name == "utf-8" and "invalid-bytes" in info.fixes and info.confidence >= 0.9


def test_a_stray_byte_in_ascii_text_is_a_single_byte_charset():
    """Without UTF-8's other characters to go by, a lone byte is a single-byte charset's letter."""
    text, info = decoded(b"Meet me at the caf\xe9 on Main Street at noon, and bring the book.")
    assert text == "Meet me at the café on Main Street at noon, and bring the book."
    assert "invalid-bytes" not in info.fixes


@pytest.mark.parametrize(("name", "encoding"), [c for c in CASES if c[1] != "utf-16"])
def test_text_in_another_charset_with_some_utf8_in_it_is_not_read_as_utf8(name, encoding):
    """A page in a legacy charset that quotes a little UTF-8 (a pasted name) fails UTF-8 at most of
    its own letters: it is not UTF-8 with stray bytes."""
    data = sample(name).encode(encoding) + " Zürich".encode()
    _, info = decode(data)
    assert "invalid-bytes" not in info.fixes
