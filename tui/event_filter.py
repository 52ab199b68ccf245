"""Which events the explorer shows: a platform family's, narrowed by a search.

Plain state, no widgets: the explorer asks it for the rows after every change and hands
them to the list, the ruler and the counts (tests/test_event_filter.py drives it alone).
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.queries import Queries
from timeline.search import terms


class EventFilter:
    def __init__(self, queries: Queries) -> None:
        self.queries = queries
        self.platform: str | None = None
        self.query = ""
        self.rows: Sequence[int] = range(len(queries.events))
        # The query the current rows answer, when they answer one: a longer query can
        # only match fewer events, so it is searched among these rows only.
        self._answered = ""

    @property
    def waiting(self) -> bool:
        """A search is typed but the index is not there yet (a large timeline)."""
        return bool(self.query) and self.queries.search is None

    @property
    def can_step(self) -> bool:
        """Whether n/N have matches to step through."""
        return bool(self.query) and bool(self.rows)

    def set_platform(self, platform: str | None) -> bool:
        """Show one platform family (None: every event); True when that changed."""
        if platform == self.platform:
            return False
        self.platform = platform
        self._answered = ""
        return True

    def set_query(self, text: str) -> bool:
        """Search for `text` (surrounding spaces do not count); True when that changed."""
        text = text.strip()
        if text == self.query:
            return False
        self.query = text
        return True

    def clear_search(self) -> None:
        self.query = ""
        self._answered = ""

    def apply(self) -> Sequence[int]:
        """The rows (positions in `queries.events`) for the platform and the query."""
        base = self.queries.platform_rows(self.platform)
        index = self.queries.search
        previous = self._answered
        if not self.query or index is None:
            rows: Sequence[int] = base
            self._answered = ""
        elif previous and self.query.startswith(previous):
            rows = index.find(self.query, among=self.rows, known=terms(previous))
            self._answered = self.query
        else:
            rows = index.find(self.query, among=base)
            self._answered = self.query
        self.rows = rows
        return rows
