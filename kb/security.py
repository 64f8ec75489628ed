"""Security middleware and hooks: the admin's own CSP, blocked media paths, axes callables."""

import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.utils.html import escape

logger = logging.getLogger("axes")


class CSPPolicyMiddleware:
    """Complete django-csp's middleware: a nonce on every public page, the admin's own policy.

    Placed after csp.middleware.CSPMiddleware in MIDDLEWARE. django-csp makes
    ``request.csp_nonce`` lazy, and a lazy nonce is falsy until read, so templates written
    ``{% if request.csp_nonce %}`` (django-dsfr's ``dsfr_js`` among them) would drop it: the
    nonce is read here, up front. On the way back it hands CSPMiddleware a complete, looser
    policy (``response._csp_config``) for the Wagtail admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        str(request.csp_nonce)
        response = self.get_response(request)
        if request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            previewed = response.get("Content-Security-Policy")
            if previewed:
                # A page preview: Wagtail rendered the public page through the whole middleware
                # stack with a dummy request, so it carries the strict public policy. Keep it,
                # but let the editor frame it.
                response["Content-Security-Policy"] = previewed.replace(
                    "frame-ancestors 'none'", "frame-ancestors 'self'"
                )
            else:
                response._csp_config = dict(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return response


class BlockedMediaMiddleware:
    """Refuse direct access to uploaded originals (original_images/, documents/) under MEDIA_URL.

    In production the reverse proxy serves MEDIA_URL; it must exclude these prefixes too (see
    README). This makes the application refuse them whatever serves media in front of it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        media = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else "/" + settings.MEDIA_URL
        self.prefixes = tuple(media.rstrip("/") + "/" + p for p in settings.BLOCKED_MEDIA_PREFIXES)

    def __call__(self, request):
        if request.path_info.startswith(self.prefixes):
            return HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out user sees: a short French page, HTTP 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    body = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Connexion bloquée — Partager pour innover</title></head><body>"
        "<main><h1>Connexion temporairement bloquée</h1>"
        f"<p>Trop de tentatives de connexion ont échoué. Réessayez dans {escape(minutes)} minutes, "
        "ou contactez l'équipe ANCT pour réinitialiser votre mot de passe.</p>"
        '<p><a href="/">Retour à l\'accueil</a></p></main></body></html>'
    )
    return HttpResponse(body, status=settings.AXES_HTTP_RESPONSE_CODE)


class TransactionalWritesMiddleware:
    """Run every write request (POST, PUT, PATCH, DELETE) in one database transaction.

    Wagtail's create and publish views save the page, its revision, its relations and its log
    in several steps; a failure half-way (database error, a bug in a hook) would leave a page
    without its revision. Here the whole request commits or nothing does, and a 5xx answer
    rolls back too. Reads stay outside transactions (ATOMIC_REQUESTS would make every GET take
    SQLite's write lock, since transactions are IMMEDIATE). Work registered with
    transaction.on_commit (search index updates) runs after the commit.
    """

    WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.WRITE_METHODS:
            return self.get_response(request)
        from django.db import transaction

        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for authentications that come from a web request.

    Axes refuses to run without a request (it counts attempts per address). Calls without one
    are not attempts from the web — management commands, Django's test client ``login()`` —
    so this backend stays out of them instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AxesHandler(AxesDatabaseHandler):
    """Two limits: AXES_FAILURE_LIMIT failures for one user name from one address, and the
    higher AXES_IP_FAILURE_LIMIT for one address whatever the user names (someone trying many
    accounts). AXES_LOCKOUT_PARAMETERS lists the two combinations in that order; axes compares
    the largest count with one limit, so the per-address count is scaled to it here."""

    def get_failures(self, request, credentials=None) -> int:
        from django.db.models import Sum

        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        if len(counts) < 2:
            return max(counts, default=0)
        per_user, per_address = counts[0], counts[1]
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_IP_FAILURE_LIMIT
        scaled = per_address * limit // address_limit
        if scaled >= limit > per_user and not getattr(request, "_ppi_address_lock_logged", False):
            request._ppi_address_lock_logged = True
            logger.warning("AXES: address %s locked out after %s failed logins across user names",
                           getattr(request, "axes_ip_address", "?"), per_address)
        return max(per_user, scaled)
