"""The site's URLs plus one plain view, for the benchmark only (kb/settings/bench.py)."""

from django.http import HttpResponse
from django.urls import path

from .urls import handler404, handler500  # noqa: F401
from .urls import urlpatterns as site_urlpatterns

PLAIN_URL = "/__bench__/plain/"


def plain(request):
    """What any Django view costs through the site's middleware: no query, no template."""
    return HttpResponse('<!DOCTYPE html><html lang="fr"><title>Banc d\'essai</title><p>Bonjour.</p></html>')


urlpatterns = [path(PLAIN_URL.strip("/") + "/", plain, name="bench_plain"), *site_urlpatterns]
