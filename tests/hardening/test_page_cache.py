"""The anonymous page cache: hits carry a fresh CSP nonce, publishing or unpublishing empties it,
logged-in users, query strings and pages with a CSRF token are never cached."""

import re

import pytest

from tests.factories import PracticePageFactory


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
    }
    from django.core.cache import caches

    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def practice(site_tree):
    return PracticePageFactory(parent=site_tree["index"], title="Navette des hameaux")


def _nonce(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_second_visit_is_served_from_the_cache_with_a_fresh_nonce(client, page_cache, practice):
    first = client.get(practice.url)
    second = client.get(practice.url)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert _nonce(first) != _nonce(second)
    html = second.content.decode()
    assert f'nonce="{_nonce(second)}"' in html and _nonce(first) not in html
    assert "Navette des hameaux" in html


def test_publishing_and_unpublishing_empty_the_cache(client, page_cache, practice, site_tree):
    client.get(practice.url)
    client.get(site_tree["home"].url)
    practice.title = "Navette à la demande des hameaux"
    practice.save_revision().publish()
    response = client.get(practice.url)
    assert response["X-Page-Cache"] == "miss" and "Navette à la demande des hameaux" in response.content.decode()
    assert client.get(site_tree["home"].url)["X-Page-Cache"] == "miss"
    client.get(practice.url)
    practice.unpublish()
    assert client.get(practice.url).status_code == 404


def test_the_sitemap_is_cached_until_a_publication(client, page_cache, practice, site_tree):
    """sitemap.xml lists every live page (seconds at 10,000 write-ups): built once per content state."""
    first, second = client.get("/sitemap.xml"), client.get("/sitemap.xml")
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content == first.content and second["Content-Type"].startswith("application/xml")
    assert practice.url in second.content.decode()
    newcomer = PracticePageFactory(parent=site_tree["index"], title="Tiers-lieu de la gare")
    response = client.get("/sitemap.xml")
    assert response["X-Page-Cache"] == "miss" and newcomer.url in response.content.decode()
    practice.unpublish()
    assert practice.url not in client.get("/sitemap.xml").content.decode()


def test_theme_edits_empty_the_cache(client, page_cache, practice):
    from practices.models import Theme

    url = "/pratiques/thematiques/sante/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    theme = Theme.objects.get(slug="sante")
    theme.description = "Maisons de santé, centres de santé, internes."
    theme.save()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_logged_in_users_query_strings_and_forms_are_not_cached(client, page_cache, practice, django_user_model):
    assert "X-Page-Cache" not in client.get(practice.url + "?utm=1")
    contact = client.get(f"/pratiques/{practice.pk}/contact/")
    assert "X-Page-Cache" not in contact
    user = django_user_model.objects.create_user("lectrice")
    client.force_login(user)
    assert "X-Page-Cache" not in client.get(practice.url)
    assert "X-Page-Cache" not in client.get(practice.url)


def test_the_cache_is_off_by_default(client, practice, settings):
    assert settings.PAGE_CACHE_SECONDS == 0
    assert "X-Page-Cache" not in client.get(practice.url)


@pytest.fixture
def shared_page_cache(settings, tmp_path):
    """The production layout: a file cache every worker process reads and writes."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path / "pages")},
    }
    from django.core.cache import caches

    yield caches["pages"]
    caches["pages"].clear()


def test_searches_drafts_and_statistics_leave_the_cache_intact(client, shared_page_cache, practice, site_tree, django_user_model):
    from search.stats import record_search

    for url in (practice.url, site_tree["home"].url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert "Aucun" in client.get("/recherche/?q=zzqxwv+kjhgf").content.decode()  # a search that finds nothing
    record_search("xylophone municipal", found=False)
    practice.title = "Brouillon qui ne doit pas encore paraître"
    practice.save_revision(user=django_user_model.objects.create_user("cheffe-brouillon"))
    for url in (practice.url, site_tree["home"].url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit"
        assert "Brouillon qui ne doit pas" not in response.content.decode()
    practice.get_latest_revision().publish()
    response = client.get(practice.url)
    assert response["X-Page-Cache"] == "miss" and "Brouillon qui ne doit pas" in response.content.decode()
