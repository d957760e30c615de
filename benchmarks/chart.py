#!/usr/bin/env python3
"""Draw quality (F1) against speed (MB/s, log scale) for every tool of the html and text results.

    python benchmarks/chart.py [benchmarks/results/html.json benchmarks/results/text.json] [-o PNG]

One point per tool and mode, circles for HTML input and squares for text input; cleaner's first
(cold-memo) round is the hollow marker joined to its best round, so the gap the memo makes is seen.
The speeds are those of compare.py's best rounds on one machine: read positions, not decimals.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display needed
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.transforms import Bbox

HERE = Path(__file__).resolve().parent
DEFAULT_INPUTS = [HERE / "results" / "html.json", HERE / "results" / "text.json"]
STYLE = {"html": ("o", "tab:blue", "HTML input"), "text": ("s", "tab:orange", "scraped-text input")}
# Where a label may go around its point (points), tried in turn until it overlaps nothing placed yet.
OFFSETS = [(7, 3, "left"), (7, -11, "left"), (-7, 3, "right"), (-7, -11, "right"), (0, 9, "center"), (0, -17, "center")]


def load(paths: list[Path]) -> list[dict]:
    """The results files that exist (a mode not run yet is skipped, with a note)."""
    found = []
    for path in paths:
        if path.exists():
            found.append(json.loads(path.read_text(encoding="utf-8")))
        else:
            print(f"chart: {path} not found, skipped", file=sys.stderr)
    return found


def plot_mode(ax: Axes, res: dict) -> list[tuple[float, float, str, bool]]:
    """Plot one mode's points; return them as (x, y, label, is cleaner), label '' for the cold marker."""
    marker, color, legend = STYLE[res["mode"]]
    best = [r for r in res["results"] if r["variant"] == "best"]
    ax.scatter([r["mb_per_s"] for r in best], [r["f1"] for r in best], marker=marker, color=color, s=46, label=legend)
    cold = next((r for r in res["results"] if r["variant"] == "cold"), None)
    warm = next(r for r in best if r["tool"] == "cleaner")
    if cold:
        ax.scatter([cold["mb_per_s"]], [cold["f1"]], marker=marker, facecolors="none", edgecolors=color, s=46)
        ax.plot([cold["mb_per_s"], warm["mb_per_s"]], [cold["f1"], warm["f1"]], color=color, lw=0.8, ls=":")
    unlabelled = [(cold["mb_per_s"], cold["f1"], "", False)] if cold else []
    return [(r["mb_per_s"], r["f1"], r["tool"], r["tool"] == "cleaner") for r in best] + unlabelled


def marker_box(ax: Axes, x: float, y: float, half: float = 4.0) -> Bbox:
    """The screen box of a marker, so labels keep clear of the points as well as of each other."""
    px, py = ax.transData.transform((x, y))
    return Bbox.from_extents(px - half, py - half, px + half, py + half)


def place_labels(ax: Axes, points: list[tuple[float, float, str, bool]]) -> None:
    """Label each point at the first offset where its text stays inside the axes and covers no label or marker."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed = [marker_box(ax, x, y) for x, y, _, _ in points]
    for x, y, name, bold in sorted((p for p in points if p[2]), key=lambda p: -p[1]):
        for dx, dy, ha in OFFSETS:
            note = ax.annotate(
                name, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, fontsize=7.5,
                fontweight="bold" if bold else "normal",
            )  # fmt: skip
            box = note.get_window_extent(renderer)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                break
            note.remove()
        else:
            note = ax.annotate(name, (x, y), xytext=OFFSETS[0][:2], textcoords="offset points", fontsize=7.5)
            box = note.get_window_extent(renderer)
        placed.append(box)


def draw(results: list[dict], out: Path) -> None:
    """The whole figure: axes, points, labels, a legend and a footnote naming the machine and the run."""
    fig, ax = plt.subplots(figsize=(9, 6), dpi=150)
    points = [p for res in results for p in plot_mode(ax, res)]
    ax.set_xscale("log")
    ax.set_xlabel("speed: MB of input per second (log scale; best round, one process, one core)")
    ax.set_ylabel("quality: F1 of 4-token shingles against the reference body")
    docs = results[0]["docs"] if results else 0
    ax.set_title(f"Quality against speed on {docs} news pages (scrapinghub article-extraction set)")
    ax.grid(True, which="both", alpha=0.3)
    ax.scatter([], [], marker="o", facecolors="none", edgecolors="grey", label="cleaner, round 1 (cold memo)")
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.canvas.draw()  # fixes the axis limits, so label boxes are measured where they will be drawn
    place_labels(ax, points)
    if results:
        m, rev = results[0]["machine"], results[0]["cleaner_revision"]
        note = f"{m['cpu']}, Python {m['python']}; cleaner {rev['commit']}{' (modified)' if rev['dirty'] else ''}"
        fig.text(0.01, 0.01, note + f"; {results[0]['created'][:10]}", fontsize=7, color="grey")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="*", type=Path, default=DEFAULT_INPUTS, help="compare.py --json files")
    parser.add_argument("-o", "--output", type=Path, default=HERE / "quality-vs-speed.png")
    args = parser.parse_args(argv)
    results = load(args.results)
    if not results:
        print("chart: no results to draw", file=sys.stderr)
        return 1
    draw(results, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
