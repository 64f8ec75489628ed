from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = "Contribution et relecture"
    default_auto_field = "django.db.models.BigAutoField"
