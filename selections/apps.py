from django.apps import AppConfig


class SelectionsConfig(AppConfig):
    name = "selections"
    verbose_name = "Sélections de retours d'expérience"
    default_auto_field = "django.db.models.BigAutoField"
