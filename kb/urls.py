from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("opendata.urls")),  # robots.txt, sitemap.xml, feeds, API v2, open data
    path("recherche/", include("search.urls")),
    path("", include("contributions.urls")),
    path("", include("practices.urls")),
    path("", include("neighbours.urls")),
    path("", include("alerts.urls")),
    path("", include("selections.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
