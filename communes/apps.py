from django.apps import AppConfig


class CommunesConfig(AppConfig):
    name = "communes"
    verbose_name = "Communes et intercommunalités"
    default_auto_field = "django.db.models.BigAutoField"
