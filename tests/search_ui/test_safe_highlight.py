"""safe_highlight: an engine's extract reaches the page as escaped text and <mark> tags only."""

import html
import random

from search.views import _text_escaped, safe_highlight


def test_text_between_marks_is_unescaped_then_escaped_as_before_whatever_it_holds():
    """_text_escaped takes a short cut for text as html.escape writes it: the same result as
    unescaping and escaping again, on that text and on anything else."""
    rng = random.Random(2026)
    alphabet = list("ab &;#<>\"'x27") + ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#39;", "&amp", "&eacute;", "&#x3c;"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for part in (text, html.escape(text), html.escape(text, quote=False)):
            assert _text_escaped(part) == html.escape(html.unescape(part), quote=False), repr(part)


def test_only_mark_tags_are_kept():
    fragment = "l&#x27;<mark>école</mark> &lt;b&gt; <b>gras</b> &quot;x&quot; <mark>x</mark>"
    assert safe_highlight(fragment) == "l'<mark>école</mark> &lt;b&gt; &lt;b&gt;gras&lt;/b&gt; \"x\" <mark>x</mark>"
