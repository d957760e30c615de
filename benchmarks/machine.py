"""What the figures were measured on: the machine, the interpreter, the packages and cleaner's revision.

Speed figures mean little without these, and the numbers are regenerated as cleaner changes, so
every results file carries them.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (Linux); the platform's guess elsewhere."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, object]:
    """CPU, cores (all, and those this process may use), Python and OS."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }


def version(package: str) -> str:
    """A package's installed version, or '' for the built-in baselines that have none."""
    if not package:
        return ""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def versions(packages: list[str]) -> dict[str, str]:
    """The versions of the given packages plus lxml, which most of them parse HTML with."""
    names = sorted({p for p in [*packages, "lxml"] if p})
    return {name: version(name) for name in names}


def revision() -> dict[str, object]:
    """cleaner's git commit and whether its code (cleaner/, rules/) had uncommitted changes when measured."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--", "cleaner", "rules", "pyproject.toml")),
    }
