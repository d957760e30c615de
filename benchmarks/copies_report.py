"""The BENCHMARKS.md section of `duplicates.py`, written from its results file alone (`report.py` calls it)."""

from __future__ import annotations

from tables import machine_line, md_table, num

TARGETS = {"republished": (0.99, 0.95), "edited": (None, 0.80)}  # (precision, recall) the issue asks for
LOOKALIKE_PRECISION = 0.99
COST_RATIO = 1.10


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _met(value: float | None, target: float | None) -> bool:
    return target is None or (value is not None and value >= target)


def quality_table(res: dict) -> str:
    rows = []
    for form, data in res["forms"].items():
        s = data["score"]
        for kind, (p_target, r_target) in TARGETS.items():
            k = s[kind]
            ok = _met(k["precision"], p_target) and _met(k["recall"], r_target)
            wanted = " and ".join(
                f"{name} ≥ {t}" for name, t in (("precision", p_target), ("recall", r_target)) if t is not None
            )
            met = "yes" if ok else "**no**"
            figures = [k["docs"], k["flagged"], _pct(k["recall"]), _pct(k["precision"])]
            figures += [k["held"], _pct(k["recall_held"])]
            rows.append([f"{kind} ({form})", *figures, wanted, met])
        look = s["lookalikes"]
        rows.append(
            [
                f"same-site look-alikes ({form}): {look['pairs']:,} pairs",
                "",
                look["flagged"],
                "",
                _pct(look["precision"]),
                "",
                f"{look['flagged_held']} flagged",
                f"precision ≥ {LOOKALIKE_PRECISION}",
                "yes" if _met(look["precision"], LOOKALIKE_PRECISION) else "**no**",
            ]
        )
        originals = s["original"]
        figures = [originals["docs"], originals["flagged"], "", "", originals["held"], "", "", ""]
        rows.append([f"originals ({form}), flagged as a copy", *figures])
    heads = ["documents", "count", "flagged", "recall", "precision", "article kept by cleaning", "recall there"]
    return md_table([*heads, "target", "met"], rows, align="lrrrrrrll")


def spread_table(res: dict) -> str:
    """Where each kind's copies sit against their original, flagged or not."""
    rows = []
    for form, data in res["forms"].items():
        for kind, p in data["pairs"].items():
            con, jac = p["containment"], p["jaccard"]
            rows.append(
                [f"{kind} ({form})"]
                + [f"{con.get(q, 0):.2f} / {jac.get(q, 0):.2f}" for q in ("5", "10", "25", "50")]
                + [p["too_short"]]
            )
    heads = ["copies", "5th percentile", "10th", "25th", "median", "too short to judge"]
    return md_table(heads, rows)


def grid_table(res: dict) -> str:
    forms = list(res["forms"])
    by_setting: dict[tuple, dict] = {}
    for form in forms:
        for row in res["forms"][form]["grid"]:
            by_setting.setdefault((row["threshold"], row["min_jaccard"]), {})[form] = row["score"]
    default = (res["defaults"]["threshold"], res["defaults"]["min_jaccard"])
    rows = []
    for (threshold, min_jaccard), scores in by_setting.items():
        mark = " (default)" if (threshold, min_jaccard) == default else ""
        cells = [f"{threshold} / {min_jaccard}{mark}"]
        for kind in ("republished", "edited"):
            cells += [_pct(scores[f][kind]["recall"]) for f in forms]
        cells += [_pct(scores[f]["all"]["precision"]) for f in forms]
        cells += [" / ".join(str(scores[f]["lookalikes"]["flagged"]) for f in forms)]
        rows.append(cells)
    heads = ["containment / Jaccard floor"]
    heads += [f"recall, {kind} ({f})" for kind in ("republished", "edited") for f in forms]
    heads += [f"precision, all flags ({f})" for f in forms] + [f"look-alikes flagged ({' / '.join(forms)})"]
    return md_table(heads, rows)


def cost_table(res: dict) -> str:
    rows = []
    for form, data in res["forms"].items():
        best, docs = data["timing"]["best"], data["timing"]["docs"]
        ratio = (best["clean_s"] + best["detect_s"]) / best["clean_s"]
        rows.append(
            [
                form,
                docs,
                num(docs / best["clean_s"]),
                num(docs / (best["clean_s"] + best["detect_s"])),
                f"{ratio:.3f}",
                f"{best['detect_s'] / docs * 1e3:.2f}",
                "yes" if ratio <= COST_RATIO else "**no**",
            ]
        )
    heads = ["form", "documents", "docs/s, cleaning", "docs/s, cleaning + detection", "time ratio", "ms/doc, detection"]
    table = md_table([*heads, f"≤ {COST_RATIO}"], rows)
    table += _share_table(res)
    streams = [(form, data["stream"]) for form, data in res["forms"].items() if data.get("stream")]
    if not streams:
        return table
    rows = [
        [
            form,
            s["docs"],
            num(s["docs"] / s["best"]["plain"]),
            num(s["docs"] / s["best"]["near"]),
            f"{s['ratio']:.3f}",
            "yes" if s["ratio"] <= COST_RATIO else "**no**",
        ]
        for form, s in streams
    ]
    jobs = streams[0][1]["jobs"]
    heads = ["form", "records", "docs/s, `--jsonl`", "docs/s, `--jsonl --near-duplicates`", "time ratio"]
    stream = md_table([*heads, f"≤ {COST_RATIO}"], rows)
    return (
        f"{table}\n\nThe stream itself, `cleaner --jsonl --jobs {jobs}` as a new process with and without "
        f"`--near-duplicates` (signatures made in the workers, decisions in the parent), taking turns, best round:"
        f"\n\n{stream}"
    )


def _share_table(res: dict) -> str:
    """Detection's share of one stream's time, measured inside the run (copies_stream.py)."""
    shares = [(form, data["stream_share"]) for form, data in res["forms"].items() if data.get("stream_share")]
    if not shares:
        return ""
    rows = []
    for form, share in shares:
        best = min(share["rounds"], key=lambda r: r["ratio"])
        rows.append(
            [
                form,
                share["records"],
                f"{best['seconds']:.2f}",
                f"{best['signatures']:.2f} + {best['judging']:.2f}",
                f"{share['ratio']:.3f}",
                f"{max(r['ratio'] for r in share['rounds']):.3f}",
                "yes" if share["ratio"] <= COST_RATIO else "**no**",
            ]
        )
    heads = ["form", "records", "stream s", "detection s (signatures + judging)", "time ratio", "worst round"]
    return (
        "\n\nThe stream's own time (`run_stream`, one job, the same records), with detection's part of it measured "
        "inside the same run: signatures where the workers make them, judging in the parent. The ratio is the "
        "run's time over the run's time less detection's; being measured within one run, it does not move with "
        "the machine's load as two runs taking turns do.\n\n" + md_table([*heads, f"≤ {COST_RATIO}"], rows)
    )


def memory_table(res: dict) -> str:
    by_measure: dict[str, list[dict]] = {}
    for row in res["scale"]:
        by_measure.setdefault(row["measure"], []).append(row)
    rows = []
    for measure, found in by_measure.items():
        previous = None
        for row in sorted(found, key=lambda r: r["documents"]):
            marginal = ""
            if previous:
                marginal = num((row["bytes"] - previous["bytes"]) / (row["documents"] - previous["documents"]))
            q = row["queries"]
            rows.append(
                [
                    f"{row['documents']:,}",
                    measure,
                    num(row["bytes_per_doc"]),
                    marginal,
                    f"{row['peak_bytes'] / 1e6:,.0f}",
                    num(row["add_us_per_doc"]),
                    num(q["miss"]["us_per_query"]),
                    f"{num(q['hit']['us_per_query'])} ({q['hit']['found']}/{q['hit']['queries']})",
                ]
            )
            previous = row
    heads = ["documents", "measured by", "bytes/doc", "bytes/doc added since the size before", "peak MB"]
    heads += ["µs per add", "µs per find, new text", "µs per find, a copy (found)"]
    return md_table(heads, rows)


def section(res: dict) -> str:
    d = res["defaults"]
    forms = res["forms"]
    any_form = next(iter(forms.values()))
    intro = (
        "## Copies of one story across a crawl (`benchmarks/duplicates.py`)\n\n"
        f"The {res['pages']} pages of both sets (news and multilingual), each with a **republished** copy (its "
        "article in place of another site's article, that site's menus, teasers and footer kept: "
        f"{res['donors']} pages serve as those hosts) and an **edited** copy (one sentence in ten rewritten, two "
        f"paragraphs swapped or dropped: {any_form['edits']}, in a third site's page), as HTML and as scraped "
        "text (one stream each: every original first, then the copies shuffled, seed "
        f"{res['seed']}). Each document goes through `cleaner.clean`, then `copies.signature` and "
        "`CopyIndex.check`; a flag is right when the document named carries the same story. The other pages of a "
        "site, and each copy beside its host page, are **look-alikes**: same site, other story. *Article kept by "
        "cleaning*: the copies whose clean text, and their original's, hold 80% of the article's 5-word shingles; "
        "*recall there* is detection's own recall, the other misses are cleaning's (a host page whose own article "
        "cleaner still picks, a page reduced to its cookie notice); for look-alikes, the flags between two such "
        "texts. Defaults: "
        f"containment ≥ {d['threshold']}, Jaccard ≥ {d['min_jaccard']}, {d['num_perm']} permutations, "
        f"{res['defaults_more']['shingle_words']}-word shingles."
    )
    spread = (
        "Each copy against its own original, flagged or not: estimated containment / Jaccard at the percentile "
        "(where a threshold would cut)."
    )
    grid = "The same signatures through indexes of other settings (containment threshold / Jaccard floor):"
    cost = (
        "Cost, the same documents in the same run: each document's cleaning and its detection (signature and "
        f"check) timed apart, best of {len(any_form['timing']['rounds'])} rounds; the ratio is (cleaning + "
        "detection) / cleaning. This is a crawler's library call (`clean`, then `signature` and `check`), with no "
        "records read or written to dilute detection; the stream's own time, which the 10% target is about, "
        "follows."
    )
    memory = (
        "Memory per indexed document (`copies_scale.py`: synthetic signatures, a new process per size; RSS is what "
        "the machine pays, tracemalloc what Python and numpy asked for, including storage reserved a chunk ahead; "
        "the column *added since* is the slope between sizes, which is what must stay flat):"
    )
    rev = res["cleaner_revision"]
    where = f"revision {rev['commit']}{' (uncommitted changes)' if rev['dirty'] else ''}"
    parts = [intro, quality_table(res), spread, spread_table(res), grid, grid_table(res), cost, cost_table(res)]
    if res["scale"]:
        parts += [memory, memory_table(res)]
    parts.append(f"{machine_line(res['machine'])}; {where}; measured {res['created']}.")
    return "\n\n".join(parts) + "\n"
