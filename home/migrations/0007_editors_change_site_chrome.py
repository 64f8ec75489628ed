"""ANCT editors keep the header and footer up to date (home.SiteChrome)."""

from django.db import migrations


def grant(apps, schema_editor):
    from contributions.roles import ensure_groups

    ensure_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_merge_0005_readers_legal_text_0005_site_chrome"),
        ("contributions", "0002_follow_up_and_commune"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
