"""« Ma commune »: the reader states their commune once (name, INSEE code or postal code, the
same matching as the admin's chooser); a cookie remembers it until they remove it."""

import re

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from communes.chooser import search_communes
from communes.models import Commune
from communes.reader import forget, reader_commune, remember

MAX_RESULTS = 20
MAX_QUERY = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _next_url(request, default="/"):
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@require_http_methods(["GET", "HEAD"])
def my_commune(request):
    query = " ".join(_CONTROL.sub(" ", request.GET.get("q", "")).split())[:MAX_QUERY]
    results = None
    if query:
        current = Commune.objects.filter(kind=Commune.Kind.CURRENT).select_related("department")
        results = list(search_communes(current, query)[:MAX_RESULTS])
    context = {
        "reader_commune": reader_commune(request),
        "query": query,
        "results": results,
        "next": _next_url(request),
    }
    return render(request, "neighbours/my_commune.html", context)


@require_POST
def choose(request):
    code = (request.POST.get("insee") or "").strip()
    commune = Commune.objects.filter(insee_code=code[:5], kind=Commune.Kind.CURRENT).first() if code else None
    if commune is None:
        context = {"reader_commune": reader_commune(request), "query": "", "results": None, "next": _next_url(request),
                   "error": "Cette commune est introuvable. Recherchez-la par son nom, son code INSEE ou son code postal."}
        return render(request, "neighbours/my_commune.html", context, status=400)
    response = redirect(_next_url(request))
    remember(response, commune)
    return response


@require_POST
def remove(request):
    response = redirect(_next_url(request))
    forget(response)
    return response
