from tests.site.conftest import practice_world  # noqa: F401 — the same three live practices and a draft
