"""Anonymous full-page cache for the public pages (home, practice, index, theme, map).

Only what every anonymous visitor sees alike is cached: GET/HEAD without a query string,
without a session or messages cookie, answered 200 in HTML (or sitemap.xml) by an allow-listed view, without
a cookie set and without a CSRF token used. Every published change empties it at once:
Wagtail's publish, unpublish, slug-change and move signals, and any save or delete of what
pages show besides their content (snippets, site settings, images, documents, the commune
reference…), bump a generation number that is part of every key. Drafts, revisions and search
statistics never do. The CSP nonce baked into a cached page is swapped for the request's own nonce.

The cache alias "pages" must be shared by every worker (file-based by default, Redis when
REDIS_URL is set); PAGE_CACHE_SECONDS=0 turns the cache off (the default outside production).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse

logger = logging.getLogger(__name__)

ALIAS = "pages"
GENERATION_KEY = "pagecache:generation"
CACHED_VIEWS = {"wagtail_serve", "practice_map", "sitemap"}
# sitemap.xml lists every live page: 2 s of a worker at 10,000 write-ups, for each crawler's visit.
CACHED_TYPES = ("text/html", "application/xml")
# ppi_commune: the reader's commune (communes/reader.py) personalises the home page.
BYPASS_COOKIES = {"sessionid", "messages", "ppi_commune"}
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link", "X-Robots-Tag")
# What public pages show besides page content: written only by editors' deliberate changes.
# Snippets (themes, funders…) and site settings are added to this list when signals connect.
# Never listed: drafts and revisions, search statistics, logs, renditions — a draft save or a
# search that finds nothing must not empty every worker's cache.
CONTENT_MODELS = {
    "communes.region", "communes.department", "communes.commune",
    "contributions.projectleadprofile",  # the author box of practice pages
    "taggit.tag", "wagtailimages.image", "wagtaildocs.document",
    "wagtailcore.site", "wagtailcore.pageviewrestriction", "wagtailcore.collectionviewrestriction",
    "wagtailredirects.redirect",
}


def _seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _cache():
    return caches[ALIAS]


def generation() -> int:
    value = _cache().get(GENERATION_KEY)
    if value is None:
        value = 1
        _cache().add(GENERATION_KEY, value, None)
    return value


def invalidate(**kwargs) -> None:
    """Empty the page cache: every key carries the generation, so bumping it is enough."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def content_models() -> set[str]:
    from wagtail.snippets.models import get_snippet_models

    return set(CONTENT_MODELS) | {model._meta.label_lower for model in get_snippet_models()} | settings_models()


def settings_models() -> set[str]:
    from wagtail.contrib.settings.registry import registry

    return {model._meta.label_lower for model in registry}


def _on_write(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or kwargs.get("raw"):  # raw: loaddata
        return
    label = meta.label_lower
    if kwargs.get("created") and label in settings_models():
        return  # a site's settings row created with its defaults on first read: nothing changed
    if label in content_models():
        invalidate()


def connect_signals():
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    post_save.connect(_on_write, dispatch_uid="kb.cache.post_save")
    post_delete.connect(_on_write, dispatch_uid="kb.cache.post_delete")
    # Wagtail unpublishes a live page being deleted without sending page_unpublished
    post_delete.connect(invalidate, sender=Page, dispatch_uid="kb.cache.page_delete")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"kb.cache.{id(signal)}")


def _key(request) -> str:
    raw = f"{request.get_host()}{request.path}".encode()
    return f"pagecache:{generation()}:{request.method == 'HEAD'}:{hashlib.sha256(raw).hexdigest()}"


def _request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return False
    if BYPASS_COOKIES & set(request.COOKIES):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware, inside CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request._page_cache_key = None
        if _seconds() <= 0 or request.resolver_match is None:
            return None
        if request.resolver_match.view_name not in CACHED_VIEWS or not _request_is_cacheable(request):
            return None
        try:
            key = _key(request)
            entry = _cache().get(key)
        except Exception:  # noqa: BLE001 — a broken cache must never break the page
            logger.warning("page cache unavailable", exc_info=True)
            return None
        if entry is None:
            request._page_cache_key = key
            return None
        content, headers, nonce = entry
        if nonce:
            content = content.replace(nonce.encode(), str(request.csp_nonce).encode())
        response = HttpResponse(content, status=200)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self._response_is_cacheable(request, response):
            nonce = getattr(request, "_csp_nonce", None)
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            try:
                _cache().set(key, (response.content, headers, nonce), _seconds())
                response["X-Page-Cache"] = "miss"
            except Exception:  # noqa: BLE001
                logger.warning("page cache unavailable", exc_info=True)
        return response

    @staticmethod
    def _response_is_cacheable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith(CACHED_TYPES):
            return False
        if request.META.get("CSRF_COOKIE_USED"):
            return False  # the page carries a CSRF token
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
