"""Shared fixtures and the hypothesis profiles (HYPOTHESIS_PROFILE=heavy for long runs)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.gold.json"))

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("heavy", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def load_seed(gold_path: Path) -> tuple[str, dict]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["source_file"]).read_text(encoding="utf-8")
    return text, gold


@pytest.fixture(params=SEEDS, ids=lambda p: p.name[:3])
def seed(request) -> tuple[str, dict]:
    return load_seed(request.param)
