"""Sections are sanitised once, when saved; pages are no longer sanitised again at display time,
so every section stored before that rule is sanitised here (revisions are sanitised when they
are published, by the same pre_save signal)."""

from django.db import migrations


def sanitise(apps, schema_editor):
    from practices.models.sections import SECTION_FIELDS
    from practices.sanitize import sanitize_rich_text

    PracticePage = apps.get_model("practices", "PracticePage")
    for page in PracticePage.objects.only("pk", *SECTION_FIELDS).iterator():
        changed = {}
        for name in SECTION_FIELDS:
            value = getattr(page, name) or ""
            clean = sanitize_rich_text(value)
            if clean != value:
                changed[name] = clean
        if changed:
            PracticePage.objects.filter(pk=page.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_models_moved_to_their_apps")]
    operations = [migrations.RunPython(sanitise, migrations.RunPython.noop)]
