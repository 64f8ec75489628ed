"""The "Chefs de projet" and "Éditeurs ANCT" groups, their permissions and the "Relecture ANCT"
workflow (attached to the practice index if it already exists; otherwise whoever creates the
index calls contributions.roles.grant_page_permissions)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from contributions.roles import setup_roles

    setup_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_seed_themes_and_funders"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
