"""Which practices hold each full-text query of the embedded engine, as bitmaps each process
keeps for the index state it read them in.

A search asks the index which practices hold each alternative of its concepts (the reader's
words and their synonyms). Searches share most of their words (« maison », « santé »,
« mobilité »…), and at 10,000 practices reading and decoding a common word's practices was a
third of the engine's time, growing with the base. Like the facet bitmaps
(search.engines.facet_sets), they are kept under the index token: a search asks only for the
alternatives this process does not hold for the token its statement returns, and when the
token changed since, everything is read again in one statement."""

import threading
from collections import OrderedDict

# a bitmap is a bit per practice: 1,000 of them weigh 1.2 MiB at 10,000 practices, 6 MiB at 50,000
MAX_ENTRIES = 1000


class Postings:
    """The bitmaps of one index state, the least recently used dropped beyond `max_entries`.
    A lock keeps a threaded server's searches from reading one state's bitmaps under another's
    token."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._token: int | None = None
        self._bits: OrderedDict[str, int] = OrderedDict()

    def lookup(self, queries: list[str]) -> tuple[int | None, dict[str, int]]:
        """The token of the state held, and the bitmaps held of these queries."""
        with self._lock:
            have = {}
            for query in queries:
                if query in self._bits:
                    self._bits.move_to_end(query)
                    have[query] = self._bits[query]
            return self._token, have

    def keep(self, token: int | None, found: dict[str, int]) -> None:
        """Bitmaps read in the index state `token` (None: a state without a token, never kept)."""
        with self._lock:
            if token != self._token:
                self._bits.clear()
                self._token = token
            if token is None:
                return
            self._bits.update(found)
            while len(self._bits) > self.max_entries:
                self._bits.popitem(last=False)


current = Postings()
