"""Retry readers' messages that could not be mailed (run it from cron, or after an SMTP outage)."""

from django.core.management.base import BaseCommand

from contributions.contact import send_pending_messages


class Command(BaseCommand):
    help = "Send the readers' messages to authors that are still waiting after a mail failure."

    def handle(self, *args, **options):
        sent, failed = send_pending_messages()
        self.stdout.write(f"{sent} message(s) sent, {failed} still failing.")
