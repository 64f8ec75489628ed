"""Links to theme pages from before they became routes of the practice index keep working."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path

from .models import Theme


def theme_redirect(request, slug):
    url = get_object_or_404(Theme, slug=slug).get_absolute_url()
    if not url:
        raise Http404
    return redirect(url, permanent=True)


app_name = "practices"
urlpatterns = [path("thematiques/<slug:slug>/", theme_redirect, name="theme_redirect")]
