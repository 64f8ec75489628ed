"""Wagtail's site lookup without a query per request.

Wagtail finds the request's Site with a query on every request (Site.find_for_request keeps it
only on the request object), then loads the site's root page in its specific class with another
before routing. Both are kept here in the default cache, under the page cache's generation
(kb/cache.py): saving a Site or publishing, moving or deleting any page bumps it, so a renamed
host or an edited home page is seen at once. Wagtail reads `request._wagtail_site` first: the
middleware makes it a lazy attribute, so a view that never asks for the site (a redirect, a
JSON answer) never pays for the lookup.
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils.functional import cached_property
from wagtail.models import Site

from .cache import generation

CACHE_SECONDS = 3600


def cached_site(request):
    # the raw host, as Wagtail's lookup: no ALLOWED_HOSTS check here (CommonMiddleware makes it)
    host, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    key = f"kb:site:{generation()}:{host}:{port}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)  # Wagtail's own lookup, without its per-request memo
        if site is None:
            return None
        # Routing starts from the specific root page (Wagtail's serve() asks for `.specific`,
        # which is then the instance itself).
        site.root_page = site.root_page.specific
        cache.set(key, site, CACHE_SECONDS)
    return site


_request_classes: dict[type, type] = {}


def _with_lazy_site(request_class: type) -> type:
    """The request's class with `_wagtail_site` computed on first access (hasattr included)."""
    if request_class not in _request_classes:

        class LazySiteRequest(request_class):
            _wagtail_site = cached_property(cached_site)

        _request_classes[request_class] = LazySiteRequest
    return _request_classes[request_class]


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.__class__ = _with_lazy_site(type(request))
        return self.get_response(request)
