import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads and renditions into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_tree(db):
    """The page tree of the real site: a home page as the default site's root, the practice index."""
    from wagtail.models import Page, Site

    from tests.factories import HomePageFactory, PracticeIndexPageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil")
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80})
    index = PracticeIndexPageFactory(parent=home)
    from practices.roles import grant_page_permissions

    grant_page_permissions(index)  # the groups' page permissions and the review workflow
    return {"home": home, "index": index}
