"""The command line as a user runs it: exit codes, messages, files, no Textual import."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.samples import MINI
from timeline.l10n import Formatter
from timeline.l10n.findings import describe
from timeline.load import bundled_path, load
from tui.cli import main
from tui.safe import clean


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.toml"
    path.write_text(MINI, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.pop("VN_EGOV_LANG", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_validate_bundled_by_default() -> None:
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert f"{bundled_path()}: valid:" in result.stdout


def test_validate_reports_each_file_and_fails_if_any_fails(mini: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.replace("as_of = 2021-11-23", 'as_of = "23/11/2021"'), encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[sources]\n", encoding="utf-8")
    result = run("validate", str(mini), str(bad), str(broken))
    assert result.returncode == 1
    assert f"{mini}: valid: 1 source," in result.stdout
    assert f"{bad}:" in result.stderr and "observations[0].as_of" in result.stderr
    assert f"{broken}:1:" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("validate", "--lang", "xx").returncode == 2
    assert run("export").returncode == 2  # --format is required
    assert run("frobnicate").returncode == 2


def test_missing_and_directory_files_exit_1(tmp_path: Path) -> None:
    for target in (tmp_path / "nope.toml", tmp_path):
        result = run("list", "--data", str(target))
        assert result.returncode == 1
        assert str(target) in result.stderr
        assert "Traceback" not in result.stderr


def test_export_json_holds_every_array_with_iso_dates(mini: Path) -> None:
    result = run("export", "--data", str(mini), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) >= {"sources", "platforms", "milestones", "indicators", "observations"}
    [obs] = document["observations"]
    assert obs["as_of"] == "2021-11-23"
    assert obs["quote"] == "hơn 1,2 triệu tài khoản đăng ký"
    assert obs["value"] == 1_200_000


def test_export_csv_has_names_in_both_languages(mini: Path) -> None:
    result = run("export", "--data", str(mini), "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["platform_vi"] == "Cổng Dịch vụ công quốc gia"
    assert row["platform_en"] == "National Public Service Portal"
    assert row["indicator_en"] == "Registered accounts"
    assert row["qualifier"] == "more_than"


def test_export_to_file_is_atomic_and_refuses_to_overwrite(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert run("export", "--data", str(mini), "--format", "json", "-o", str(out)).returncode == 0
    first = out.read_text(encoding="utf-8")
    out.write_text("keep me", encoding="utf-8")
    refused = run("export", "--data", str(mini), "--format", "json", "-o", str(out))
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run("export", "--data", str(mini), "--format", "json", "-o", str(out), "--force")
    assert forced.returncode == 0
    assert out.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.toml", "out.json"]


def test_export_into_a_missing_directory_is_a_clear_error(mini: Path, tmp_path: Path) -> None:
    result = run(
        "export", "--data", str(mini), "--format", "csv", "-o", str(tmp_path / "no" / "x.csv")
    )
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_in_both_languages(mini: Path) -> None:
    vi = run("list", "--data", str(mini), "--lang", "vi").stdout
    en = run("list", "--data", str(mini), "--lang", "en").stdout
    assert "9/12/2019" in vi and "Khai trương Cổng Dịch vụ công quốc gia" in vi
    assert "hơn 1,2 triệu" in vi
    assert "9 Dec 2019" in en and "National Public Service Portal launched" in en
    assert "over 1.2 million" in en


def test_list_full_platform_and_search(mini: Path) -> None:
    full = run("list", "--data", str(mini), "--lang", "vi", "--full").stdout
    assert "1.200.000" in full
    only = run("list", "--data", str(mini), "--platform", "reporting").stdout
    assert "Portal" not in only
    found = run("list", "--data", str(mini), "--search", "khai truong cong").stdout
    assert "launched" in found and "figures" not in found.split("\n")[0]
    unknown = run("list", "--data", str(mini), "--platform", "nope")
    assert unknown.returncode == 2 and "reporting" in unknown.stderr


def test_language_from_environment(mini: Path) -> None:
    assert "hơn 1,2 triệu" in run("list", "--data", str(mini), env={"LANG": "vi_VN.UTF-8"}).stdout
    assert "hơn 1,2 triệu" in run("list", "--data", str(mini), env={"VN_EGOV_LANG": "vi"}).stdout
    warned = run("list", "--data", str(mini), env={"VN_EGOV_LANG": "klingon"})
    assert warned.returncode == 0 and "klingon" in warned.stderr
    flag_wins = run("list", "--data", str(mini), "--lang", "en", env={"VN_EGOV_LANG": "vi"})
    assert "over 1.2 million" in flag_wins.stdout


def test_hostile_strings_are_printed_literally_on_a_terminal(tmp_path: Path) -> None:
    from tests.terminal import Terminal

    hostile = MINI.replace(
        'title = { vi = "Cổng DVCQG: số liệu"',
        'title = { vi = "[b]x[/b] \\u001b[2J\\u0007 \\u001b]52;c;aGk=\\u0007"',
    )
    path = tmp_path / "hostile.toml"
    path.write_text(hostile, encoding="utf-8")
    terminal = Terminal("list", "--data", str(path), "--lang", "vi")
    try:
        assert terminal.wait() == 0
    finally:
        terminal.close()
    out = terminal.output.decode("utf-8")
    assert "[b]x[/b] ␛[2J␇ ␛]52;c;aGk=␇" in out
    assert "\x1b" not in out and "\x07" not in out
    # In a pipe the data is the data: a script gets what the file says.
    piped = run("list", "--data", str(path), "--lang", "vi").stdout
    assert "[b]x[/b] \x1b[2J\x07 \x1b]52;c;aGk=\x07" in piped


def test_schema_is_json_and_matches_the_shipped_copy() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "vn-egov timeline"
    assert set(schema["properties"]) >= {"sources", "platforms", "milestones", "observations"}
    shipped = bundled_path().with_name("timeline.schema.json")
    assert json.loads(shipped.read_text(encoding="utf-8")) == schema, (
        "timeline/data/timeline.schema.json is stale: regenerate it with "
        "`vn-egov schema > timeline/data/timeline.schema.json`"
    )


@pytest.mark.parametrize(
    "args",
    [["validate"], ["export", "--format", "json"], ["list"], ["schema"], ["--help"]],
)
def test_scripting_commands_do_not_import_textual(args: list[str]) -> None:
    # main(), not the `tui` module: the command ends the process when main() returns.
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert "LOADED []" in result.stderr, result.stderr


def test_main_returns_exit_codes_in_process(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(mini), "--lang", "en"]) == 0
    assert "valid" in capsys.readouterr().out


@pytest.fixture
def misspelt(tmp_path: Path) -> Path:
    path = tmp_path / "misspelt.toml"
    path.write_text(MINI.replace("qualifier =", "qualifer ="), encoding="utf-8")
    return path


# What validate says of a misspelt key, a missing file and the bundled file, by language.
SAID = {
    "vi": ("khóa không xác định", "có phải ý bạn là 'qualifier'?", "không có tệp này", "hợp lệ:"),
    "en": ("unknown key", "did you mean 'qualifier'?", "no such file", "valid:"),
}
# English words that must not reach a Vietnamese user (data keys such as `qualifer` and
# ids are the file's own and stay as they are).
ENGLISH = ("unknown", "did you mean", "no such file", "valid", "source", "warning", "milestone")


def bundled_note(fmt: Formatter) -> str:
    """The bundled timeline's first data note, as validate prints it (on one line)."""
    return clean(describe(load(bundled_path()).warnings[0], fmt))


def test_validate_speaks_vietnamese_throughout(misspelt: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = run("--lang", "vi", "validate", str(misspelt), str(missing), str(bundled_path()))
    assert result.returncode == 1
    out, err = result.stdout, result.stderr
    line = MINI.splitlines().index('qualifier = "more_than"') + 1
    assert f"{misspelt}:{line}: observations[0].qualifer: khóa không xác định; " in err
    assert f"{missing}: không có tệp này" in err
    assert f"{bundled_path()}: hợp lệ: 5 nguồn, 5 nền tảng" in out
    assert "cảnh báo chất lượng dữ liệu" in out
    first_note = bundled_note(Formatter("vi"))
    assert f"⚠ {first_note}" in out  # the notes in Vietnamese too
    for phrase in SAID["vi"]:
        assert phrase in out + err
    # Paths and keys aside, not one English word.
    words = (out + err).replace(str(misspelt), "").replace(str(missing), "")
    words = words.replace(str(bundled_path()), "").replace("observations[0].qualifer", "")
    for english in ENGLISH:
        assert english not in words.lower(), english


def test_validate_speaks_english_when_asked(misspelt: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = run(
        "validate", "--lang", "en", str(misspelt), str(missing), str(bundled_path()),
        env={"LANG": "vi_VN.UTF-8"},
    )  # fmt: skip
    for phrase in SAID["en"]:
        assert phrase in result.stdout + result.stderr
    for phrase in SAID["vi"]:
        assert phrase not in result.stdout + result.stderr
    assert f"⚠ {bundled_note(Formatter('en'))}" in result.stdout


def test_validate_in_vietnamese_names_every_kind_of_problem(tmp_path: Path) -> None:
    files = {
        "dup.toml": MINI.replace('id = "portal-report"', 'id = "portal-launch"'),
        "platform.toml": MINI.replace(
            'platform = "portal"\nindicator', 'platform = "portl"\nindicator'
        ),
        "syntax.toml": MINI + "\nbroken = = 1\n",
        "date.toml": MINI.replace("as_of = 2021-11-23", 'as_of = "23/11/2021"'),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("--lang", "vi", "validate", *(str(tmp_path / n) for n in files), str(tmp_path))
    err = result.stderr
    assert "milestones[1].id: id 'portal-launch' bị trùng (lần đầu ở milestones[0])" in err
    assert "observations[0].platform: không có nền tảng 'portl'; có phải ý bạn là 'portal'?" in err
    assert (
        f"{tmp_path / 'syntax.toml'}:{len(MINI.splitlines()) + 2}:10: giá trị không hợp lệ" in err
    )
    assert "cần một ngày TOML, ví dụ 2021-11-23 (nhận được '23/11/2021')" in err
    assert f"{tmp_path}: là một thư mục, không phải tệp dòng thời gian" in err
    assert "duplicate" not in err and "unknown" not in err and "directory" not in err


def test_list_names_an_unknown_platform_in_vietnamese(mini: Path) -> None:
    result = run("--lang", "vi", "list", "--data", str(mini), "--platform", "nope")
    assert result.returncode == 2
    assert "không có nền tảng 'nope'" in result.stderr and "unknown" not in result.stderr


def test_validate_prints_findings_in_the_language_chosen(tmp_path: Path) -> None:
    falling = MINI + (
        '\n[[milestones]]\nid = "later"\ndate = 2022-06-30\nplatform = "portal"\nkind = "report"\n'
        'title = { vi = "x", en = "x" }\nsummary = { vi = "x", en = "x" }\nsources = ["src-a"]\n'
        '\n[[observations]]\nid = "fall"\nplatform = "portal"\nindicator = "accounts"\n'
        'value = 900_000\nbasis = "cumulative"\nas_of = 2022-06-30\nsource = "src-a"\nquote = "q"\n'
    )
    path = tmp_path / "falling.toml"
    path.write_text(falling, encoding="utf-8")
    vi = run("--lang", "vi", "validate", str(path)).stdout
    en = run("--lang", "en", "validate", str(path)).stdout
    assert "⚠ Cổng DVCQG: Tài khoản đăng ký: số lũy kế giảm từ hơn 1,2 triệu (23/11/2021)" in vi
    assert "⚠ Portal: Registered accounts: the running total falls from over 1.2 million" in en
