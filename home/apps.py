from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et pages éditoriales"

    def ready(self):
        from practices.queries import register_featured_model

        from . import signals
        from .models import HomeFeaturedPractice

        register_featured_model(HomeFeaturedPractice)
        signals.connect()
