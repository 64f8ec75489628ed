"""The admin form of a write-up: French messages naming the missing field, blank sections emptied.

Wagtail defers "required" when a draft is saved; on submission or publication every required
field is checked again, and the message says which field is missing so that the project lead
finds it even when it sits on another tab.
"""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from .models.sections import SECTION_FIELDS
from .sanitize import is_blank_rich_text

# A short example under each section, so that a busy project lead sees the expected tone and
# length at a glance (the model's help text says what the section is for).
EXAMPLES = {
    "summary": gettext_lazy("Ex. : « Pour garder des médecins, la commune a ouvert en 2022 une maison de santé de 9 professionnels "
                 "dans l'ancienne gendarmerie. »"),
    "context": gettext_lazy("Ex. : « Trois médecins partant à la retraite, 40 % des habitants sans médecin traitant. »"),
    "objectives": gettext_lazy("Ex. : « Installer au moins 4 médecins d'ici 2024 et ouvrir le samedi matin. »"),
    "actions": gettext_lazy("Ex. : « 2021 : diagnostic avec l'ARS ; 2022 : rachat et travaux du bâtiment ; 2023 : recrutement "
                 "avec la CPTS. »"),
    "results": gettext_lazy("Ex. : « 6 médecins installés, 2 300 patients ont retrouvé un médecin traitant. »"),
    "difficulties": gettext_lazy("Ex. : « Le chantier a pris 8 mois de retard ; un loyer progressif a convaincu les "
                      "premiers praticiens. »"),
    "advice": gettext_lazy("Ex. : « Associez les professionnels de santé dès le diagnostic, avant de parler du bâtiment. »"),
    "transferability": gettext_lazy("Ex. : « Reproductible dans une commune-centre de bassin de vie disposant d'un bâtiment "
                         "vacant. »"),
}


class PracticePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, example in EXAMPLES.items():
            if name in self.fields:
                help_text = str(self.fields[name].help_text or "")
                if "Ex. :" not in help_text:
                    self.fields[name].help_text = f"{help_text} {example}".strip()
        for name, field in self.fields.items():
            label = str(field.label or name)
            field.error_messages["required"] = _("« %(label)s » est obligatoire pour soumettre le retour d'expérience.") % {
                "label": label[:1].upper() + label[1:]
            }
        if "themes" in self.fields:
            self.fields["themes"].error_messages["required"] = _(
                "Choisissez au moins une thématique : sans elle, le retour d'expérience ne peut pas être soumis."
            )

    def clean(self):
        self._derive_unique_slug()
        cleaned = super().clean()
        for name in SECTION_FIELDS:
            if name not in cleaned:
                continue
            # (sanitised when saved: practices/signals.py)
            value = "" if is_blank_rich_text(cleaned[name]) else cleaned[name]
            cleaned[name] = value
            # An untouched editor posts an empty paragraph, which Django does not see as empty.
            if not value and self.fields[name].required:
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def _derive_unique_slug(self):
        """A new write-up never fails on its slug: taken from the title (Wagtail's admin fills it
        as the title is typed), then qualified by the commune, then numbered. Only for pages not
        yet created: an existing page keeps the slug its author or an editor chose."""
        if self.instance.pk or self.parent_page is None or "slug" not in self.cleaned_data:
            return
        base = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("title") or "")[:80] or "retour-d-experience"
        taken = set(self.parent_page.get_children().filter(slug__startswith=base[:40]).values_list("slug", flat=True))
        if base not in taken:
            self.cleaned_data["slug"] = base
            return
        commune = self.cleaned_data.get("commune")
        candidate = f"{base}-{slugify(commune.name)}" if commune is not None else base
        number = 2
        unique = candidate
        while unique in taken:
            unique = f"{candidate}-{number}"
            number += 1
        self.cleaned_data["slug"] = unique[:255]
