"""Create the demo site: pages, ~64 realistic write-ups with illustrations and replication-kit
documents (generated PDFs), featured cases and demo accounts. Idempotent: pages are found again by slug and updated, never duplicated."""

import random
from datetime import UTC, datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm
from wagtail.models import Page, Site

from contributions.roles import grant_page_permissions
from home.demo.accounts import DEMO_ACCOUNTS, ensure_author, ensure_demo_accounts
from home.demo.content import fill_page, load_demo_rows, taxonomies
from home.demo.documents import demo_attachments
from home.legal_content import LEGAL_PAGES
from home.models import ContentPage, HomeFeaturedPractice, HomePage
from practices.bulk import references_indexed_once
from practices.models import Commune, PracticeIndexPage, PracticePage
from search.api import reindex


class Command(BaseCommand):
    help = "Seed the demo content (home, practice index, legal pages, write-ups, accounts). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--limit", type=int, default=None, help="Seed only the first N write-ups (tests)")

    def handle(self, *args, no_progress=False, limit=None, **options):
        if not Commune.objects.exists():
            call_command("load_communes", no_progress=no_progress, stdout=self.stdout)
        accounts = ensure_demo_accounts()
        home = self.ensure_home()
        index = self.ensure_index(home)
        for slug, title, body in LEGAL_PAGES:
            self.ensure_content_page(home, slug, title, body)
        rows = load_demo_rows()[:limit]
        themes, funders = taxonomies()
        rng = random.Random(2026)
        featured, seeded = [], []
        demo_lead = accounts["cheffe"]
        with references_indexed_once():
            for position, row in enumerate(tqdm(rows, desc="practices", disable=no_progress)):
                owner = demo_lead if position % 20 == 0 else ensure_author(row.get("contact"))
                page = self.ensure_practice(index, row, themes, funders, owner, rng)
                seeded.append(page.pk)
                if row.get("featured"):
                    featured.append(page)
            self.ensure_featured(home, featured)
        # Publication dates and featured flags were set after publishing: index the final state.
        reindex(seeded)
        self.stdout.write(self.style.SUCCESS(f"{PracticePage.objects.live().count()} published practices."))
        self.stdout.write("Demo accounts (log in at /admin/):")
        for username, password, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username} / {password}")

    @transaction.atomic
    def ensure_home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
            site = Site.objects.filter(is_default_site=True).first()
            old_root = site.root_page if site else None
            if site:
                site.root_page = home
                site.site_name = "Partager pour innover"
                site.save()
            else:
                Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Partager pour innover")
            if old_root and old_root.specific_class is Page and old_root.depth == 2:
                old_root.delete()  # Wagtail's "Welcome" page
        return home

    def ensure_index(self, home) -> PracticeIndexPage:
        index = PracticeIndexPage.objects.child_of(home).first()
        if index is None:
            index = home.add_child(
                instance=PracticeIndexPage(
                    title="Retours d'expérience",
                    slug="pratiques",
                    intro="Ce que les Petites villes de demain ont fait, comment, et ce qu'elles en retiennent.",
                )
            )
        grant_page_permissions(index)  # roles and the review workflow apply under the index
        return index

    def ensure_content_page(self, home, slug, title, body):
        page = ContentPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            home.add_child(instance=ContentPage(title=title, slug=slug, body=body))

    def ensure_practice(self, index, row, themes, funders, owner, rng) -> PracticePage:
        existing = PracticePage.objects.child_of(index).filter(slug=row["slug"]).first()
        if existing is not None:
            return existing  # never overwrite what editors may have changed since
        page = PracticePage(owner=owner)
        fill_page(page, row, themes, funders)
        page.attachments = demo_attachments(page)  # a replication kit: generated PDF documents
        index.add_child(instance=page)
        # The demo write-ups arrive as if the editors had already approved them.
        page.save_revision(user=owner, log_action=False).publish(user=owner, log_action=False, skip_permission_checks=True)
        year = min(max(row.get("end_year") or row.get("start_year") or 2024, 2019), 2026)
        published = datetime(year, rng.randint(1, 10), rng.randint(1, 28), 10, tzinfo=UTC)
        PracticePage.objects.filter(pk=page.pk).update(first_published_at=published, last_published_at=published)
        return page

    def ensure_featured(self, home, featured):
        if HomeFeaturedPractice.objects.filter(home=home).exists():
            return  # editors' choices win over the demo's on later runs
        for order, page in enumerate(featured):
            HomeFeaturedPractice.objects.create(home=home, practice=page, sort_order=order)
