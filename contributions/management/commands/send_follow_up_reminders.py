"""Daily job: ask the owners of write-ups published 12 and 24 months ago to update their results.
Idempotent (each reminder is recorded once sent): safe to run every day from cron."""

from django.core.management.base import BaseCommand

from contributions.follow_up import send_follow_up_reminders


class Command(BaseCommand):
    help = "Send the follow-up e-mails that are due (12 and 24 months after publication). Idempotent."

    def handle(self, *args, **options):
        sent = send_follow_up_reminders(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{sent} relance(s) envoyée(s)."))
