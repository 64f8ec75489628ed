"""Send the weekly alert digests (alerts/digest.py). Safe to run as often as wanted (the
docker-compose `alerts` service runs it every hour): an address gets at most one digest a week,
and a repeated run sends nothing twice."""

from django.core.management.base import BaseCommand

from alerts.digest import send_digests


class Command(BaseCommand):
    help = "Send the weekly digests of new practices to the confirmed e-mail alerts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200, help="Messages per SMTP batch")

    def handle(self, *args, batch=200, **options):
        run = send_digests(batch=max(1, batch))
        self.stdout.write(
            f"alerts: {run.due} addresses due, {run.engine_queries} engine queries, {run.sent} digests sent, "
            f"{run.failed} failed (retried next run), {run.purged} unconfirmed alerts purged."
        )
        if run.failed:
            raise SystemExit(1)
