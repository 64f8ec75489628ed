"""{{ value|richtext|sanitized }}: contributors' HTML is sanitised again at display time, so that
a value stored before sanitising existed (or written around it) never reaches a reader raw."""

from django import template
from django.utils.safestring import mark_safe

from practices.sanitize import sanitize_rich_text

register = template.Library()


@register.filter
def sanitized(html):
    return mark_safe(sanitize_rich_text(str(html)))  # noqa: S308  (bleach output: allow-listed tags only)
