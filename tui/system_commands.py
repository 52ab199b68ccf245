"""Textual's system commands (Theme, Quit, Keys, Maximize, Screenshot), in the reader's
language.

Textual words them in English inside `App.get_system_commands`; the app yields these
instead, with the same actions, so that the palette of a Vietnamese reader holds no
English. The screenshot is saved where it can be: the Downloads folder when there is
one, else the current folder, and the notice says where (Textual's own fails with no
path when ~/Downloads does not exist). In a browser it downloads, as Textual's does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.css.query import NoMatches
from textual.screen import Screen

from tui.language import _
from tui.safe import clean

if TYPE_CHECKING:
    from textual.app import App

SCREENSHOT = "vn-egov-screenshot"  # the delivery's name, to tell its completion apart


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    yield SystemCommand(
        _("Theme"), _("Change the colours of the whole interface (t)"), app.action_change_theme
    )
    yield SystemCommand(_("Quit"), _("Quit vn-egov (q)"), app.action_quit)
    # The panel by its type's name: its module (and Textual's KeyPanel) is imported only
    # when the panel is first shown, not with every start.
    if screen.query("KeysPanel"):
        yield SystemCommand(
            _("Keys"), _("Hide the panel of keys"), lambda: screen.query("KeysPanel").remove()
        )
    else:
        yield SystemCommand(
            _("Keys"),
            _("Show the keys that work here in a panel beside the screen"),
            lambda: show_keys(screen),
        )
    if screen.maximized is not None:
        yield SystemCommand(
            _("Minimize"), _("Give the enlarged pane back its place"), screen.action_minimize
        )
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(
            _("Maximize"), _("Enlarge the focused pane to the whole screen"), screen.action_maximize
        )
    yield SystemCommand(
        _("Screenshot"),
        _("Save a picture of the screen as an SVG file"),
        lambda: app.set_timer(0.1, lambda: save_screenshot(app)),  # once the palette closed
    )


def show_keys(screen: Screen[Any]) -> None:
    from tui.widgets.keys_panel import KeysPanel

    try:
        screen.query_one(KeysPanel)
    except NoMatches:
        screen.mount(KeysPanel())


def screenshot_folder() -> Path:
    """The Downloads folder if it exists, else the current folder."""
    from platformdirs import user_downloads_path

    downloads = user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


def screenshot_name(folder: Path, now: dt.datetime) -> Path:
    """vn-egov-2026-12-01-23-05-09.svg, or with -2, -3… if that exists already."""
    stem = f"vn-egov-{now:%Y-%m-%d-%H-%M-%S}"
    path = folder / f"{stem}.svg"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.svg"
    return path


def save_screenshot(app: App[Any]) -> None:
    now = dt.datetime.now()
    if app.is_web:  # a download (VnEgovApp.deliver_screenshot); the app says when it is done
        app.deliver_screenshot(filename=screenshot_name(Path("."), now).name)
        return
    svg = app.export_screenshot()
    folder = screenshot_folder()
    path = screenshot_name(folder, now)
    try:
        with open(path, "x", encoding="utf-8") as out:
            out.write(svg)
    except OSError as exc:
        app.notify(
            _("Could not save the screenshot in {folder}: {reason}").format(
                folder=clean(str(folder)), reason=clean(exc.strerror or str(exc))
            ),
            title=_("Screenshot"),
            severity="error",
            markup=False,
        )
        return
    app.notify(
        _("Saved {name}").format(name=clean(path.name))
        + "\n"
        + _("Folder: {folder}").format(folder=clean(str(path.parent))),
        title=_("Screenshot"),
        markup=False,
    )
