"""`python -m tui` is `vn-egov`."""

from tui.cli import run

run()
