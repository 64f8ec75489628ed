"""What may be « à la une »: at most settings.FEATURED_HOME_MAX cases on the home page, each
with a photo and a summary (a card without them is a grey hole in the home page's grid).
Shared by the one-click featuring and the home page editor's form."""

from django.conf import settings


def home_limit() -> int:
    return settings.FEATURED_HOME_MAX


def featuring_problems(practice) -> list[str]:
    problems = []
    if not practice.image_id:
        problems.append(
            f"« {practice.title} » n'a pas de photo principale : une carte sans photo ne peut pas être à la une. "
            "Ajoutez une photo au retour d'expérience d'abord."
        )
    if not (practice.summary or "").strip():
        problems.append(f"« {practice.title} » n'a pas de chapô : il est affiché sur la carte de la une. Rédigez-le d'abord.")
    return problems


def limit_message(limit: int) -> str:
    return (
        f"La page d'accueil présente au plus {limit} cas à la une. "
        "Retirez-en un avant d'en ajouter un autre."
    )
