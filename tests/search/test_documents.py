"""The search document built in bulk (values queries, one per related table) is the document
of the practice, whatever the path that builds it: a rebuild, the sync of one practice, a
streamed rebuild in small chunks."""

import io
import random
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import analysis, vocabulary
from search.documents import build_documents, document_hash, iter_documents
from search.engines.embedded import EmbeddedEngine
from search.models import SearchDocument, SearchFacet, SearchTerm

pytestmark = pytest.mark.django_db



def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def complete(practices, places):
    """A write-up with every kind of data a document reads: sections with markup and entities,
    key figures, a testimony, a gallery, documents, tags, themes, funders (one twice), an EPCI,
    a results date, and a place "à la une"."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from communes.models import Epci
    from practices.models import (
        Funder,
        PracticeAttachment,
        PracticeFunding,
        Theme,
        ThemeFeaturedPractice,
    )
    from tests.factories import PracticePageFactory

    beaujeu = places["beaujeu"]
    beaujeu.epci = Epci.objects.create(code="200040566", name="CC Saône-Beaujolais", kind="CC")
    beaujeu.save()
    image = get_image_model().objects.create(title="Halle", file=ContentFile(png(), name="halle.png"))
    document = get_document_model().objects.create(title="Cahier des charges", file=ContentFile(b"%PDF-1.7", name="cdc.pdf"))
    index = practices["msp-beaujeu"].get_parent()
    page = PracticePageFactory.build(
        title="Rénover la halle de l'ancien marché",
        slug="halle-beaujeu",
        summary="La halle rénovée accueille le marché du samedi & les producteurs locaux.",
        commune=beaujeu, programme="acv", phase="evalue", start_year=2018, end_year=2021,
        partners="CAUE, chambre d'agriculture",
        staff_days=120, months_to_deliver=30,
        context="<p>La halle du XIX<sup>e</sup> siècle était fermée depuis 2009 :<br>toiture percée, sol dégradé.</p>",
        objectives="<ul><li>Rouvrir la halle</li><li>Faire revenir les producteurs</li></ul>",
        actions="<h3>Travaux</h3><p>Charpente reprise, sol en pierre, éclairage &laquo; LED &raquo;.</p>",
        results="<p>Vingt-deux producteurs chaque samedi.</p>",
        results_date="2022-06-30",
        difficulties="<p>Le chantier a duré six mois de plus que prévu à cause de l'amiante.</p>",
        advice="",
        transferability="<p>Toute commune disposant d'une halle fermée.</p>",
        key_figures=[("figure", {"value": "22", "label": "producteurs le samedi"}),
                     ("figure", {"value": "1,2 M€", "label": "de travaux"})],
        testimony=[("quote", {"text": "La halle est redevenue le cœur du bourg.", "author": "Anne Martin", "role": "maire"})],
        gallery=[("image", {"image": image, "alt": "La halle rénovée", "caption": "Un samedi matin"})],
    )
    index.add_child(instance=page)
    page.themes.set(Theme.objects.filter(slug__in=["commerce", "sante"]))
    page.tags.add("halle", "Marché couvert")
    funders = {f.slug: f for f in Funder.objects.filter(slug__in=["ademe", "anct"])}
    page.fundings = [
        PracticeFunding(funder=funders["ademe"], amount=100000, sort_order=0),
        PracticeFunding(funder=funders["anct"], amount=50000, sort_order=1),
        PracticeFunding(funder=funders["ademe"], amount=20000, sort_order=2),
    ]
    page.attachments = [PracticeAttachment(document=document)]
    page.save_revision().publish()
    ThemeFeaturedPractice.objects.create(theme=Theme.objects.get(slug="commerce"), practice=page)
    page.refresh_from_db()
    return page


EXPECTED_BODY = "\n".join([
    "La halle du XIXe siècle était fermée depuis 2009 :",
    "toiture percée, sol dégradé.",
    "Rouvrir la halle",
    "Faire revenir les producteurs",
    "Travaux",
    "Charpente reprise, sol en pierre, éclairage « LED ».",
    "Vingt-deux producteurs chaque samedi.",
    "Le chantier a duré six mois de plus que prévu à cause de l'amiante.",
    "Toute commune disposant d'une halle fermée.",
    "CAUE, chambre d'agriculture",
    "22", "producteurs le samedi", "1,2 M€", "de travaux",
    "La halle est redevenue le cœur du bourg.", "Anne Martin", "maire",
])


def expected_document(page) -> dict:
    doc = {
        "page_id": page.pk,
        "title": "Rénover la halle de l'ancien marché",
        "summary": "La halle rénovée accueille le marché du samedi & les producteurs locaux.",
        "body": EXPECTED_BODY,
        "tags": ["Marché couvert", "halle"],
        "themes": ["sante", "commerce"],
        "theme_names": ["Accès aux soins / santé", "Commerce & attractivité"],
        "commune": "Beaujeu",
        "commune_insee": "69018",
        "epci": "200040566",
        "department": "69",
        "department_name": "Rhône",
        "region": "84",
        "region_name": "Auvergne-Rhône-Alpes",
        "population": 2100,
        "size_band": "lt2500",
        "programme": "acv",
        "phase": "evalue",
        "start_year": 2018,
        "end_year": 2021,
        "funders": ["ademe", "anct"],
        "funder_names": ["ADEME", "ANCT"],
        "staff_days": 120,
        "months_to_deliver": 30,
        "featured": True,
        # sections 0.45 × 5/7 filled, results date 0.1, key figures 0.15 × 2/3, documents 0.1,
        # images 0.1, length 0.1 × len(body)/3000
        "completeness": round(0.45 * 5 / 7 + 0.1 + 0.15 * 2 / 3 + 0.1 + 0.1 + 0.1 * len(EXPECTED_BODY) / 3000, 3),
        "first_published_at": page.first_published_at.isoformat(),
        "url": "/pratiques/halle-beaujeu/",
    }
    doc["doc_hash"] = document_hash(doc)
    return doc


def test_a_complete_write_up_gives_the_expected_document(complete):
    doc = build_documents([complete.pk])[complete.pk]
    assert doc == expected_document(complete)
    assert list(doc) == list(expected_document(complete))  # the stored JSON keeps the same key order


def test_sync_of_one_practice_and_rebuild_store_the_same_document(complete):
    published = SearchDocument.objects.get(page_id=complete.pk)  # indexed by the publish signal
    assert published.doc == expected_document(complete)
    rows_before = _index_rows()
    call_command("search_index", "rebuild", "--engine", "embedded", "--no-progress", stdout=io.StringIO())
    assert SearchDocument.objects.get(page_id=complete.pk).doc == expected_document(complete)
    assert _index_rows() == rows_before


def test_a_write_up_without_commune_or_related_data(practices):
    from practices.models import PracticePage

    page = practices["navette-belley"]
    PracticePage.objects.filter(pk=page.pk).update(commune=None)
    PracticePage.themes.through.objects.filter(practicepage_id=page.pk).delete()
    doc = build_documents([page.pk])[page.pk]
    assert {k: doc[k] for k in ("commune", "commune_insee", "epci", "department", "region", "population", "size_band")} == {
        "commune": "", "commune_insee": "", "epci": "", "department": "", "region": "", "population": None, "size_band": "",
    }
    assert doc["themes"] == [] and doc["funders"] == [] and doc["tags"] == [] and not doc["featured"]


def test_building_documents_costs_the_same_queries_for_6_or_16_practices(complete, practices):
    from tests.factories import PracticePageFactory

    with CaptureQueriesContext(connection) as few:
        assert len(list(iter_documents())) == 6
    index = complete.get_parent()
    for n in range(10):
        PracticePageFactory(parent=index, slug=f"extra-{n}", themes=["mobilite", "numerique"])
    with CaptureQueriesContext(connection) as many:
        assert len(list(iter_documents())) == 16
    assert len(many) == len(few) <= 8


def _index_rows():
    """Everything the embedded engine stores, comparable across rebuilds."""
    docs = sorted(SearchDocument.objects.values_list("page_id", "title_folded", "featured", "completeness", "doc_hash", "doc"))
    facets = sorted(SearchFacet.objects.values_list("page_id", "field", "value"))
    terms = sorted(SearchTerm.objects.values_list("word", "stem", "display", "doc_count"))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT rowid, title, summary, keywords, body FROM search_fts ORDER BY rowid")
        else:
            cursor.execute("SELECT page_id, search_vector::text FROM search_searchdocument ORDER BY page_id")
        text = cursor.fetchall()
    return docs, facets, terms, text


def test_a_streamed_rebuild_in_small_chunks_writes_the_same_index(complete):
    engine = EmbeddedEngine()
    engine.index_documents(list(iter_documents()), rebuild=True)
    whole = _index_rows()
    assert engine.rebuild(iter_documents(chunk_size=2), chunk_size=2) == 6
    assert _index_rows() == whole
    # the sync path (delete then write, vocabulary counted up) ends on the same rows too
    engine.index_documents(list(iter_documents()))
    assert _index_rows() == whole


def test_embedded_vocabulary_after_publications_edits_and_withdrawals_is_that_of_a_rebuild(complete, practices):
    """The "did you mean" words are counted up and down in SQL as write-ups come and go: after
    a publication, an edit and a withdrawal, the same rows as counting everything again."""
    from tests.factories import PracticePageFactory

    terms = lambda: sorted(SearchTerm.objects.values_list("word", "stem", "display", "doc_count"))  # noqa: E731
    index = complete.get_parent()
    PracticePageFactory(parent=index, slug="ressourcerie", title="Une ressourcerie zéro déchet",
                        summary="Réemploi, réparation et vente solidaire d'objets.")
    complete.title = "Halle gourmande réhabilitée"
    complete.save_revision().publish()
    withdrawn = next(page for page in practices.values() if page.pk != complete.pk)
    withdrawn.unpublish()
    counted = terms()
    assert any(word == "ressourcerie" and n == 1 for word, _, _, n in counted)
    assert not any(t[3] <= 0 for t in counted)
    EmbeddedEngine().rebuild(iter_documents())
    assert terms() == counted


def test_engine_search_finds_the_complete_write_up_by_every_field(complete):
    from search.types import SearchParams

    engine = EmbeddedEngine()
    for q in ("halle", "amiante", "producteurs samedi", "Rhône", "ademe", "marché couvert", "cœur du bourg"):
        ids = [hit.page_id for hit in engine.search(SearchParams(q=q)).hits]
        assert complete.pk in ids, q


def _blanked(text: str) -> str:
    return analysis.ELISION_RE.sub(lambda m: " " * len(m[0]), text)


def test_elisions_found_from_apostrophes_are_those_of_the_pattern():
    rng = random.Random(2026)
    alphabet = list("lLdDjmnsStTcCqQuUiIoOrRpPe_2 '’ʼ-xſİéÉ\n")
    for _ in range(50_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert analysis.strip_elisions(text) == _blanked(text), repr(text)
    text = "L'école d'été jusqu'à l’automne, lorsqu'il pleut ; presqu'île, aujourd'hui, QU'ON"
    assert analysis.strip_elisions(text) == _blanked(text)


def _reference_words(docs) -> dict[str, tuple[int, str]]:
    """The vocabulary counted the plain way: one loop per document and word."""
    counts, display = Counter(), {}
    for doc in docs:
        text = " ".join([doc.get("title", ""), doc.get("summary", ""), doc.get("body", ""), vocabulary.keywords_text(doc)])
        seen = set()
        for raw in vocabulary.RAW_WORD_RE.findall(analysis.ELISION_RE.sub(" ", text)):
            lower = raw.lower()
            folded = analysis.fold(lower)
            if 3 <= len(folded) <= 40 and folded not in analysis.STOP_WORDS:
                display.setdefault(folded, Counter())[lower] += 1
                if folded not in seen:
                    counts[folded] += 1
                    seen.add(folded)
    return {word: (n, display[word].most_common(1)[0][0]) for word, n in counts.items()}


def test_vocabulary_counts_are_those_of_the_plain_count(complete):
    docs = list(iter_documents())
    docs.append({"title": "Lavoir LAVOIR", "summary": "", "body": "Lavoirs l'Écluse écluse ÉCLUSE 2ème", "tags": ["Écluse"]})
    words = vocabulary.WordCounts()
    for doc in docs:  # added one by one, as a streamed rebuild adds chunks
        words.add([doc])
    assert words.words() == _reference_words(docs)
    assert words.words()["ecluse"] == (1, "écluse") and words.words()["lavoir"] == (1, "lavoir")
