"""Featuring with safeguards: a limit on the home page, a photo and a summary for each case, a
preview of the home page's cases before confirming."""

import pytest
from django.urls import reverse

from home.featuring import FeaturingRefused, toggle_home_feature
from tests.factories import PracticePageFactory

from .admin_forms import edit_form_data


def _practice(site_tree, owner, photo, title):
    return PracticePageFactory(parent=site_tree["index"], title=title, owner=owner, image=photo, image_alt="Photo")


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_featuring_beyond_the_limit_is_refused_in_french(client, site_tree, editor, contributor, photo, settings):
    settings.FEATURED_HOME_MAX = 2
    first, second, third = (_practice(site_tree, contributor, photo, t) for t in ("Halle", "Navette", "Tiers-lieu"))
    toggle_home_feature(first, editor)
    toggle_home_feature(second, editor)
    client.force_login(editor)
    url = reverse("ppi_feature", args=[third.pk])
    confirm = client.get(url)
    assert confirm.status_code == 409
    assert "au plus 2 cas à la une" in confirm.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert any("au plus 2 cas à la une" in m for m in _messages(response))
    assert [f.practice_id for f in site_tree["home"].featured_practices.all()] == [first.pk, second.pk]


def test_featuring_a_practice_without_photo_is_refused(client, site_tree, editor, contributor):
    practice = PracticePageFactory(parent=site_tree["index"], title="Sans photo", owner=contributor)
    with pytest.raises(FeaturingRefused, match="pas de photo principale"):
        toggle_home_feature(practice, editor)
    client.force_login(editor)
    response = client.post(reverse("ppi_feature", args=[practice.pk]))
    assert any("pas de photo principale" in m for m in _messages(response)), _messages(response)
    assert not site_tree["home"].featured_practices.exists()


def test_confirmation_shows_the_home_page_cases_after_the_change(client, site_tree, editor, contributor, photo):
    first = _practice(site_tree, contributor, photo, "Halle gourmande")
    toggle_home_feature(first, editor)
    new = _practice(site_tree, contributor, photo, "Tiers-lieu numérique")
    client.force_login(editor)
    html = client.get(reverse("ppi_feature", args=[new.pk])).content.decode()
    preview = html[html.index("ppi-featured-preview") :]
    assert preview.index("Halle gourmande") < preview.index("Tiers-lieu numérique")


def test_home_page_editor_refuses_a_case_without_photo(client, site_tree, editor, contributor):
    practice = PracticePageFactory(parent=site_tree["index"], title="Sans photo", owner=contributor)
    home = site_tree["home"]
    client.force_login(editor)
    data = edit_form_data(
        client, home, **{
            "featured_practices-TOTAL_FORMS": "1", "featured_practices-0-practice": str(practice.pk),
            "featured_practices-0-blurb": "", "featured_practices-0-ORDER": "1", "featured_practices-0-id": "",
            "action-publish": "action-publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[home.pk]), data)
    assert response.status_code == 200
    assert "n&#x27;a pas de photo principale" in response.content.decode()
    assert not home.featured_practices.exists()
