"""Shared test helpers: fixture paths and golden-file comparison.

Set NEWSPARSE_UPDATE_GOLDENS=1 to rewrite expected files from the current output
(then review the diff with git before committing it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
UPDATE_GOLDENS = os.environ.get("NEWSPARSE_UPDATE_GOLDENS") == "1"


def assert_golden(expected_path: Path, actual: str) -> None:
    """Compare `actual` with the file's text, or rewrite the file when updating."""
    if UPDATE_GOLDENS:
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
        return
    if not expected_path.exists():
        pytest.fail(f"{expected_path} is missing; run with NEWSPARSE_UPDATE_GOLDENS=1")
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


# Hypothesis budget. "ci" (the default) bounds every property test that does not set
# its own max_examples; HYPOTHESIS_PROFILE=long runs them 20 times longer, e.g.
#   HYPOTHESIS_PROFILE=long python -m pytest tests/test_properties_reliability.py
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
