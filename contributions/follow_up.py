"""Follow-up of published write-ups: 12 and 24 months after publication (settings.FOLLOW_UP_MONTHS)
the current owner is asked by e-mail to update the results; results older than the last delay
are « à actualiser ».

`send_follow_up_reminders` is idempotent: every milestone is recorded (FollowUpReminder, unique
per practice and milestone) before the next run looks, so a daily cron sends each e-mail once.
A practice first seen past several milestones gets only the latest e-mail."""

import logging
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

RESULTS_TAB = "#tab-le_recit"  # the « Le récit » tab of the editor, where the results are


def milestones():
    return sorted(set(settings.FOLLOW_UP_MONTHS))


def results_as_of(page) -> date | None:
    """The date the results describe: the one the author gave, else the first publication."""
    if page.results_date:
        return page.results_date
    if page.first_published_at:
        return timezone.localdate(page.first_published_at)
    return None


def results_are_stale(page, today=None) -> bool:
    as_of = results_as_of(page)
    if as_of is None:
        return False
    today = today or timezone.localdate()
    return as_of + relativedelta(months=milestones()[-1]) <= today


def stale_practices(today=None):
    """Live practices whose results are « à actualiser », oldest results first (the same rule as
    results_are_stale, as a query)."""
    from django.db.models import F, Q
    from django.db.models.functions import Coalesce, TruncDate

    from practices.models import PracticePage

    cutoff = (today or timezone.localdate()) - relativedelta(months=milestones()[-1])
    return (
        PracticePage.objects.live()
        .filter(Q(results_date__lte=cutoff) | Q(results_date__isnull=True, first_published_at__date__lte=cutoff))
        .annotate(results_as_of=Coalesce(F("results_date"), TruncDate("first_published_at")))
        .order_by("results_as_of", "pk")
    )


def results_edit_url(page) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk]) + RESULTS_TAB


def due_milestones(page, done, today):
    """The milestones reached by this practice and not yet handled."""
    published = timezone.localdate(page.first_published_at)
    return [m for m in milestones() if m not in done and published + relativedelta(months=m) <= today]


def send_follow_up_reminders(today=None, stdout=None) -> int:
    """Send the reminders that are due; returns how many e-mails were sent."""
    from practices.models import PracticePage

    from .models import FollowUpReminder

    today = today or timezone.localdate()
    first_delay = milestones()[0]
    candidates = (
        PracticePage.objects.live()
        .filter(first_published_at__date__lte=today - relativedelta(months=first_delay))
        .select_related("owner")
        .order_by("pk")
    )
    done = {}
    for practice_id, months in FollowUpReminder.objects.filter(practice__in=candidates).values_list("practice_id", "months"):
        done.setdefault(practice_id, set()).add(months)
    sent = 0
    for page in candidates:
        due = due_milestones(page, done.get(page.pk, set()), today)
        if not due:
            continue
        recipient = page.owner.email if page.owner and page.owner.is_active else ""
        try:
            with transaction.atomic():
                # Recorded first: if two runs overlap, the second one stops on the unique constraint.
                for months in due:
                    FollowUpReminder.objects.create(practice=page, months=months, recipient_email=recipient)
                if recipient:
                    _send(page, due[-1], recipient)
                    sent += 1
        except IntegrityError:
            continue
        except Exception:
            # Mail server down: nothing recorded (the transaction rolled back), tomorrow's run retries.
            logger.exception("Follow-up reminder for practice %s could not be sent", page.pk)
            continue
        if stdout is not None:
            stdout.write(f"{page.title} (+{due[-1]} mois) → {recipient or 'aucun destinataire'}")
    return sent


def _send(page, months, recipient):
    context = {"page": page, "months": months, "results_url": results_edit_url(page), "as_of": results_as_of(page)}
    EmailMessage(
        subject=f"[Partager pour innover] Où en est « {page.title} » ? Actualisez vos résultats",
        body=render_to_string("contributions/follow_up_email.txt", context),
        to=[recipient],
    ).send()
