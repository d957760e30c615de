"""cleaner.copies: signatures of clean text, and the index that says which earlier text a new one copies."""

from __future__ import annotations

import hashlib
import json
import math

import numpy as np
import pytest
from datasketch import MinHash

import cleaner
from cleaner.copies import (
    MIN_SHINGLES,
    NUM_PERM,
    CopyIndex,
    Match,
    Signature,
    containment,
    minhash_values,
    normalise,
    signature,
    similarity,
)

from .conftest import FIXTURES

SEED_FILES = sorted((FIXTURES / "seeds").glob("00*.txt"))


@pytest.fixture(scope="module")
def seeds() -> list[Signature]:
    return [signature(cleaner.clean(path.read_bytes()).text) for path in SEED_FILES]


def _shingles(text: str, width: int = 5) -> set[str]:
    words = normalise(text).split()
    return {" ".join(words[i : i + width]) for i in range(len(words) - width + 1)}


def test_normalise_folds_what_copies_change():
    assert normalise("The “Minister” said: 1,000 people — ＡＢＣ!") == "the minister said 1000 people abc"
    assert normalise("1.000 and 1 000 and 1000") == "1000 and 1000 and 1000"
    assert normalise("Straße  naïve\n\tCAFÉ") == "strasse naïve café"
    assert normalise("  ¡!  ") == ""


def test_the_minhash_is_datasketchs():
    hashes = np.random.RandomState(3).randint(0, 2**32, 2000, dtype=np.uint64).astype(np.uint32)
    theirs = MinHash(NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
    theirs.update_batch(hashes.tolist())
    assert np.array_equal(minhash_values(hashes), theirs.hashvalues)


def test_the_similarity_estimate_is_close_to_the_true_jaccard():
    base = [f"word{i}" for i in range(600)]
    other = base[:400] + [f"other{i}" for i in range(200)]
    a, b = _shingles(" ".join(base)), _shingles(" ".join(other))
    true = len(a & b) / len(a | b)
    estimate = similarity(signature(" ".join(base)), signature(" ".join(other)))
    assert abs(estimate - true) < 0.12, (estimate, true)


def test_seed_001_is_a_copy_of_000_and_the_others_are_not(seeds):
    index = CopyIndex()
    assert index.check("000", seeds[0]) is None
    match = index.check("001", seeds[1])
    assert match is not None and match.duplicate_of == "000" and match.method == "near"
    assert 0.4 < match.similarity < 0.8 and match.containment >= 0.6
    for name, sig in zip(("002", "003", "004"), seeds[2:], strict=True):
        assert index.check(name, sig) is None, name
    assert len(index) == 4


def test_000_is_a_copy_of_001_when_001_comes_first(seeds):
    index = CopyIndex()
    index.add("001", seeds[1])
    assert index.find(seeds[0]).duplicate_of == "001"


def test_the_seed_figures_are_what_the_notes_say(seeds):
    """Shingle counts are exact; the estimates are within three standard errors of the true values
    measured on the shingles (containment's error is Jaccard's times d(containment)/dJ, large
    when one text is several times the other: 003 against 000)."""
    texts = [cleaner.clean(path.read_bytes()).text for path in SEED_FILES]
    true = [_shingles(t) for t in texts]
    assert [s.shingles for s in seeds] == [len(t) for t in true]
    for other in (1, 2, 3, 4):
        a, b = true[0], true[other]
        jaccard = len(a & b) / len(a | b)
        spread = 3 * math.sqrt(max(jaccard * (1 - jaccard), 0.01) / NUM_PERM)
        assert abs(similarity(seeds[0], seeds[other]) - jaccard) < spread
        slope = (len(a) + len(b)) / min(len(a), len(b)) / (1 + jaccard) ** 2
        assert abs(containment(seeds[0], seeds[other]) - len(a & b) / min(len(a), len(b))) < spread * slope


def test_the_same_text_under_other_chrome_is_an_exact_copy():
    story = cleaner.clean((FIXTURES / "seeds" / SEED_FILES[0].name).read_bytes()).text
    index = CopyIndex()
    index.add(1, signature(story))
    match = index.find(signature("  " + story.upper().replace(",", " ,") + "\n"))
    assert match == Match(1, 1.0, "exact", 1.0)


def test_a_short_text_is_only_ever_an_exact_copy():
    short = "The minister said on Monday that the talks would resume in the spring."
    sig = signature(short)
    assert not sig.judged and sig.shingles < MIN_SHINGLES
    index = CopyIndex()
    index.add("a", sig)
    assert index.find(signature(short + " Officials agreed.")) is None
    assert index.find(signature(short)).method == "exact"


def test_a_text_with_no_words_is_a_copy_of_nothing():
    index = CopyIndex()
    index.add("empty", signature(""))
    assert signature("").exact == "" and len(index) == 0
    assert index.find(signature(" ... ")) is None


def test_the_best_earlier_copy_is_named():
    words = [f"w{i}" for i in range(300)]
    index = CopyIndex()
    index.add("far", signature(" ".join(words[:180] + [f"x{i}" for i in range(120)])))
    index.add("near", signature(" ".join(words[:270] + [f"y{i}" for i in range(30)])))
    match = index.find(signature(" ".join(words)))
    assert match is not None and match.duplicate_of == "near" and match.method == "near"


def test_a_signature_is_plain_data():
    sig = signature("one two three four five six seven")
    again = Signature(sig.exact, sig.to_list(), sig.shingles)
    assert again == sig and hash(again) == hash(sig)
    assert json.loads(json.dumps(sig.to_dict()))["minhash"] == sig.to_list()
    with pytest.raises(ValueError):
        sig.minhash[0] = 1  # read-only: a signature is a value


def test_a_signature_of_another_size_is_refused():
    with pytest.raises(ValueError, match="permutations"):
        CopyIndex().find(signature("one two three four five six", num_perm=64))


def _random_signature(rng: np.random.RandomState, i: int, like: np.ndarray | None = None) -> Signature:
    values = rng.randint(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
    if like is not None:
        values = np.where(rng.rand(NUM_PERM) < 0.75, like, values)
    return Signature(hashlib.blake2b(str(i).encode(), digest_size=16).hexdigest(), values, 400)


def test_many_texts_across_sorted_runs(monkeypatch):
    """Past RECENT_KEYS the band keys move into sorted runs, merged as they grow: answers stay the same."""
    import cleaner.copy_bands as bands

    monkeypatch.setattr(bands, "RECENT_KEYS", 500)
    rng = np.random.RandomState(7)
    originals = [_random_signature(rng, i) for i in range(400)]
    index = CopyIndex()
    for i, sig in enumerate(originals):
        assert index.check(i, sig) is None
    assert len(index._near._runs) >= 2
    copies = [_random_signature(rng, 1000 + i, like=sig.minhash) for i, sig in enumerate(originals)]
    assert [index.find(c).duplicate_of for c in copies] == list(range(400))
    assert [index.find(s).method for s in originals] == ["exact"] * 400


def test_save_and_load_give_the_same_answers(tmp_path, seeds):
    index = CopyIndex(threshold=0.55)
    rng = np.random.RandomState(1)
    for i in range(50):
        index.add(f"r{i}", _random_signature(rng, i))
    index.add(7, seeds[0])
    index.add("short", signature("a short text of a few words"))
    path = tmp_path / "copies.npz"
    index.save(path)
    loaded = CopyIndex.load(path)
    assert len(loaded) == len(index) and loaded.threshold == 0.55
    probes = [*seeds, signature("a short text of a few words"), _random_signature(rng, 3)]
    probes += [_random_signature(rng, 100 + i, like=index._minhashes.take([i])[0]) for i in range(10)]
    assert [loaded.find(p) for p in probes] == [index.find(p) for p in probes]
    assert loaded.find(seeds[1]).duplicate_of == 7


def test_load_refuses_what_it_did_not_write(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, settings=np.frombuffer(b'{"format": "other"}', dtype=np.uint8))
    with pytest.raises(ValueError, match="not a copy index"):
        CopyIndex.load(path)
    older = tmp_path / "older.npz"
    np.savez(older, settings=np.frombuffer(b'{"format": "cleaner-copies/1", "scheme": "affine32"}', dtype=np.uint8))
    with pytest.raises(ValueError, match=r"signatures of cleaner-copies/1, .*: index again"):
        CopyIndex.load(older)  # another cleaner's word hashes: its signatures would match nothing new
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, settings=np.array([{"format": "cleaner-copies/1"}], dtype=object))
    with pytest.raises(ValueError):  # an object array would need unpickling: refused
        CopyIndex.load(pickled)


def test_keys_that_json_cannot_hold_are_refused_on_save(tmp_path):
    index = CopyIndex()
    index.add(object(), signature("one two three four five six"))
    with pytest.raises(TypeError):
        index.save(tmp_path / "x.npz")
