"""Private sections (Wagtail's page view restrictions) without a query per page view.

The site has none in practice, yet Wagtail asks the database on every page served (the page's
ancestors, then their restrictions) and on every `.public()` queryset. Whether any restriction
exists at all is cached and forgotten whenever one is saved or deleted; only when one exists
does Wagtail's own check run.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

KEY = "practices:any-view-restriction"


def any_view_restriction() -> bool:
    value = cache.get(KEY)
    if value is None:
        value = PageViewRestriction.objects.exists()
        cache.set(KEY, value, None)
    return value


def forget(**kwargs) -> None:
    cache.delete(KEY)


post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="practices.visibility.save")
post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="practices.visibility.delete")


class CheapViewRestrictionsMixin:
    """For page models: no restriction anywhere means none on this page, with no query."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def public(queryset):
    """`queryset.public()`, skipping the restrictions query when there are none."""
    return queryset.public() if any_view_restriction() else queryset
