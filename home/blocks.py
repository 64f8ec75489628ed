"""Blocks of the site's own settings: a link to a page of the site or to an address."""

import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class LinkValue(blocks.StructValue):
    def href(self) -> str:
        page = self.get("page")
        return page.url if page else self.get("url") or "#"

    def is_external(self) -> bool:
        return not self.get("page") and str(self.get("url") or "").startswith(("http://", "https://"))


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Intitulé"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page du site"), required=False)
    url = blocks.CharBlock(
        label=_("Ou adresse"), required=False, max_length=300, help_text=_("Une adresse complète (https://…) ou un chemin du site (/donnees/).")
    )

    def clean(self, value):
        value = super().clean(value)
        url = (value.get("url") or "").strip()
        if not value.get("page") and not url:
            raise StructBlockValidationError({"url": ValidationError(_("Choisissez une page du site ou saisissez une adresse."))})
        if url and not url.startswith(("https://", "http://", "/")):
            raise StructBlockValidationError(
                {"url": ValidationError(_("L'adresse doit commencer par https:// ou par / (un chemin du site)."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Lien")
        value_class = LinkValue


def links(*pairs) -> list:
    """A StreamField default: [(label, url), …] as link blocks."""
    return [("link", {"label": label, "url": url, "page": None}) for label, url in pairs]


@dataclass(frozen=True)
class PlainLink:
    label: str
    href: str
    is_external: bool


_PLAIN: dict[str, tuple[PlainLink, ...]] = {}


def _plain(stream) -> tuple[PlainLink, ...]:
    return tuple(PlainLink(str(link.value["label"]), link.value.href(), link.value.is_external()) for link in stream)


def plain_links(stream) -> tuple[PlainLink, ...]:
    """The links of a StreamField of LinkBlocks as plain values, converted once per process
    and content: converting the header's and footer's three StreamFields cost about 5 ms on
    every page (issue 15). Links to a page of the site are converted every time: a page's
    address changes with the page tree, not with this setting."""
    raw = [item.get("value") or {} for item in stream.get_prep_value()]
    if any(value.get("page") for value in raw):
        return _plain(stream)
    key = json.dumps(raw, sort_keys=True, default=str)
    converted = _PLAIN.get(key)
    if converted is None:
        if len(_PLAIN) >= 64:  # settings edited many times in a long-lived worker
            _PLAIN.clear()
        converted = _PLAIN[key] = _plain(stream)
    return converted
