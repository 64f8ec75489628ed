from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et pages éditoriales"

    def ready(self):
        from . import signals

        signals.connect()
