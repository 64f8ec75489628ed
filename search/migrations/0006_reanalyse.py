"""Empty the embedded engine's tables: the French analysis changed (issue 11), and documents
indexed with the old tokens would not match the new queries. The index is derived data:
`search_index rebuild --if-missing` (docker-compose) or `search_index sync` (make run)
rebuilds it from the live practices."""

from django.db import migrations


def clear(apps, schema_editor):
    for name in ("SearchDocument", "SearchFacet", "SearchTerm"):
        apps.get_model("search", name).objects.all().delete()
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DELETE FROM search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_seed_synonyms")]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
