"""Accent folding, the one definition every part of the site uses (search analysis, the commune
picker, URL-safe keys): lowercase, diacritics removed, ligatures spelt out."""

import unicodedata


def _folding_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        ch = chr(code).lower()
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii():
            table[code] = base
            if len(ch) == 1:
                table[ord(ch)] = base
    table.update({ord("œ"): "oe", ord("æ"): "ae", ord("’"): "'", ord("ß"): "ss"})
    return table


_FOLD = _folding_table()


def fold(text: str) -> str:
    """Lowercase and strip diacritics ("Œuvre Été" → "oeuvre ete")."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
