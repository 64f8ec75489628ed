"""Sanitising the HTML contributors write (rich-text sections, imported write-ups).

The allow-list is exactly what the rich-text editor can produce (paragraphs, bold, italic,
lists, links, line breaks, h2/h3 where enabled) plus the attributes of Wagtail's storage format
(``<a linktype="page" id="3">``, ``data-block-key``), so that a clean value survives a round
trip through the editor unchanged, and anything else (scripts, styles, event handlers, iframes,
``javascript:`` links, images smuggled in by an import) is removed.
"""

import re

import bleach

ALLOWED_TAGS = frozenset({"p", "b", "strong", "i", "em", "ol", "ul", "li", "a", "br", "h2", "h3"})
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
BLOCK_TAGS = {"p", "li", "ol", "ul", "h2", "h3"}
LINK_TYPES = {"page", "document"}

# Elements whose content is code or invisible, dropped with their content (bleach would keep
# the text of a stripped <script> as visible text).
DROPPED_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|embed|template|noscript|svg|math|textarea|select)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
TAG = re.compile(r"<[^>]*>")


def _allowed_attribute(tag, name, value):
    if tag == "a":
        if name == "href":
            return True  # the protocol allow-list is enforced by bleach
        if name == "linktype":
            return value in LINK_TYPES
        if name == "id":
            return value.isdigit()
        return False
    if tag in BLOCK_TAGS and name == "data-block-key":
        return re.fullmatch(r"[\w-]{1,20}", value) is not None
    return False


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitize_rich_text(html: str | None) -> str:
    """The same HTML with everything the rich-text editor cannot produce removed."""
    if not html:
        return ""
    html = DROPPED_WITH_CONTENT.sub("", str(html))
    return _cleaner.clean(html)


def is_blank_rich_text(html: str | None) -> bool:
    """True when the HTML shows no text (an untouched editor posts an empty paragraph)."""
    if not html:
        return True
    text = TAG.sub("", str(html)).replace("&nbsp;", " ").replace("\xa0", " ")
    return not text.strip()
