"""The timeline of milestones and their figures: model, loading, checks, queries, export.

Pydantic's plugins stay off in this process, whatever the environment says. A plugin is
an entry point of any installed package, imported and run when a model is first built;
nothing vn-egov does uses one, and a package read from disk must not run code inside the
checker of a file. Looking for them also imported importlib.metadata and scanned every
installed package's metadata at each start (10 ms of the explorer's 250).
"""

from timeline.compat import validate_with_pydantic_alone

validate_with_pydantic_alone()
