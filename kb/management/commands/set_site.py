"""Point the default Wagtail Site at SITE_URL, so that the sitemap, feeds, the API's html_url
and /api/v2/pratiques/find/ give the site's real address instead of http://localhost/.
Run at every start (docker-compose.yml, make data): it changes nothing when already right."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = "Set the default site's host name and port from SITE_URL (or --url)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="Defaults to SITE_URL.")

    def handle(self, *args, url=None, **options):
        url = url or settings.WAGTAILADMIN_BASE_URL
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"SITE_URL must look like https://partager.example.org, not {url!r}.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise CommandError(f"SITE_URL has an invalid port: {url!r}.") from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            self.stdout.write("No default site yet (run migrate, then seed_demo or create the home page): nothing to set.")
            return
        if (site.hostname, site.port) == (parts.hostname, port):
            self.stdout.write(f"The site already answers as {site.root_url}.")
            return
        site.hostname, site.port = parts.hostname, port
        site.save()
        self.stdout.write(self.style.SUCCESS(f"The site now answers as {site.root_url}."))
