"""The weekly digest: for every address due (not looked at in the last 7 days), the practices
first published since it was last looked at (or since the alert was confirmed) that match its
alerts. `Subscriber.last_digest_at` is when it was last looked at, whether a digest went out
or there was nothing new.

Cost is bounded by distinct searches, not by subscriptions: the practices published since the
oldest "since" are read once from the database; each distinct search (same query and filters,
whatever the order of its parameters) is asked once of the search engine, newest first; the
engine's ids are kept only if published in the window. Messages go out over one SMTP
connection in batches; an address is marked sent right after its batch is accepted, so a run
that is repeated (or restarted after a failure) sends nothing twice to those already served.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from practices.queries import live_practices
from search import api as search_api

from . import mails
from .models import CONFIRMATION_DAYS, DIGEST_INTERVAL, Alert, Subscriber
from .searches import search_params, search_url, state_key

logger = logging.getLogger(__name__)

ENGINE_PER_QUERY = 100  # newest matches per distinct search: more than a week's publications
BATCH = 200


@dataclass
class DigestRun:
    due: int = 0
    sent: int = 0
    engine_queries: int = 0
    purged: int = 0
    failed: int = 0
    recipients: list = field(default_factory=list)


def purge_unconfirmed(now) -> int:
    """Delete alerts never confirmed in time, and addresses left without any alert."""
    cutoff = now - timedelta(days=CONFIRMATION_DAYS)
    deleted, _ = Alert.objects.filter(confirmed_at=None, created_at__lt=cutoff).delete()
    Subscriber.objects.filter(alerts=None, created_at__lt=cutoff).delete()
    return deleted


def _recent_practices(since, now) -> dict[int, dict]:
    rows = (
        live_practices()
        .filter(first_published_at__gt=since, first_published_at__lte=now)
        .select_related("commune__department")
    )
    base = mails.site_url()
    out = {}
    for page in rows:
        commune = page.commune
        place = f"{commune.name} ({commune.department.code})" if commune else ""
        out[page.pk] = {
            "title": page.title,
            "summary": page.summary,
            "url": base + (page.url or ""),
            "place": place,
            "published": page.first_published_at,
        }
    return out


def _matches(states: dict[str, dict], recent: dict[int, dict], run: DigestRun) -> dict[str, list[int] | None]:
    """{search key: ids of recent practices it matches, newest first, or None if the search
    failed}: one engine query each."""
    out = {}
    for key, state in states.items():
        run.engine_queries += 1
        try:
            # ids only: facet counts, documents and extracts would be thrown away here
            ids = search_api.search_ids(search_params(state, ENGINE_PER_QUERY))
        except Exception:  # one broken search must not stop everyone's digest
            logger.exception("alerts: search failed for %s", key)
            out[key] = None
            continue
        out[key] = [pk for pk in ids if pk in recent]
    return out


def _looked_at(ids: list[int], now) -> None:
    for start in range(0, len(ids), BATCH):
        Subscriber.objects.filter(pk__in=ids[start : start + BATCH]).update(last_digest_at=now)


def send_digests(now=None, batch: int = BATCH) -> DigestRun:
    now = now or timezone.now()
    run = DigestRun(purged=purge_unconfirmed(now))
    due = Subscriber.objects.filter(
        Q(last_digest_at=None) | Q(last_digest_at__lte=now - DIGEST_INTERVAL), alerts__confirmed_at__isnull=False
    ).distinct()
    subscribers = {s.pk: s for s in due}
    run.due = len(subscribers)
    if not subscribers:
        return run
    alerts = list(Alert.objects.filter(subscriber__in=due.values("pk"), confirmed_at__isnull=False).order_by("pk"))
    since = {}
    for alert in alerts:
        last = subscribers[alert.subscriber_id].last_digest_at
        since[alert.pk] = max(alert.confirmed_at, last) if last else alert.confirmed_at
    recent = _recent_practices(min(since.values()), now)
    if not recent:
        _looked_at(list(subscribers), now)
        return run
    states = {state_key(alert.query): alert.query for alert in alerts}
    matches = _matches(states, recent, run)

    sections = defaultdict(list)
    unsure = set()  # addresses with a search that failed: looked at again next run
    for alert in alerts:
        ids = matches[state_key(alert.query)]
        if ids is None:
            unsure.add(alert.subscriber_id)
            continue
        found = [recent[pk] for pk in ids if recent[pk]["published"] > since[alert.pk]]
        if found:
            sections[alert.subscriber_id].append({"alert": alert, "practices": found, "search_url": mails.site_url() + search_url(alert.query)})
    # Nothing new for them up to now: their next look is in a week, from now (nothing is lost,
    # the window starts where this one ends), instead of at every run.
    _looked_at([pk for pk in subscribers if pk not in sections and pk not in unsure], now)

    pending = [(subscribers[pk], mails.digest(subscribers[pk], parts)) for pk, parts in sections.items()]
    connection = get_connection()
    for start in range(0, len(pending), batch):
        chunk = pending[start : start + batch]
        try:
            connection.send_messages([message for _subscriber, message in chunk])
        except Exception:
            logger.exception("alerts: a batch of %d digests could not be sent; retried at the next run", len(chunk))
            run.failed += len(chunk)
            continue
        ids = [subscriber.pk for subscriber, _message in chunk]
        Subscriber.objects.filter(pk__in=ids).update(last_digest_at=now)
        run.sent += len(chunk)
        run.recipients += ids
    connection.close()
    return run
