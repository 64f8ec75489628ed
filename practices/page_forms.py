"""The admin form of a write-up: French messages naming the missing field, sanitised sections.

Wagtail defers "required" when a draft is saved; on submission or publication every required
field is checked again, and the message says which field is missing so that the project lead
finds it even when it sits on another tab.
"""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from .sanitize import is_blank_rich_text, sanitize_rich_text

RICH_TEXT_SECTIONS = [
    "context", "objectives", "actions", "results", "difficulties", "advice", "transferability",
]


class PracticePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        cleaned = super().clean()
        for name in RICH_TEXT_SECTIONS:
            if name not in cleaned:
                continue
            value = sanitize_rich_text(cleaned[name])
            if is_blank_rich_text(value):
                value = ""
            cleaned[name] = value
            # An untouched editor posts an empty paragraph, which Django does not see as empty.
            if not value and self.fields[name].required:
                self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned
