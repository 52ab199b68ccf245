"""`make bench` works: a tiny run of the benchmark writes every measure with its floor.

This proves the harness, not the speed: speed is read from `make bench`, never asserted
in a test (these machines are too noisy for timed tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_tiny_benchmark_run_reports_every_measure(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--milestones",
            "300",
            "--observations",
            "1000",
            "--repeat",
            "1",
            "--keys",
            "2",
            "--shared-copies",
            "3",
            "--output",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    rows = {row["measure"]: row for row in document["rows"]}
    for prefix in (
        "start-up, bundled",
        "load, large",
        "reopen, large, cached",
        "first screen, large",
        "peak RSS",
        "search: keystroke to list p95",
        "down: keystroke to list p95",
        "pagedown: keystroke to list p95",
        "language switch",
        "validate, shared sources and days",
        "peak RSS, validate, shared",
    ):
        found = [r for name, r in rows.items() if name.startswith(prefix)]
        assert found, prefix
        for row in found:
            assert row["value"] > 0, row
    for name in (
        "start-up, bundled (s)",
        "start-up floor with the data read (s)",
        "start-up, bundled, over the data floor (s)",
        "load, large (s)",
        "reopen, large, cached (s)",
        "first screen, large (s)",
        "validate, shared sources and days (s)",
    ):
        assert rows[name]["floor"] > 0 and rows[name]["ratio"] > 0
    assert "measure" in result.stdout and "ratio" in result.stdout
