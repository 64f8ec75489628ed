from django.apps import AppConfig


class KbConfig(AppConfig):
    """The project package as an app: the page cache's signals, operations commands."""

    name = "kb"
    verbose_name = "Partager pour innover"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
