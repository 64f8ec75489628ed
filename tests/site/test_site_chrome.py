"""The header and footer come from a site setting editors change in the admin; the site plan
and the old theme URLs."""

import pytest
from wagtail.blocks import StructBlockValidationError

from home.blocks import LinkBlock

pytestmark = pytest.mark.django_db

STATE_LINKS = ["https://www.legifrance.gouv.fr", "https://www.info.gouv.fr", "https://www.service-public.gouv.fr",
               "https://www.data.gouv.fr"]


def test_footer_has_the_state_links_and_the_site_plan(client, practice_world):
    html = client.get("/").content.decode()
    for url in STATE_LINKS:
        assert f'href="{url}"' in html
    assert 'href="/plan-du-site/"' in html
    assert "Accessibilité : non conforme" in html


def test_an_editor_changes_the_footer_without_a_deployment(client, practice_world, site_tree):
    from wagtail.models import Site

    from home.models import SiteChrome

    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))
    chrome.tagline = "Les retours des Petites villes, par l’ANCT"
    chrome.footer_bottom_links = [("link", {"label": "Nous contacter", "url": "/contact/", "page": None})]
    chrome.save()
    html = client.get(site_tree["home"].url).content.decode()
    assert "Les retours des Petites villes, par l’ANCT" in html
    assert 'href="/contact/">Nous contacter' in html and "Mentions légales" not in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "mairie.fr"])
def test_a_link_must_be_an_address_or_a_path(url):
    with pytest.raises(StructBlockValidationError):
        LinkBlock().clean(LinkBlock().to_python({"label": "Lien", "url": url, "page": None}))


def test_site_plan_lists_every_theme_and_content_page_and_is_in_the_sitemap(client, practice_world, site_tree):
    from home.models import ContentPage

    site_tree["home"].add_child(instance=ContentPage(title="Mentions légales", slug="mentions-legales", body="<p>Éditeur : ANCT.</p>"))
    response = client.get("/plan-du-site/")
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>Plan du site</h1>" in html
    assert 'href="/pratiques/thematiques/sante/"' in html and 'href="/mentions-legales/"' in html
    assert "/plan-du-site/" in client.get("/sitemap.xml").content.decode()


def test_old_theme_urls_redirect_permanently(client, practice_world):
    response = client.get("/thematiques/sante/")
    assert response.status_code == 301 and response["Location"] == "/pratiques/thematiques/sante/"
    assert client.get("/thematiques/inconnue/").status_code == 404


def test_editors_may_change_the_header_and_footer(client, site_tree):
    from django.contrib.auth.models import Group, User

    editor = User.objects.create_user("editrice-chrome", password="motdepasse-de-test")
    editor.groups.add(Group.objects.get(name="Éditeurs ANCT"))
    client.force_login(editor)
    response = client.get("/admin/settings/home/sitechrome/", follow=True)  # to the default site's form
    assert response.status_code == 200 and "En-tête" in response.content.decode()


def test_a_menu_link_to_a_page_follows_the_page_and_an_edit_shows_at_once(client, practice_world, site_tree):
    """The header's and footer's links are kept converted between requests (home.blocks.plain_links):
    a link to a page still follows the page's address, and an edited link shows on the next page."""
    from wagtail.models import Site

    from home.models import ContentPage, SiteChrome

    page = site_tree["home"].add_child(instance=ContentPage(title="Contact", slug="contact", body="<p>Écrivez-nous.</p>"))
    chrome = SiteChrome.for_site(Site.objects.get(is_default_site=True))
    chrome.navigation = [("link", {"label": "Nous écrire", "page": page, "url": ""}),
                         ("link", {"label": "Données", "url": "/donnees/", "page": None})]
    chrome.save()
    assert 'href="/contact/">Nous écrire' in client.get("/").content.decode()
    page.slug = "ecrire"
    page.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'href="/ecrire/">Nous écrire' in html and 'href="/donnees/">Données' in html
    chrome.navigation = [("link", {"label": "Les données", "url": "/donnees/", "page": None})]
    chrome.save()
    html = client.get("/").content.decode()
    assert 'href="/donnees/">Les données' in html and "Nous écrire" not in html
