"""Index updates when editors publish, unpublish, delete, rename a theme or a commune, or
feature a practice — on both engines."""

import pytest

from search import api
from search.types import SearchParams

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["embedded", "opensearch"])
def engine(request, settings):
    if request.param == "opensearch":
        request.getfixturevalue("use_opensearch")
    return request.param


@pytest.fixture
def indexed(engine, practices):
    return practices


def titles(results):
    return [h.title for h in results.hits]


def run(q="", **kwargs):
    return api.search(SearchParams(q=q, **kwargs))


def test_publish_unpublish_delete_update_the_index(indexed, site_tree, places):
    from tests.factories import PracticePageFactory

    page = PracticePageFactory(
        parent=site_tree["index"], slug="epicerie", title="Une épicerie solidaire", summary="Épicerie associative.",
        themes=["commerce"], commune=places["belley"],
    )
    assert titles(run("épicerie")) == ["Une épicerie solidaire"]
    page.title = "Une épicerie coopérative"
    page.save_revision().publish()
    assert titles(run("coopérative")) == ["Une épicerie coopérative"]
    page.unpublish()
    assert run("épicerie").total == 0
    page.save_revision().publish()
    assert run("épicerie").total == 1
    page.delete()
    assert run("épicerie").total == 0
    assert run("").total == 5


def test_theme_rename_reaches_the_index(indexed):
    from practices.models import Theme

    theme = Theme.objects.get(slug="mobilite")
    theme.name = "Mobilités du quotidien"
    theme.save()
    # theme names are facet labels, not searchable words (they matched every practice of a theme)
    assert titles(run("quotidien")) == ["Prêt de vélos à assistance électrique"]  # its own text only
    results = run("", filters={"themes": ["mobilite"]})
    assert results.total == 2
    assert all("Mobilités du quotidien" in hit.themes for hit in results.hits)


def test_commune_change_reaches_the_index(indexed, places):
    commune = places["landerneau"]
    commune.name = "Landerneau-Nouveau"
    commune.save()
    hit = run("tiers lieu").hits[0]
    assert hit.commune == "Landerneau-Nouveau"


def test_featured_practice_is_marked(indexed, site_tree):
    from home.models import HomeFeaturedPractice

    HomeFeaturedPractice.objects.create(home=site_tree["home"], practice=indexed["velo-belley"])
    hit = next(h for h in run("").hits if h.page_id == indexed["velo-belley"].pk)
    assert hit.featured


def test_moving_a_practice_updates_its_url(indexed, site_tree):
    from tests.factories import PracticeIndexPageFactory

    other = PracticeIndexPageFactory(parent=site_tree["home"], slug="archives", title="Archives")
    page = indexed["velo-belley"]
    page.move(other, pos="last-child")
    hit = next(h for h in run("vélo").hits if h.page_id == page.pk)
    assert hit.url == "/archives/velo-belley/"
