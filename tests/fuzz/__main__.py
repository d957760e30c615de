"""`python -m tests.fuzz --seconds 1800 --jobs 2 --out DIR`, and `--replay FILE` for one finding."""

from __future__ import annotations

import argparse
import cProfile
import faulthandler
import json
import pstats
import sys
import time
from pathlib import Path

from .cases import KINDS, call_text, rebuild
from .findings import is_finding
from .runner import HARD_TIMEOUT, Plan, Run, summary_text
from .targets import SLOW_SECONDS, run_case


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.replay:
        return replay(Path(args.replay), args.profile, args.timeout)
    seed = args.seed if args.seed is not None else int(time.time())
    plan = Plan(args.seconds, args.cases, args.jobs, seed, args.kinds or list(KINDS), args.timeout)
    run = Run(plan, Path(args.out))
    summary = run.run()
    print(summary_text(summary, run.findings))
    return 1 if run.findings.seen else 0


def replay(path: Path, profile: bool, timeout: float) -> int:
    """Run a finding's case again in this process; 1 while it still fails, 0 once it passes."""
    record = json.loads(path.read_text(encoding="ascii"))
    case = rebuild(record["case"])
    print(f"case {case['id']} ({case['kind']}/{case['generator']}):\n  {call_text(case)}", flush=True)
    faulthandler.dump_traceback_later(timeout, exit=True)  # a stuck case shows where it is stuck
    if profile:
        profiler = cProfile.Profile()
        outcome = profiler.runcall(run_case, case)
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(r"cleaner[/\\]", 25)
    else:
        outcome = run_case(case)
    faulthandler.cancel_dump_traceback_later()
    error = outcome.get("error")
    if error:
        print(error["traceback"])
    stage = error["stage"] if error else outcome.get("stage")
    print(f"{outcome['status']} at {stage}: cpu {outcome['cpu']} s, wall {outcome['wall']} s")
    return 1 if is_finding(outcome, SLOW_SECONDS) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--cases", type=int, help="stop after this many inputs instead (same seed, same inputs)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--out", default="fuzz-findings", help="where findings are written (default fuzz-findings)")
    parser.add_argument("--seed", type=int, help="the run's seed (default: the time)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, help="only these kinds of input")
    parser.add_argument("--timeout", type=float, default=HARD_TIMEOUT, help="seconds before a case counts as stuck")
    parser.add_argument("--replay", metavar="FILE", help="run one finding's case again and show what it does")
    parser.add_argument("--profile", action="store_true", help="with --replay: where the time goes")
    return parser


if __name__ == "__main__":
    sys.exit(main())
