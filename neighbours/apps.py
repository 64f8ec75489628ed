from django.apps import AppConfig


class NeighboursConfig(AppConfig):
    name = "neighbours"
    verbose_name = "Communes comme la mienne"
    default_auto_field = "django.db.models.BigAutoField"
