from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Recherche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import promotions, signals, sync

        sync.connect()
        promotions.connect()
        signals.connect()
