"""`make bench`: vn-egov's speed against the floors no Python Textual app can beat.

Every measure is repeated and its median reported beside a floor measured in the same
run, as a ratio: these machines are noisy, so absolute times are context only. Prints one
table and writes it as JSON under benchmarks/results/ (ignored by git).

    python -m benchmarks.run                       # 5,000 milestones, 100,000 observations
    python -m benchmarks.run --observations 500 --milestones 50 --repeat 1   # a smoke run

Besides that large timeline, `validate` is measured on the other shape a file can take
(benchmarks.generate --shared-sources): the bundled timeline copied `--shared-copies`
times, hundreds of milestones sharing each source and day.
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


def interleaved(repeat: int, *measures: Callable[[], float]) -> list[float]:
    """The median of each measure, run in turns (a floor, then ours): this machine's speed
    drifts by a third over a minute, and series run one after the other would measure the
    drift. Start-ups are short, so they get three times the repeats of the other rows."""
    samples: list[list[float]] = [[] for _ in measures]
    for _ in range(repeat):
        for taken, measure in zip(samples, measures, strict=True):
            taken.append(measure())
    return [statistics.median(taken) for taken in samples]


def compiled() -> None:
    """vn-egov's bytecode written before any start is timed, as after a reader's first
    start: with PYTHONDONTWRITEBYTECODE set, every start compiled tui/ and timeline/ from
    source (0.1 s) while the floor's Textual, installed by pip, came compiled."""
    import compileall

    for package in ("tui", "timeline", "benchmarks"):
        compileall.compile_dir(ROOT / package, quiet=1)


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_child(*args: str, cache: Path | None = None, settled: bool = False) -> tuple[float, int]:
    """Seconds from spawn to exit, and the child's peak RSS in KiB.

    `cache`: the directory of validated timelines the explorer may use; None runs it
    cold, as on the very first start.
    """
    peak_file = Path(tempfile.mkstemp(prefix="vn-egov-peak-")[1])
    env = {
        **os.environ,
        "VN_EGOV_LANG": "vi",
        "TEXTUAL_ANIMATIONS": "none",
        "VN_EGOV_CACHE": str(cache) if cache else "off",
        "VN_EGOV_BENCH_PEAK": str(peak_file),
        "VN_EGOV_BENCH_SETTLED": "1" if settled else "0",
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.child", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _pid, status, _usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        message = process.stderr.read().decode(errors="replace") if process.stderr else ""
        raise SystemExit(f"benchmark child {args} failed ({status}):\n{message}")
    # The child's own high-water mark (VmHWM): rusage would include this process's memory.
    peak = int(peak_file.read_text(encoding="ascii") or 0)
    peak_file.unlink()
    return elapsed, peak


def validate_rows(repeat: int, copies: int, directory: Path) -> list[Row]:
    """`vn-egov validate` on a timeline of shared sources and days, against tomli's parse
    of the same file: each a fresh process, taken in turns so that both see the same
    machine."""
    from benchmarks.generate import shared_sources_and_days

    shared = directory / "shared.toml"
    shared.write_text(shared_sources_and_days(copies), encoding="utf-8")
    size_mib = shared.stat().st_size / 2**20
    print(f"shared sources and days: {copies} copies, {size_mib:.1f} MiB of TOML", file=sys.stderr)
    ours: list[tuple[float, int]] = []
    floors: list[tuple[float, int]] = []
    for _ in range(repeat):
        floors.append(run_child("parse", str(shared)))
        ours.append(run_child("validate", str(shared)))
    seconds = statistics.median(t for t, _peak in ours)
    floor = statistics.median(t for t, _peak in floors)
    peak_mib = max(peak for _t, peak in ours) / 1024
    return [
        Row("validate, shared sources and days (s)", seconds, "s", floor, "ratio <= 1.6", None),
        Row(
            f"peak RSS, validate, shared (MiB; TOML {size_mib:.0f} MiB)",
            peak_mib,
            "MiB",
            None,
            "<= 600 MiB",
            peak_mib <= 600,
        ),
    ]


def load_floor(path: Path) -> float:
    """tomli.loads and a bare pydantic validation of the same arrays: no cross-checks."""
    import tomli

    from timeline.model import Timeline
    from timeline.validation import validated

    started = time.perf_counter()
    validated(Timeline, tomli.loads(path.read_bytes().decode("utf-8")))
    return time.perf_counter() - started


def load_ours(path: Path) -> float:
    from timeline.load import load

    started = time.perf_counter()
    load(path)
    return time.perf_counter() - started


def reopen_ours(path: Path, directory: Path) -> float:
    """An unchanged file opened again: read back from the cache of validated timelines."""
    from timeline.cache import TimelineCache

    cache = TimelineCache(directory)
    started = time.perf_counter()
    cache.load(path)
    elapsed = time.perf_counter() - started
    if cache.writer is not None:  # the first call wrote the entry; later ones read it
        cache.writer.join()
    return elapsed


Script = list[tuple[str | None, str, str | None]]


async def latencies(app: Any, watched: type, script: Script) -> dict[str, list[float]]:
    """Keystroke latencies of a headless app, in milliseconds, by the script's names.

    Pilot's own press() waits for the whole process to go idle, which costs some 40 ms
    even in an empty app; so keys go straight to the driver, as a terminal's would.
    Textual writes every compositor update to its display (headless or not), so two
    times are read per key: "list", the first frame after the `watched` widget asked to
    be repainted (the list shows the new cursor or the new matches), and "settled", the
    last frame the key caused (the detail pane and the ruler have caught up too).
    """
    from textual import events

    from tui.compat import on_frame, send_to_driver

    frames: list[float] = []
    repaints: list[float] = []

    def record(screen: Any, renderable: Any) -> None:
        if renderable is not None:
            frames.append(time.perf_counter())

    on_frame(app, record)
    refresh = watched.refresh

    def noting(self: Any, *args: Any, **kwargs: Any) -> Any:
        repaints.append(time.perf_counter())
        return refresh(self, *args, **kwargs)

    watched.refresh = noting  # type: ignore[method-assign]
    samples: dict[str, list[float]] = {}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            # A large timeline's search index builds in a thread after the first screen.
            while getattr(getattr(app.screen, "queries", None), "search", True) is None:
                await asyncio.sleep(0.05)
            for name, key, char in script:
                await pilot.pause()
                first_frame, first_repaint = len(frames), len(repaints)
                started = time.perf_counter()
                event = events.Key(key, char)
                event.set_sender(app)
                send_to_driver(app, event)
                # Updates have stopped once 50 ms pass with no new frame (or one second
                # with none at all: the key changed nothing, e.g. PageDown at the end).
                while time.perf_counter() - started < 5:
                    await asyncio.sleep(0.001)
                    now = time.perf_counter()
                    if len(frames) > first_frame and now - frames[-1] > 0.05:
                        break
                    if len(frames) == first_frame and now - started > 1:
                        break
                if name is None or len(frames) == first_frame:
                    continue
                asked = repaints[first_repaint] if len(repaints) > first_repaint else started
                shown = next((f for f in frames[first_frame:] if f >= asked), frames[-1])
                samples.setdefault(f"{name} list", []).append((shown - started) * 1000)
                samples.setdefault(f"{name} settled", []).append((frames[-1] - started) * 1000)
    finally:
        watched.refresh = refresh  # type: ignore[method-assign]
    return samples


def typing(queries: tuple[str, ...], keys: int | None) -> Script:
    script: Script = []
    for query in queries:
        script.append((None, "slash", "/"))
        script += [("search", "space" if c == " " else c, c) for c in query[:keys]]
        script.append((None, "escape", None))
    return script


NAVIGATION: Script = [("down", "j", "j")] * 30 + [("pagedown", "pagedown", None)] * 15


async def interactions(path: Path, keys: int | None) -> dict[str, list[float]]:
    """The explorer on the large file: navigation, language switch, search."""
    from timeline.load import load
    from tui.app import VnEgovApp
    from tui.widgets.event_list import EventList

    app = VnEgovApp(load(path), lang="vi")
    app.animation_level = "none"
    script = [*NAVIGATION, (None, "home", None), *[("language", "l", "l")] * 4]
    return await latencies(app, EventList, script + typing(QUERIES, keys))


async def floor_interactions(keys: int | None) -> dict[str, list[float]]:
    """The same keys in the smallest app that does the same visible work: a list of
    lines whose cursor moves, and a search box that filters them as you type."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Input, Static

    lines = [f"Sự kiện số {i}: Cổng Dịch vụ công" for i in range(5_000)]

    class Lines(Static):
        pass

    class Floor(App[None]):
        BINDINGS = [  # noqa: RUF012
            Binding("j", "move(1)"),
            Binding("pagedown", "move(30)"),
            Binding("slash", "search"),
            Binding("escape", "close"),
        ]
        cursor = 0

        def compose(self) -> ComposeResult:
            yield Input(id="q")
            yield Lines("\n".join(lines[:30]), id="lines")

        def on_mount(self) -> None:
            self.query_one("#lines").focus()
            self.query_one(Input).cursor_blink = False

        def action_move(self, by: int) -> None:
            self.cursor += by
            shown = lines[self.cursor : self.cursor + 30]
            self.query_one(Lines).update("\n".join(shown))

        def action_search(self) -> None:
            self.query_one(Input).focus()

        def action_close(self) -> None:
            self.query_one(Input).value = ""
            self.query_one(Lines).focus()

        def on_input_changed(self, event: Input.Changed) -> None:
            word = event.value.lower()
            found = [line for line in lines if word in line.lower()][:30]
            self.query_one(Lines).update("\n".join(found))

    return await latencies(Floor(), Lines, NAVIGATION + typing(QUERIES, keys))


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

        cache = Path(tmp) / "cache"
        compiled()
        run_child("app", cache=cache)  # the first start writes the cache every later one reads
        floor_start, data_start, ours_start = interleaved(
            3 * repeat,
            lambda: run_child("floor")[0],
            lambda: run_child("data", cache=cache)[0],
            lambda: run_child("app", cache=cache)[0],
        )
        rows.append(
            Row("start-up, bundled (s)", ours_start, "s", floor_start, "ratio <= 1.3", None)
        )
        # The same start split in two: what reading the data costs before any screen
        # (the floor started after the cache's check), and what the screens add to that.
        rows.append(
            Row("start-up floor with the data read (s)", data_start, "s", floor_start, "", None)
        )
        rows.append(
            Row("start-up, bundled, over the data floor (s)", ours_start, "s", data_start, "", None)
        )
        first_start = median_of(repeat, lambda: run_child("app")[0])
        rows.append(
            Row("start-up, bundled, very first (s)", first_start, "s", floor_start, "", None)
        )

        floor_load = median_of(repeat, lambda: load_floor(big))
        ours_load = median_of(repeat, lambda: load_ours(big))
        rows.append(Row("load, large (s)", ours_load, "s", floor_load, "ratio <= 1.3", None))
        reopen_ours(big, cache)  # writes the entry
        ours_reopen = median_of(repeat, lambda: reopen_ours(big, cache))
        rows.append(
            Row("reopen, large, cached (s)", ours_reopen, "s", floor_load, "ratio <= 0.5", None)
        )

        def first_screen() -> float:
            return run_child("app", "--data", str(big))[0]

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

        def reopened_screen() -> float:
            return run_child("app", "--data", str(big), cache=cache)[0]

        ours_reopened = median_of(repeat, reopened_screen)
        rows.append(
            Row(
                "first screen, large, reopened (s)",
                ours_reopened,
                "s",
                floor_start + floor_load,
                "",
                None,
            )
        )
        # Peak memory of a whole session: until the data notes, series and search index
        # that follow the first screen are computed too.
        peaks = [run_child("app", "--data", str(big), settled=True)[1] for _ in range(2)]
        reopened_peaks = [
            run_child("app", "--data", str(big), cache=cache, settled=True)[1] for _ in range(2)
        ]
        for label, found in (("", peaks), (", reopened", reopened_peaks)):
            peak_mib = max(found) / 1024
            rows.append(
                Row(
                    f"peak RSS, large{label} (MiB; TOML {size_mib:.0f} MiB)",
                    peak_mib,
                    "MiB",
                    None,
                    "<= 300 MiB",
                    peak_mib <= 300,
                )
            )

        samples = asyncio.run(interactions(big, args.keys))
        floors = asyncio.run(floor_interactions(args.keys))
        for name in ("search", "down", "pagedown"):
            for what, p in (("list", 50), ("list", 95), ("settled", 50), ("settled", 95)):
                value = percentile(samples.get(f"{name} {what}", []), p)
                floor = percentile(floors.get(f"{name} list", []), p)
                graded = what == "list" and p == 95
                rows.append(
                    Row(
                        f"{name}: keystroke to {what} p{p} (ms)",
                        value,
                        "ms",
                        floor,
                        f"<= {FRAME_MS:.0f} ms" if graded else "",
                        value <= FRAME_MS if graded else None,
                    )
                )
        language = percentile(samples.get("language settled", []), 50)
        rows.append(Row("language switch (ms)", language, "ms", None, "<= 100 ms", language <= 100))
        rows += validate_rows(repeat, args.shared_copies, Path(tmp))
    for row in rows:
        if row.passed is None and row.ratio is not None and row.goal.startswith("ratio"):
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
    parser.add_argument(
        "--shared-copies",
        type=int,
        default=800,
        help="copies of the bundled timeline in the shared-sources file validate is timed on",
    )
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
