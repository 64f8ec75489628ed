"""Import practices from a CSV or JSON file in the open-data schema, as drafts for review."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from opendata.importing import import_rows, read_rows


class Command(BaseCommand):
    help = (
        "Import practices (CSV or JSON, the schema of export_practices) as drafts under the practice "
        "index. Rows are matched by their 'id' column, so re-importing updates the same drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .json file.")
        parser.add_argument("--owner", help="Username to set as the author of new drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Validate every row, write nothing.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, owner=None, no_progress=False, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(f"No user named '{owner}'.")
        try:
            rows = read_rows(path)
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error

        def progress(items):
            return tqdm(items, desc="practices", unit="row", disable=no_progress, file=self.stderr._out)

        try:
            report = import_rows(rows, source=path.name, owner=user, progress=progress, dry_run=dry_run)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for message in report.errors:
            self.stderr.write(self.style.ERROR(message))
        summary = (
            f"{report.created} draft(s) created, {report.updated} updated, {report.rejected} row(s) rejected "
            f"out of {len(rows)}."
        )
        summary += " Dry run: nothing was written." if dry_run else " Drafts wait for review in the admin."
        if report.errors:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
