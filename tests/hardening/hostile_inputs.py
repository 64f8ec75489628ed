"""The hostile-input corpus shared by tests/hardening/test_hostile_inputs.py (no response ≥ 500,
a French message on every 400) and bench/hostile.py (server time per case).

A case is (label, path, query string already encoded). Texts cover quotes, the query syntax of
SQLite FTS5 and PostgreSQL tsquery, SQL and HTML injection, control and exotic characters, a
10,000-character text, 2,000 words, 600 and 30+ themes, 1,000 repeated parameters.
"""

from urllib.parse import quote, urlencode

THEMES = ["sante", "mobilite", "numerique", "nature-en-ville", "services-publics", "commerce", "habitat",
          "patrimoine-culture", "transition-ecologique", "participation-citoyenne", "economie-tourisme"]

QUOTES = ['"', '"santé', 'santé"', '""', '"""', "'", "''", "l'école", "`", "«santé»", '"maison de santé',
          'maison "de" santé', "\\\"", "\\"]
FTS5 = ["NEAR(maison santé)", "NEAR(maison santé, 2)", "maison AND", "AND", "OR", "NOT", "maison NOT", "NOT santé",
        "a OR OR b", "title:santé", "summary : santé", "{title summary}: santé", "santé*", "*", "sant*", "^santé",
        "-santé", "+santé", "maison + santé", "(", ")", "((((maison", "maison)))", "(maison OR", "santé:", ":",
        "\"a\" NEAR \"b\"", "MATCH", "bm25(x)", "highlight(", "a:*", "AND OR NOT NEAR"]
TSQUERY = ["a & b", "a | b", "!a", "!!", "a <-> b", "a <2> b", "<->", "<", ">", "a:*", "a:A", "a:ABCD", "&", "|",
           "&&", "||", "!(a & b)", "'a' & 'b'", "a & ", "| a", "()", "a & !b | c", "santé:* & mobilité:B",
           "to_tsquery('x')", "plainto_tsquery"]
INJECTION = ["' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE wagtailcore_page; --", "1; SELECT pg_sleep(5)",
             "%", "%%", "_", "%_%", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
             "{{7*7}}", "{% debug %}", "${jndi:ldap://x}", "../../etc/passwd", "%00", "%2e%2e%2f", "\\x00",
             "javascript:alert(1)", "SELECT * FROM practices_practicepage", "UNION SELECT", "/*", "*/", "--", ";"]
CHARACTERS = ["\x00", "a\x00b", "\x01\x02\x03", "\x1b[31m", "\t", "\r\n", "\n\n\n", "\u200b", "\u202eevil", "\ufeff",
              "🤖", "🏥 santé", "𝕊𝕒𝕟𝕥é", "é" * 300, "ﬁ", "İstanbul", "ß", "Ⅻ", "٣", "مرحبا", "中文 搜索", "a\u0301" * 50,
              "\ud7ff", "\uffff", "\U0010ffff", " ", "   ", "", "0", "-1", "1e309", "NaN", "inf", "null", "None",
              "true", "[1,2]", "{}", "9" * 40, "0x10"]
LONG = ["a" * 10_000, "santé " * 2_000, " ".join(f"mot{i}" for i in range(2_000)), "é" * 10_000,
        "maison de santé " * 700, "\"" * 5_000, "(" * 3_000, "a OR " * 1_000, "a & " * 1_500, "*" * 4_000]
TEXTS = QUOTES + FTS5 + TSQUERY + INJECTION + CHARACTERS + LONG

SEARCH_ENDPOINTS = [
    ("/recherche/", "q"),
    ("/recherche/suggestions/", "q"),
    ("/api/v2/pratiques/", "search"),
    ("/api/v2/pages/", "search"),
]


def qs(pairs) -> str:
    return urlencode(pairs, quote_via=quote)


def cases() -> list[tuple[str, str, str]]:
    out = []
    for path, param in SEARCH_ENDPOINTS:
        for i, text in enumerate(TEXTS):
            out.append((f"{param}#{i} {text[:30]!r}", path, qs([(param, text)])))
        # 1,000 repeated parameters, and the text as the value of every filter
        out.append(("1000 repeated", path, qs([(param, "santé")] * 1000)))
        out.append(("999 repeated", path, qs([(param, "santé")] * 999)))
        out.append(("1000 distinct", path, qs([(f"p{i}", "x") for i in range(1000)])))
    themes = {
        "30 themes": ",".join((THEMES * 3)[:30]),
        "600 themes": ",".join((THEMES * 60)[:600]),
        "unknown theme": "astronomie",
        "empty themes": ",,,,",
        "all themes": ",".join(THEMES),
        "quoted theme": '"sante"',
        "theme with NUL": "sante\x00",
    }
    for label, value in themes.items():
        out.append((label, "/api/v2/pratiques/", qs([("thematique", value)])))
        out.append((label + " + search", "/api/v2/pratiques/", qs([("thematique", value), ("search", "maison")])))
        out.append((label + " (page)", "/recherche/", qs([("thematique", v) for v in value.split(",")])))
    for name in ("region", "departement", "phase"):
        for text in QUOTES[:6] + INJECTION[:8] + CHARACTERS[:8] + ["84", "2A", "971", "realise", "a" * 10_000]:
            out.append((f"{name}={text[:20]!r}", "/api/v2/pratiques/", qs([(name, text)])))
            out.append((f"{name}={text[:20]!r} (page)", "/recherche/", qs([(name, text), ("q", "santé")])))
    for name, values in {
        "search_operator": ["and", "or", "xor", "", "\x00"],
        "limit": ["-1", "0", "20", "21", "1e9", "abc", "99999999999999999999"],
        "offset": ["-1", "0", "100000", "1e9", "abc", "99999999999999999999"],
        "order": ["title", "-title", "random", "?", "id,random", "nope", "\x00", "-" * 300],
        "fields": ["*", "-title", "_,title", "nope", "title(body)", "\x00", "a" * 300],
        "type": ["practices.PracticePage", "x.Y", "nope", "\x00"],
        "child_of": ["-1", "abc", "0", "999999999"],
        "descendant_of": ["-1", "abc", "999999999"],
        "slug": ["msp-murat", "\x00", "'"],
    }.items():
        for value in values:
            for path in ("/api/v2/pratiques/", "/api/v2/pages/"):
                out.append((f"{name}={value[:20]!r}", path, qs([(name, value), ("search", "santé")])))
                out.append((f"{name}={value[:20]!r} no search", path, qs([(name, value)])))
    for value in ["-1", "0", "abc", "99999999999", "1e9", "500", "501"]:
        out.append((f"page={value}", "/recherche/", qs([("page", value), ("q", "santé")])))
    for value in ["", "-1", "abc", "9" * 30, "1000"]:
        out.append((f"limit={value}", "/recherche/suggestions/", qs([("limit", value), ("q", "san")])))
    return out
