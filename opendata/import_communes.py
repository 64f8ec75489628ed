"""The commune of an imported row, from any code of the official list.

A write-up may name a commune déléguée or associée (a town that merged) or a municipal
arrondissement (Paris, Lyon, Marseille): the commune table holds them, the export writes their
code, and the import attaches the practice to the CURRENT commune they belong to, keeping the
former name as a keyword so that readers searching for it still find the write-up.
"""

import json
import logging
import unicodedata

from django.conf import settings

from practices.models import Commune

logger = logging.getLogger(__name__)
# Municipal arrondissements → their commune (also in the official file; these need no file).
DISTRICT_PARENTS = {"751": "75056", "132": "13055", "693": "69123"}


def _folded(name: str) -> str:
    text = unicodedata.normalize("NFKD", name or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().replace("-", " ").strip()


class CommuneResolver:
    def __init__(self):
        self._by_code = None   # code → [(pk, kind, name)]
        self._parents = None   # code of a non-current commune → code of its current commune
        self._instances = {}

    def _rows(self, code):
        if self._by_code is None:
            self._by_code = {}
            for pk, insee, kind, name in Commune.objects.values_list("pk", "insee_code", "kind", "name"):
                self._by_code.setdefault(insee, []).append((pk, kind, name))
        return self._by_code.get(code, [])

    def _parent_code(self, code):
        if self._parents is None:
            self._parents = {}
            path = settings.COMMUNES_DATA_DIR / "communes.json"
            try:
                for row in json.loads(path.read_text(encoding="utf-8")):
                    parent = row.get("chefLieu") or row.get("commune")
                    if row.get("type") != Commune.Kind.CURRENT and parent:
                        self._parents[row["code"]] = parent
            except (OSError, ValueError) as error:
                logger.warning("import: the official commune file %s is unreadable (%s)", path, error)
        return self._parents.get(code) or (DISTRICT_PARENTS.get(code[:3]) if len(code) == 5 else None)

    def _instance(self, pk):
        """The commune as a bare instance (its pk is all a page's foreign key needs): a query per
        row would be most of the cost of validating a large file."""
        if pk not in self._instances:
            self._instances[pk] = Commune(pk=pk)
        return self._instances[pk]

    def resolve(self, code: str, name: str = ""):
        """(current commune, former name to keep or "", French problem or "")."""
        if not code:
            return None, "", ""
        rows = self._rows(code)
        if not rows:
            return None, "", f"code INSEE de commune inconnu « {code[:20]} »"
        current = [(pk, n) for pk, kind, n in rows if kind == Commune.Kind.CURRENT]
        others = [(pk, kind, n) for pk, kind, n in rows if kind != Commune.Kind.CURRENT]
        if current:
            # A commune déléguée may share the code of the commune it merged into: the exported
            # name tells which one the write-up was about.
            pk, current_name = current[0]
            former = ""
            if name and _folded(name) != _folded(current_name):
                former = next((n for _, _, n in others if _folded(n) == _folded(name)), "")
            return self._instance(pk), former, ""
        former = others[0][2]
        parent = self._parent_code(code)
        parent_rows = [pk for pk, kind, _ in self._rows(parent or "") if kind == Commune.Kind.CURRENT]
        if not parent_rows:
            return None, "", f"la commune « {former} » ({code}) n'est plus une commune et sa commune de rattachement est introuvable"
        return self._instance(parent_rows[0]), former, ""
