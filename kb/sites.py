"""Wagtail's site lookup without a query per request.

Wagtail finds the request's Site with a query on every request (Site.find_for_request keeps it
only on the request object), then loads the site's root page in its specific class with another
before routing. Both are kept here in the default cache, under the page cache's generation
(kb/cache.py): saving a Site or publishing, moving or deleting any page bumps it, so a renamed
host or an edited home page is seen at once. Wagtail reads `request._wagtail_site` first.
"""

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site

from .cache import generation

CACHE_SECONDS = 3600


def cached_site(request):
    host, port = split_domain_port(request.get_host())[0], request.get_port()
    key = f"kb:site:{generation()}:{host}:{port}"
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        # Routing starts from the specific root page (Wagtail's serve() asks for `.specific`,
        # which is then the instance itself).
        site.root_page = site.root_page.specific
        cache.set(key, site, CACHE_SECONDS)
    return site


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            site = cached_site(request)
        except DisallowedHost:
            site = None  # CommonMiddleware has answered 400 already; nothing to route
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)
