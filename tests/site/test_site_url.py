"""The Site record follows SITE_URL (set_site, run by docker-compose and make data), so that the
sitemap and the API give the site's real address instead of http://localhost/."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_set_site_points_the_sitemap_and_the_api_at_site_url(client, practice_world, settings):
    settings.ALLOWED_HOSTS = ["partager.example.org", "testserver"]
    call_command("set_site", "--url", "https://partager.example.org", stdout=io.StringIO())
    sitemap = client.get("/sitemap.xml", HTTP_HOST="partager.example.org").content.decode()
    assert "https://partager.example.org/pratiques/msp-murat/" in sitemap
    assert "localhost" not in sitemap
    data = client.get("/api/v2/pratiques/", HTTP_HOST="partager.example.org").json()
    assert all(item["meta"]["html_url"].startswith("https://partager.example.org/") for item in data["items"])

    out = io.StringIO()
    call_command("set_site", "--url", "https://partager.example.org", stdout=out)
    assert "already" in out.getvalue()


@pytest.mark.parametrize("url", ["partager.example.org", "ftp://x.org", "https://x.org:99999"])
def test_set_site_refuses_a_malformed_url(site_tree, url):
    with pytest.raises(CommandError, match="SITE_URL"):
        call_command("set_site", "--url", url, stdout=io.StringIO())
