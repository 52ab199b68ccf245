"""The timeline of milestones and their figures: model, loading, checks, queries, export.

Pydantic's plugins stay off in this process. A plugin is an entry point of any installed
package, imported and run when a model is first built; nothing vn-egov does uses one,
and a package read from disk must not run code inside the checker of a file. Looking
for them also scanned every installed package's metadata at each start (10 to 15 ms of
the explorer's 300). A value set by whoever runs the program is kept.
"""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
