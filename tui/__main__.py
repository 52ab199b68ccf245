"""`python -m tui` is `vn-egov`."""

from tui.start import run

run()
