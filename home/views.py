"""Error pages in the site layout. The 500 page must not query the database: it may be what
failed (the 404 page shows the editable header and footer)."""

from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
