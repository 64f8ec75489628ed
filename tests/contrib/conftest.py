"""Fixtures for the contribution and moderation tests: one account per role, write-ups owned by
each contributor, and helpers that drive the real admin forms."""

import pytest
from django.contrib.auth.models import Group

from contributions.roles import CONTRIBUTORS_GROUP, EDITORS_GROUP
from tests.factories import CommuneFactory, PracticePageFactory, UserFactory


def make_user(username, group=None, superuser=False):
    user = UserFactory(username=username, email=f"{username}@exemple.fr", is_superuser=superuser, is_staff=superuser)
    user.set_password("motdepasse-de-test")
    user.save()
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    return make_user("editrice", EDITORS_GROUP)


@pytest.fixture
def contributor(db):
    return make_user("cheffe", CONTRIBUTORS_GROUP)


@pytest.fixture
def other_contributor(db):
    return make_user("autre.cheffe", CONTRIBUTORS_GROUP)


@pytest.fixture
def admin_user(db):
    return make_user("admin", superuser=True)


@pytest.fixture
def users(editor, contributor, other_contributor, admin_user):
    return {"editor": editor, "contributor": contributor, "other": other_contributor, "admin": admin_user}


@pytest.fixture
def commune(db):
    return CommuneFactory(name="Beaujeu", insee_code="69018", population=2100)


@pytest.fixture
def own_draft(site_tree, contributor, commune):
    """A write-up by the contributor, never published."""
    page = PracticePageFactory(parent=site_tree["index"], owner=contributor, title="Ma navette seniors", slug="ma-navette", commune=commune)
    page.unpublish()
    page.refresh_from_db()
    return page


@pytest.fixture
def own_live(site_tree, contributor, commune):
    return PracticePageFactory(parent=site_tree["index"], owner=contributor, title="Ma maison de santé", slug="ma-msp", commune=commune)


@pytest.fixture
def others_live(site_tree, other_contributor, commune):
    return PracticePageFactory(
        parent=site_tree["index"], owner=other_contributor, title="Sa cour d'école", slug="sa-cour", commune=commune
    )


@pytest.fixture
def photo(db):
    """A real (small) image in Wagtail's library, for the cases that need a photo."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title="Photo de test", file=get_test_image_file())
