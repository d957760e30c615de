"""Markdown tables from results dicts, shared by compare.py, startup.py and report.py.

The tables are built from the saved JSON and nothing else, so BENCHMARKS.md can be rewritten from
the results files without running anything again.
"""

from __future__ import annotations

from collections.abc import Sequence

RATIO_HEAD = "tool s ÷ cleaner s, best round (>1: cleaner faster)"
RATIO_COLD_HEAD = "tool s ÷ cleaner s, cleaner's cold round"


def md_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """A GitHub markdown table; align gives one of 'l'/'r' per column (default: first left, rest right)."""
    align = align or "l" + "r" * (len(headers) - 1)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = [headers, rule, *[[str(cell) for cell in row] for row in rows]]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def num(x: float) -> str:
    """About three significant digits, at least two below 0.1 (a ratio of 0.004 is not 0.00)."""
    if x >= 1000:
        return f"{x:,.0f}"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if 0 < x < 0.001:
        return "<0.001"
    if round(x, 2) >= 0.1 or x == 0:
        return f"{x:.2f}"
    return f"{x:.2g}"


def tool_label(row: dict, rounds: int) -> str:
    """The cleaner rows say which round they are, since the two differ by the warmth of its memo."""
    if row["tool"] != "cleaner":
        return row["tool"]
    if row.get("variant") == "cold":
        return "cleaner, round 1 (cold memo)"
    if rounds == 1:
        return "**cleaner**, one round (cold memo)"
    return f"**cleaner**, best of {rounds} rounds (warm memo)"


def compare_table(results: dict) -> str:
    """One row per tool: quality, throughput, seconds and the speed ratio to cleaner in the same run."""
    headers = [
        "tool",
        "F1",
        "precision",
        "recall",
        "docs/s",
        "MB/s",
        "seconds",
        RATIO_HEAD,
        RATIO_COLD_HEAD,
        "failures",
    ]
    rows = [
        [
            tool_label(r, results["rounds"]),
            f"{r['f1']:.3f}",
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            num(r["docs_per_s"]),
            num(r["mb_per_s"]),
            num(r["seconds"]),
            num(r["ratio"]),
            num(r["ratio_cold"]),
            r["failures"],
        ]
        for r in results["results"]
    ]
    return md_table(headers, rows)


def versions_line(versions: dict[str, str]) -> str:
    """Package versions on one line, for the heading of a table."""
    return ", ".join(f"{name} {v}" for name, v in versions.items())


def machine_line(machine: dict) -> str:
    """The machine on one line: CPU, cores, Python, platform."""
    return (
        f"{machine['cpu']}, {machine['cores']} cores ({machine['usable_cores']} usable), "
        f"{machine['implementation']} {machine['python']}, {machine['platform']}"
    )
