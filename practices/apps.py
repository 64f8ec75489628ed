from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Retours d'expérience"

    def ready(self):
        from . import signals  # noqa: F401
        from .models import ThemeFeaturedPractice
        from .queries import register_featured_model

        register_featured_model(ThemeFeaturedPractice)
