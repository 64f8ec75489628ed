"""Import practices from a CSV or JSON file in the open-data schema, as drafts for review."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from opendata.import_reading import ImportFileError
from opendata.importing import import_file


class Command(BaseCommand):
    help = (
        "Import practices (CSV or JSON, the schema of export_practices) as drafts under the practice "
        "index. Every row is checked first with the rules of publishing; by default one refused row "
        "refuses the whole file (--partial imports the valid rows and lists the others). Rows are "
        "matched by their 'id' column, so re-importing updates the same drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .json file.")
        parser.add_argument("--owner", help="Username to set as the author of new drafts.")
        parser.add_argument("--dry-run", action="store_true", help="Validate every row exactly as the import does, write nothing.")
        parser.add_argument("--partial", action="store_true", help="Import the valid rows even if others are refused.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, file, owner=None, no_progress=False, dry_run=False, partial=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(f"Aucun utilisateur « {owner} ».")

        def progress(items):
            return tqdm(items, desc="retours d'expérience", unit=" lignes", disable=no_progress, file=self.stderr._out)

        try:
            report = import_file(path, source=path.name, owner=user, progress=progress, dry_run=dry_run, partial=partial)
        except ImportFileError as error:
            raise CommandError(f"Import impossible ({path.name}) : {error}") from error
        for message in report.errors:
            self.stderr.write(self.style.ERROR(message))
        if report.rejected > len(report.errors):
            self.stderr.write(self.style.ERROR(f"… et {report.rejected - len(report.errors)} autre(s) ligne(s) refusée(s)."))
        valid = f"{report.created} à créer, {report.updated} à mettre à jour"
        counts = f"{report.rows} ligne(s) lue(s) : {valid}, {report.rejected} refusée(s)."
        if dry_run:
            summary = f"{counts} Essai (--dry-run) : rien n'a été écrit."
            if report.rejected and not partial:
                summary += " L'import réel refuserait le fichier entier (ou --partial pour importer les lignes valides)."
        elif report.written:
            summary = f"{counts} Brouillons enregistrés : ils attendent la relecture dans l'administration."
            if report.rejected:
                summary += " Les lignes refusées (ci-dessus) n'ont pas été importées."
        elif report.rejected:
            summary = f"{counts} Rien n'a été importé : corrigez les lignes refusées, ou relancez avec --partial pour importer les lignes valides."
        else:
            summary = f"{counts} Rien à importer."
        if report.rejected and not partial:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
