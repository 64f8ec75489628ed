"""The admin speaks French where stock Wagtail did not, and carries the ANCT's branding."""

from django.urls import reverse

from tests.factories import PracticePageFactory


def test_login_page_is_french_and_branded(client, db):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Mot de passe" in html and ">Password<" not in html and "Password" not in html
    assert "Partager pour innover" in html and "logo-anct.svg" in html
    assert "Sign in to Wagtail" not in html


def test_dashboard_count_slug_help_and_promotions_form(client, site_tree, editor, contributor):
    for number in range(3):
        PracticePageFactory(parent=site_tree["index"], owner=contributor, title=f"Cas {number}")
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "crées" not in dashboard and "créées dans" in dashboard
    page = PracticePageFactory(parent=site_tree["index"], owner=contributor, title="Cas à relire")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "e.g http" not in edit and "domain.com" not in edit
    promotions = client.get(reverse("wagtailsearchpromotions:add")).content.decode()
    assert "External link text" not in promotions and "Texte du lien externe" in promotions


def test_menu_badge_text_is_french(client, db):
    catalog = client.get("/admin/jsi18n/").content.decode()
    assert "nouveaux \\u00e9l\\u00e9ments dans ce menu" in catalog or "nouveaux éléments dans ce menu" in catalog
