#!/usr/bin/env python3
"""Wall time of one `cleaner < page` run as a new process, beside a peer CLI and the bare interpreter.

    python benchmarks/startup.py [--runs 10] [--input FILE] [--html-input FILE] [--target 0.5] [--json PATH]

A shell pipeline or a cron job starts cleaner once per page, so import and rule loading are paid
every time; compare.py deliberately leaves them out. The commands run round-robin (one untimed run
of each first, so the disk cache and .pyc files are warm), and the best and the median of --runs
runs are shown. Console scripts are taken from this interpreter's bin folder, not from a version
manager's shim, so the times are the program's own. The trafilatura CLI parses its input as HTML and
prints nothing for plain text, so on the text input `python -c "import trafilatura"` is its floor,
and an HTML page is timed too, where both CLIs do the full job. Exit 1 when the median of
`cleaner < input` is over --target seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from machine import REPO, machine, revision, versions
from tables import machine_line, md_table, num, versions_line

SEED = REPO / "fixtures" / "seeds" / "000_667a6ef9f9eeb14d.txt"
HTML_PAGE = REPO / "fixtures" / "html" / "reuters_shop.html"


@dataclass
class Command:
    """One timed command: what the table shows, what runs, which file is its standard input."""

    label: str
    argv: list[str]
    stdin: Path | None
    seconds: list[float] = field(default_factory=list)
    output_bytes: int = 0


def script(name: str) -> str:
    """A console script beside the running interpreter (skips pyenv-style shims), else the one on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is not installed")
    return found


def rel(path: Path) -> str:
    """A path as the reader would type it from the repository root."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def commands(text_input: Path, html_input: Path) -> list[Command]:
    """The floor, the imports, and both CLIs on the text input and on the HTML page."""
    py = sys.executable
    return [
        Command('python -c "pass"', [py, "-c", "pass"], None),
        Command('python -c "import trafilatura"', [py, "-c", "import trafilatura"], None),
        Command('python -c "import cleaner"', [py, "-c", "import cleaner"], None),
        Command(f"trafilatura < {rel(text_input)}", [script("trafilatura")], text_input),
        Command(f"cleaner < {rel(text_input)}", [script("cleaner")], text_input),
        Command(f"trafilatura < {rel(html_input)}", [script("trafilatura")], html_input),
        Command(f"cleaner < {rel(html_input)}", [script("cleaner")], html_input),
    ]


def run(cmd: Command) -> float:
    """One run's wall time, from spawn to exit; its output size is kept to show that it did the work."""
    stdin = cmd.stdin.open("rb") if cmd.stdin else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        done = subprocess.run(cmd.argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
        seconds = time.perf_counter() - start
    finally:
        if cmd.stdin:
            stdin.close()
    if done.returncode != 0:
        raise SystemExit(f"{cmd.label} exited with {done.returncode}")
    cmd.output_bytes = len(done.stdout)
    return seconds


def measure(cmds: list[Command], runs: int) -> None:
    """One untimed round, then `runs` timed rounds, each running every command once in turn."""
    for cmd in cmds:
        run(cmd)
    for _ in range(runs):
        for cmd in cmds:
            cmd.seconds.append(run(cmd))


def base_for(cmd: Command, cmds: list[Command]) -> Command:
    """The cleaner run a command is compared with: the one on the same input (the text one for the floors)."""
    cleaners = [c for c in cmds if c.label.startswith("cleaner")]
    return next((c for c in cleaners if c.stdin == cmd.stdin), cleaners[0])


def rows(cmds: list[Command]) -> list[dict]:
    """Best, median, output size and the ratio of medians to cleaner, per command."""
    out = []
    for cmd in cmds:
        median, base = statistics.median(cmd.seconds), statistics.median(base_for(cmd, cmds).seconds)
        out.append(
            {
                "command": cmd.label,
                "best_s": min(cmd.seconds),
                "median_s": median,
                "runs": cmd.seconds,
                "output_bytes": cmd.output_bytes,
                "ratio": median / base,
            }
        )
    return out


def startup_table(res: dict) -> str:
    """The markdown table of a startup results dict (also used by report.py)."""
    headers = ["command", "best s", "median s", "output bytes", "median ÷ cleaner's median, same input"]
    body = [
        [f"`{r['command']}`", f"{r['best_s']:.3f}", f"{r['median_s']:.3f}", r["output_bytes"], num(r["ratio"])]
        for r in res["results"]
    ]
    return md_table(headers, body)


def verdict(res: dict) -> tuple[bool, str]:
    """Whether the median of `cleaner < text input` is under the target, as one line."""
    r = next(r for r in res["results"] if r["command"].startswith("cleaner <"))
    ok = r["median_s"] < res["target_s"]
    word = "under" if ok else "OVER"
    return ok, f"`{r['command']}`: median {r['median_s']:.3f} s, best {r['best_s']:.3f} s: {word} {res['target_s']} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument("--input", type=Path, default=SEED, help="scraped-text input (default: seed 000)")
    parser.add_argument("--html-input", type=Path, default=HTML_PAGE, help="HTML input both CLIs can extract")
    parser.add_argument("--target", type=float, default=0.5, help="most seconds for `cleaner < input` (median)")
    parser.add_argument("--json", type=Path, help="save the raw results here (read by report.py)")
    args = parser.parse_args(argv)
    cmds = commands(args.input, args.html_input)
    measure(cmds, max(1, args.runs))
    res = {
        "runs": max(1, args.runs),
        "target_s": args.target,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(["cleaner", "trafilatura"]),
        "cleaner_revision": revision(),
        "results": rows(cmds),
    }
    ok, line = verdict(res)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    print(startup_table(res))
    print()
    print(f"- {res['runs']} runs each, round-robin; ratio above 1: that command takes longer than cleaner.")
    print(f"- machine: {machine_line(res['machine'])}")
    print(f"- versions: {versions_line(res['versions'])}")
    print(f"- target: {line}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
