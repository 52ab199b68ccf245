"""`python -m tui` is `vn-egov`."""

from tui.cli import main

raise SystemExit(main())
