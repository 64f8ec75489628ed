"""Seed the editors' synonym groups from search/synonyms.txt, and let ANCT editors edit them."""

from pathlib import Path

from django.db import migrations

SEED_FILE = Path(__file__).resolve().parent.parent / "synonyms.txt"
EDITORS_GROUP = "Éditeurs ANCT"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if not SynonymGroup.objects.exists():
        lines = []
        for line in SEED_FILE.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line and "," in line:
                lines.append(line)
        SynonymGroup.objects.bulk_create([SynonymGroup(terms=line) for line in lines])
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="search", model="synonymgroup")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for action in ("add", "change", "delete", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_synonymgroup",
            defaults={"name": f"Can {action} groupe de synonymes"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_completeness_synonyms"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
