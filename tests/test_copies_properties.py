"""Properties of copy detection: a text is a copy of itself; detection never changes a record's
text; the stream's decisions do not depend on --jobs."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.copies import CopyIndex, normalise, signature, similarity
from cleaner.limits import Limits
from cleaner.stream import StreamSettings, run_stream

VOCABULARY = "the minister said on monday that talks would resume in spring officials Kyiv Reuters 1,000 people"
WORDS = st.sampled_from([*VOCABULARY.split(" "), "café", "naïve", "Straße", "東京", "北京", "—", "“quoted”", "it's"])
ARTICLES = st.lists(WORDS, min_size=0, max_size=120).map(" ".join)
SETTINGS = StreamSettings(limits=Limits(time_limit=30))


@given(st.one_of(st.text(max_size=400), ARTICLES))
def test_a_text_is_always_a_copy_of_itself(text):
    sig = signature(text)
    assert sig == signature(text) and similarity(sig, sig) == (1.0 if normalise(text) else 0.0)
    index = CopyIndex()
    index.add("it", sig)
    match = index.find(sig)
    if normalise(text):
        assert match is not None and (match.duplicate_of, match.method, match.similarity) == ("it", "exact", 1.0)
    else:
        assert match is None and len(index) == 0  # no words: a copy of nothing


@given(st.integers(60, 400), st.floats(0, 0.2), st.integers(0, 10**6))
def test_a_text_with_a_paragraph_added_is_a_near_copy(length, added_share, seed):
    words = [f"w{seed}x{i}" for i in range(length)]
    added = [f"new{seed}x{i}" for i in range(int(length * added_share) + 1)]
    index = CopyIndex()
    index.add("original", signature(" ".join(words)))
    match = index.find(signature(" ".join(words[: length // 2] + added + words[length // 2 :])))
    assert match is not None and match.duplicate_of == "original" and match.method == "near"


def _stream(lines: list[bytes], **options) -> tuple[list[dict], list[dict], object]:
    out, errors = io.BytesIO(), io.StringIO()
    summary = run_stream(io.BytesIO(b"\n".join(lines) + b"\n"), out, errors, SETTINGS, **options)
    return (
        [json.loads(line) for line in out.getvalue().splitlines()],
        [json.loads(line) for line in errors.getvalue().splitlines()],
        summary,
    )


def _plan_lines(plan: list[int | None], texts: list[str]) -> list[bytes]:
    """A stream from a plan: an index into `texts` (a record, repeats allowed), or None (a bad line)."""
    return [
        b"{bad" if item is None else json.dumps({"id": f"r{n}", "text": texts[item % len(texts)]}).encode()
        for n, item in enumerate(plan)
    ]


PLANS = st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=1, max_size=25)
TEXTS = st.lists(ARTICLES.filter(lambda t: len(t) > 3), min_size=1, max_size=6)


@settings(max_examples=25)
@given(PLANS, TEXTS, st.booleans())
def test_detection_never_changes_a_records_text(plan, texts, drop):
    lines = _plan_lines(plan, texts)
    plain, plain_errors, _ = _stream(lines)
    judged, errors, summary = _stream(lines, copies=CopyIndex(), drop_copies=drop)
    assert errors == plain_errors
    assert summary.records_in == summary.written + summary.errors + summary.dropped == len(lines)
    by_id = {record["id"]: record for record in plain}
    for record in judged:
        duplicate = record.pop("duplicate")
        assert record == by_id[record["id"]]
        assert duplicate is None or not drop
    assert len(judged) == len(plain) - summary.dropped


@settings(max_examples=4)
@given(PLANS, TEXTS)
def test_the_decisions_do_not_depend_on_jobs(plan, texts):
    lines = _plan_lines(plan * 3, texts)  # past a batch of 16, so that two workers share the stream
    one, one_errors, one_summary = _stream(lines, copies=CopyIndex())
    two, two_errors, two_summary = _stream(lines, copies=CopyIndex(), jobs=2)
    assert one == two and one_errors == two_errors and one_summary.copies == two_summary.copies
