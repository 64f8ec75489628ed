"""A theme page puts forward a bounded number of cases: the editor's form refuses more."""

import pytest
from wagtail.admin.panels import get_edit_handler

from practices.models import Theme
from practices.models.taxonomy import FEATURED_PER_THEME
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def theme_form(theme, practices, user):
    data = {"name": theme.name, "slug": theme.slug, "description": "", "icon": theme.icon, "sort_order": "1"}
    prefix = "featured_practices"
    data.update({f"{prefix}-TOTAL_FORMS": str(len(practices)), f"{prefix}-INITIAL_FORMS": "0",
                 f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    for n, practice in enumerate(practices):
        data.update({f"{prefix}-{n}-practice": str(practice.pk), f"{prefix}-{n}-blurb": "", f"{prefix}-{n}-ORDER": str(n)})
    form_class = get_edit_handler(Theme).get_form_class()
    return form_class(data, instance=theme, for_user=user)


def test_a_theme_page_features_at_most_six_cases(site_tree, django_user_model):
    editor = django_user_model.objects.create_superuser("editrice-theme", "e@exemple.fr", "motdepasse")
    theme = Theme.objects.get(slug="sante")
    practices = [PracticePageFactory(parent=site_tree["index"]) for _ in range(FEATURED_PER_THEME + 1)]
    assert theme_form(theme, practices[:FEATURED_PER_THEME], editor).is_valid()
    refused = theme_form(theme, practices, editor)
    assert not refused.is_valid()
    assert "au plus 6" in " ".join(refused.formsets["featured_practices"].non_form_errors())
