from django import template

from contributions.review import REPLY_MAX_LENGTH, review_exchange

register = template.Library()


@register.simple_tag
def review_exchange_for(page):
    return review_exchange(page) if page is not None and page.pk else None


@register.simple_tag
def reply_max_length():
    return REPLY_MAX_LENGTH
