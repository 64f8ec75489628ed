"""Load the official list of French communes (Etalab's @etalab/decoupage-administratif).

Bulk, idempotent: regions and départements are upserted, communes are created or updated in
batches keyed by (INSEE code, kind). Re-running changes nothing when the data did not change.
Intercommunalités (EPCI, from epci.json) are upserted by SIREN and each commune points to the
EPCI it belongs to: "communes like mine" weighs that link.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from communes.models import Commune, Department, Epci, Region

BATCH = 2000
UPDATED_FIELDS = ["name", "department", "population", "postal_codes", "epci"]


def read_json(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as exc:
        raise CommandError(
            f"{path} not found. Run `npm install` (package @etalab/decoupage-administratif) or pass --data-dir."
        ) from exc


class Command(BaseCommand):
    help = "Load or refresh the official list of French communes (INSEE code, département, région, population)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=None, help="Folder holding communes.json, departements.json, regions.json, epci.json")
        parser.add_argument("--limit", type=int, default=None, help="Load only the first N communes (tests)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, data_dir=None, limit=None, no_progress=False, **options):
        data_dir = Path(data_dir or settings.COMMUNES_DATA_DIR)
        regions = read_json(data_dir / "regions.json")
        departments = read_json(data_dir / "departements.json")
        communes = read_json(data_dir / "communes.json")
        epcis = read_json(data_dir / "epci.json")
        if limit:
            communes = communes[:limit]

        with transaction.atomic():
            region_ids = self.upsert_regions(regions)
            department_ids = self.upsert_departments(departments, region_ids)
            epci_of_commune = self.upsert_epcis(epcis)
            created, updated = self.upsert_communes(communes, department_ids, epci_of_commune, progress=not no_progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(region_ids)} régions, {len(department_ids)} départements, {len(epcis)} EPCI, "
                f"{created} communes created, {updated} updated, {Commune.objects.count()} in total."
            )
        )

    def upsert_regions(self, rows):
        existing = {r.code: r for r in Region.objects.all()}
        for row in rows:
            region = existing.get(row["code"])
            if region is None:
                existing[row["code"]] = Region.objects.create(code=row["code"], name=row["nom"])
            elif region.name != row["nom"]:
                region.name = row["nom"]
                region.save(update_fields=["name"])
        return {code: region.pk for code, region in existing.items()}

    def upsert_departments(self, rows, region_ids):
        existing = {d.code: d for d in Department.objects.all()}
        for row in rows:
            values = {"name": row["nom"], "region_id": region_ids[row["region"]]}
            department = existing.get(row["code"])
            if department is None:
                existing[row["code"]] = Department.objects.create(code=row["code"], **values)
            elif (department.name, department.region_id) != (values["name"], values["region_id"]):
                Department.objects.filter(pk=department.pk).update(**values)
        return {code: department.pk for code, department in existing.items()}

    def upsert_epcis(self, rows):
        """Upsert the EPCIs; returns {commune INSEE code: EPCI id}."""
        existing = {e.code: e for e in Epci.objects.all()}
        to_create, to_update = [], []
        for row in rows:
            epci = existing.get(row["code"])
            if epci is None:
                to_create.append(Epci(code=row["code"], name=row["nom"], kind=row.get("type", "")))
            elif (epci.name, epci.kind) != (row["nom"], row.get("type", "")):
                epci.name, epci.kind = row["nom"], row.get("type", "")
                to_update.append(epci)
        Epci.objects.bulk_create(to_create, batch_size=BATCH)
        Epci.objects.bulk_update(to_update, ["name", "kind"], batch_size=BATCH)
        ids = dict(Epci.objects.values_list("code", "pk"))
        return {member["code"]: ids[row["code"]] for row in rows for member in row.get("membres", [])}

    def upsert_communes(self, rows, department_ids, epci_of_commune, progress=True):
        existing = {
            (insee, kind): (pk, name, dep, pop, tuple(postal), epci)
            for pk, insee, kind, name, dep, pop, postal, epci in Commune.objects.values_list(
                "pk", "insee_code", "kind", "name", "department_id", "population", "postal_codes", "epci_id"
            )
        }
        to_create, to_update = [], []
        for row in tqdm(rows, desc="communes", unit=" communes", disable=not progress):
            department_id = department_ids.get(row.get("departement"))
            if department_id is None:
                continue  # a few overseas collectivities have no département in this data set
            key = (row["code"], row.get("type", Commune.Kind.CURRENT))
            values = (row["nom"], department_id, row.get("population"), tuple(row.get("codesPostaux", [])), epci_of_commune.get(row["code"]))
            fields = dict(name=values[0], department_id=values[1], population=values[2], postal_codes=list(values[3]), epci_id=values[4])
            current = existing.get(key)
            if current is None:
                to_create.append(Commune(insee_code=key[0], kind=key[1], **fields))
            elif current[1:] != values:
                to_update.append(Commune(pk=current[0], **fields))
        Commune.objects.bulk_create(to_create, batch_size=BATCH)
        Commune.objects.bulk_update(to_update, UPDATED_FIELDS, batch_size=BATCH)
        return len(to_create), len(to_update)
