"""Synonyms for the practice search: groups of equivalent terms that ANCT editors edit in the
admin (a snippet, "Synonymes"), applied to the reader's query on both engines.

A group lists phrases separated by commas ("MSP, maison de santé pluriprofessionnelle, pôle
de santé"): a query word that belongs to a phrase of a group also matches documents holding
any other phrase of the group, as an alternative, never as an extra requirement. The groups
are read from the database once, kept in Django's cache (shared between processes where the
cache is), and dropped from it when a group is saved or deleted: edits apply at once, without
a redeploy. search/synonyms.txt is the seed of the data migration search/migrations/0005_seed_synonyms.py.
"""

from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

CACHE_KEY = "search:synonym_groups:v1"
CACHE_SECONDS = 24 * 3600  # dropped on every edit; the timeout only bounds a stale shared cache

Groups = tuple[tuple[tuple[str, ...], ...], ...]


class SynonymGroup(models.Model):
    terms = models.TextField(
        "termes équivalents",
        help_text=(
            "Séparés par des virgules, par exemple : « MSP, maison de santé pluriprofessionnelle, pôle de santé ». "
            "Une recherche sur l'un des termes trouve aussi les fiches qui emploient les autres. "
            "Accents, majuscules et tirets sont sans importance."
        ),
    )
    note = models.CharField("remarque", max_length=200, blank=True, help_text="Pour les éditeurs : pourquoi ce groupe existe.")
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        app_label = "search"
        ordering = ["terms"]
        verbose_name = "groupe de synonymes"
        verbose_name_plural = "synonymes"

    def __str__(self):
        return self.terms[:120]

    def phrases(self) -> list[str]:
        return [p.strip() for p in self.terms.split(",") if p.strip()]


def parse_group(line: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of one group as tuples of folded, stop-word-free words ("Maison de santé"
    → ("maison", "sante")); hyphens separate words."""
    from search import analysis

    phrases: list[tuple[str, ...]] = []
    for raw in line.split(","):
        phrase = tuple(analysis.terms(raw.replace("-", " ")))
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases)


def groups() -> Groups:
    """Every group with at least two distinct phrases, cached."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        parsed = (parse_group(terms) for terms in SynonymGroup.objects.values_list("terms", flat=True))
        cached = tuple(g for g in parsed if len(g) > 1)
        cache.set(CACHE_KEY, cached, CACHE_SECONDS)
    return cached


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def _forget_groups(sender, **kwargs):
    cache.delete(CACHE_KEY)
