"""The reader's own commune, remembered in a cookie: no account, nothing stored on the server.

The cookie holds an INSEE code only; anything else in it is ignored, as if it were not set.
"""

import re

from django.conf import settings

from .models import Commune

COOKIE = "ppi_commune"
MAX_AGE = 365 * 24 * 3600
_INSEE = re.compile(r"^\d[\dAB]\d{3}$")


def reader_commune(request) -> Commune | None:
    """The commune the reader stated, with its département and région, or None."""
    if hasattr(request, "_reader_commune"):
        return request._reader_commune
    code = request.COOKIES.get(COOKIE, "")
    commune = None
    if _INSEE.match(code):
        commune = (
            Commune.objects.filter(insee_code=code, kind=Commune.Kind.CURRENT)
            .select_related("department__region", "epci")
            .first()
        )
    request._reader_commune = commune
    return commune


def remember(response, commune: Commune) -> None:
    response.set_cookie(COOKIE, commune.insee_code, max_age=MAX_AGE, samesite="Lax", httponly=True, secure=settings.SESSION_COOKIE_SECURE)


def forget(response) -> None:
    response.delete_cookie(COOKIE, samesite="Lax")
