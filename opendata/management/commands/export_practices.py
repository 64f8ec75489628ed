"""Write the open-data export of published practices (the format of /donnees/pratiques.csv
and /donnees/pratiques.json) to a file or to standard output."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from opendata.export import records, to_csv, to_json


class Command(BaseCommand):
    help = "Export published practices as CSV or JSON (open-data schema, licence Etalab 2.0)."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="File to write (.csv or .json); standard output if omitted.")
        parser.add_argument("--format", choices=["csv", "json"], help="Defaults to the output file's extension, else json.")
        parser.add_argument("--base-url", default=None, help="Prefix of page URLs (defaults to SITE_URL).")

    def handle(self, *args, output=None, format=None, base_url=None, **options):
        fmt = format or (output.rsplit(".", 1)[-1].lower() if output and "." in output else "json")
        if fmt not in ("csv", "json"):
            raise CommandError(f"Unknown format '{fmt}': use --format csv or --format json.")
        base = (base_url if base_url is not None else settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        rows = records(base)
        text = to_csv(rows) if fmt == "csv" else to_json(rows, base)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"{len(rows)} practices written to {output}.")
        else:
            self.stdout.write(text, ending="")
