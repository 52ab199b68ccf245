"""`make bench`: vn-egov's speed against the floors no Python Textual app can beat.

Every measure is repeated and its median reported beside a floor measured in the same
run, as a ratio: these machines are noisy, so absolute times are context only. Prints one
table and writes it as JSON under benchmarks/results/ (ignored by git).

    python -m benchmarks.run                       # 5,000 milestones, 100,000 observations
    python -m benchmarks.run --observations 500 --milestones 50 --repeat 1   # a smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
FRAME_MS = 16.0

# Typed one key at a time: with and without diacritics, rare and common words.
QUERIES = ("dich vu", "Hà Nội", "truc lien thong", "zzz", "cổng", "bao cao", "e-cabinet", "đà nẵng")


@dataclass
class Row:
    measure: str
    value: float
    unit: str
    floor: float | None
    goal: str
    passed: bool | None

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None


def median_of(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_child(*args: str) -> tuple[float, int]:
    """Seconds from spawn to exit, and the child's peak RSS in KiB."""
    env = {**os.environ, "VN_EGOV_LANG": "vi", "TEXTUAL_ANIMATIONS": "none"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.child", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        message = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"benchmark child {args} failed ({status}):\n{message}")
    return elapsed, usage.ru_maxrss


def load_floor(path: Path) -> float:
    """tomli.loads and a bare pydantic validation of the same arrays: no cross-checks."""
    import tomli

    from timeline.model import Timeline

    started = time.perf_counter()
    Timeline.model_validate(tomli.loads(path.read_bytes().decode("utf-8")))
    return time.perf_counter() - started


def load_ours(path: Path) -> float:
    from timeline.load import load

    started = time.perf_counter()
    load(path)
    return time.perf_counter() - started


async def interactions(path: Path, keys_per_query: int | None) -> dict[str, list[float]]:
    """Keystroke-to-updated-screen latencies in a headless explorer on the large file.

    Pilot's own press() waits for the whole process to go idle, which costs some 40 ms
    even in an empty app; so keys go straight to the driver, as a terminal's would, and the
    latency runs to the last screen update the key caused (Textual calls App._display
    with each compositor update, headless or not).
    """
    from textual import events

    from timeline.load import load
    from tui.app import VnEgovApp

    timeline = load(path)
    app = VnEgovApp(timeline, lang="vi")
    app.animation_level = "none"
    shown: list[float] = []
    display = app._display

    def record(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            shown.append(time.perf_counter())
        display(screen, renderable)

    app._display = record  # type: ignore[method-assign]
    samples: dict[str, list[float]] = {"search": [], "down": [], "pagedown": [], "language": []}

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        driver = app._driver
        assert driver is not None

        async def timed(key: str, char: str | None = None) -> float:
            await pilot.pause()
            before = len(shown)
            started = time.perf_counter()
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)
            # Wait until updates stop: 50 ms with no new frame after the last one.
            while time.perf_counter() - started < 5:
                await asyncio.sleep(0.001)
                if len(shown) > before and time.perf_counter() - shown[-1] > 0.05:
                    break
            return (shown[-1] - started) * 1000 if len(shown) > before else float("nan")

        for _ in range(30):
            samples["down"].append(await timed("j", "j"))
        for _ in range(15):
            samples["pagedown"].append(await timed("pagedown"))
        await timed("home")
        for _ in range(4):
            samples["language"].append(await timed("l", "l"))
        for query in QUERIES:
            await timed("slash", "/")
            for char in query[:keys_per_query]:
                samples["search"].append(await timed("space" if char == " " else char, char))
            await timed("escape")
    return {k: [v for v in values if v == v] for k, values in samples.items()}


def measure(args: argparse.Namespace) -> list[Row]:
    from benchmarks.generate import generate
    from timeline.load import bundled_path

    rows: list[Row] = []
    repeat = args.repeat
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "large.toml"
        big.write_text(generate(args.milestones, args.observations), encoding="utf-8")
        size_mib = big.stat().st_size / 2**20
        label = f"{args.milestones:,} milestones, {args.observations:,} observations"
        print(f"large timeline: {label}, {size_mib:.1f} MiB of TOML", file=sys.stderr)

        floor_start = median_of(repeat, lambda: run_child("floor")[0])
        ours_start = median_of(repeat, lambda: run_child("app")[0])
        rows.append(
            Row("start-up, bundled (s)", ours_start, "s", floor_start, "ratio <= 1.2", None)
        )

        floor_load = median_of(repeat, lambda: load_floor(big))
        ours_load = median_of(repeat, lambda: load_ours(big))
        rows.append(Row("load, large (s)", ours_load, "s", floor_load, "ratio <= 1.3", None))

        peaks: list[int] = []

        def first_screen() -> float:
            seconds, peak = run_child("app", "--data", str(big))
            peaks.append(peak)
            return seconds

        ours_first = median_of(repeat, first_screen)
        rows.append(
            Row(
                "first screen, large (s)",
                ours_first,
                "s",
                floor_start + floor_load,
                "ratio <= 1.3",
                None,
            )
        )
        peak_mib = max(peaks) / 1024
        rows.append(
            Row(
                f"peak RSS, large (MiB; TOML {size_mib:.0f} MiB)",
                peak_mib,
                "MiB",
                None,
                "<= 300 MiB",
                peak_mib <= 300,
            )
        )

        samples = asyncio.run(interactions(big, args.keys))
        for name, goal_ms in (("search", FRAME_MS), ("down", FRAME_MS), ("pagedown", FRAME_MS)):
            values = samples[name]
            for p in (50, 95):
                value = percentile(values, p)
                passed = value <= goal_ms if p == 95 else None
                goal = f"p95 <= {goal_ms:.0f} ms" if p == 95 else ""
                rows.append(Row(f"{name} keystroke p{p} (ms)", value, "ms", None, goal, passed))
        language = statistics.median(samples["language"])
        rows.append(Row("language switch (ms)", language, "ms", None, "<= 100 ms", language <= 100))
    for row in rows:
        if row.passed is None and row.ratio is not None:
            limit = float(row.goal.rsplit(" ", 1)[-1])
            row.passed = row.ratio <= limit
    _ = bundled_path  # the start-up rows run on the bundled timeline through the CLI
    return rows


def render(rows: list[Row]) -> str:
    header = ("measure", "value", "floor", "ratio", "goal", "pass")
    table = [header]
    for r in rows:
        table.append(
            (
                r.measure,
                f"{r.value:.3f}" if r.unit == "s" else f"{r.value:.1f}",
                "" if r.floor is None else f"{r.floor:.3f}",
                "" if r.ratio is None else f"{r.ratio:.2f}",
                r.goal,
                "" if r.passed is None else ("yes" if r.passed else "NO"),
            )
        )
    widths = [max(len(row[c]) for row in table) for c in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row)).rstrip() for row in table
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="vn-egov benchmarks")
    parser.add_argument("--milestones", type=int, default=5_000)
    parser.add_argument("--observations", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keys", type=int, default=None, help="keys typed per query")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    rows = measure(args)
    print(render(rows))
    args.output.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    document: dict[str, Any] = {
        "when": stamp,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "parameters": {k: str(v) for k, v in vars(args).items()},
        "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    (args.output / f"bench-{stamp}.json").write_text(text, encoding="utf-8")
    (args.output / "latest.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
