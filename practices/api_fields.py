"""What the Wagtail API v2 (/api/v2/pratiques/) shows of a practice.

Kept apart from the models so that pages.py only names the list; no model import here,
because practices.models imports this module.
"""

from rest_framework import fields
from wagtail.api import APIField


class CommuneField(fields.Field):
    def to_representation(self, commune):
        return {"insee": commune.insee_code, "name": commune.name, "population": commune.population}


class PlaceField(fields.Field):
    """Département or région: code and name."""

    def to_representation(self, place):
        return {"code": place.code, "name": place.name}


class ThemesField(fields.Field):
    def to_representation(self, themes):
        return [{"slug": theme.slug, "name": theme.name} for theme in themes.all()]


class FundingsField(fields.Field):
    def to_representation(self, fundings):
        return [{"funder": f.funder.slug, "name": f.funder.name, "amount": f.amount} for f in fundings.all()]


class TagsField(fields.Field):
    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())


PRACTICE_API_FIELDS = [
    APIField("summary"),
    APIField("commune", serializer=CommuneField(read_only=True)),
    APIField("department", serializer=PlaceField(read_only=True)),
    APIField("region", serializer=PlaceField(read_only=True)),
    APIField("programme"),
    APIField("themes", serializer=ThemesField(read_only=True)),
    APIField("tags", serializer=TagsField(read_only=True)),
    APIField("phase"),
    APIField("start_year"),
    APIField("end_year"),
    APIField("budget"),
    APIField("fundings", serializer=FundingsField(read_only=True)),
    APIField("partners"),
    APIField("staff_days"),
    APIField("months_to_deliver"),
]
