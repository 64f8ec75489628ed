"""Migration support for models that moved to another app with their table (db_table kept):
the new app creates them in its state only, the old app deletes them from its state only, and
their content types (so their permissions, held by groups) follow them."""

from django.db import migrations


def state_only(*operations):
    return migrations.SeparateDatabaseAndState(state_operations=list(operations))


def move_content_types(old_app: str, new_app: str, models: list[str]):
    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        for model in models:
            old = ContentType.objects.filter(app_label=old_app, model=model).first()
            if old is None:
                continue
            new = ContentType.objects.filter(app_label=new_app, model=model).first()
            if new is None:
                old.app_label = new_app
                old.save(update_fields=["app_label"])
                continue
            # Both exist (a data migration asked for the new one first): groups and users keep
            # every permission they held, on the new content type.
            for permission in Permission.objects.filter(content_type=old):
                kept = Permission.objects.filter(content_type=new, codename=permission.codename).first()
                if kept is None:
                    permission.content_type = new
                    permission.save(update_fields=["content_type"])
                    continue
                for group in permission.group_set.all():
                    group.permissions.add(kept)
                for user in permission.user_set.all():
                    user.user_permissions.add(kept)
                permission.delete()
            old.delete()

    return migrations.RunPython(forwards, migrations.RunPython.noop)
