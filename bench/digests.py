"""Alert digest benchmark: `make bench-digests` (10,000 subscriptions over 10,000 practices).

Seeds N practices (the search benchmark's generator) into var/bench-digests.sqlite3, publishes
a week's worth of them "recently", indexes them with the embedded engine, creates S confirmed
subscriptions drawn from a pool of searches (query and/or theme, région, town size), then times
`send_digests()` against a local aiosmtpd sink that accepts and counts the messages: one engine
query per distinct search, batched SMTP sends over one connection. A second run must send
nothing (idempotence). Prints the figures and writes var/bench-digests.json.
"""

import argparse
import json
import random
import socket
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_bench import QUERIES, ensure_data, setup_django  # noqa: E402

RECENT = 150  # practices first published during the last week
SIZES = ["lt2500", "2500-5000", "5000-10000"]


class Sink:
    """An SMTP server that accepts everything and only counts it."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self.lock:
            self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_recent(rng: random.Random) -> None:
    from django.utils import timezone

    from practices.models import PracticePage

    ids = list(PracticePage.objects.values_list("pk", flat=True))
    now = timezone.now()
    PracticePage.objects.filter(first_published_at__gt=now - timedelta(days=7)).update(first_published_at=now - timedelta(days=400))
    for pk in rng.sample(ids, RECENT):
        PracticePage.objects.filter(pk=pk).update(first_published_at=now - timedelta(hours=rng.randint(1, 6 * 24)))


def index_embedded() -> float:
    from django.db import transaction

    from search.documents import iter_documents
    from search.engines.embedded import EmbeddedEngine

    start = time.perf_counter()
    with transaction.atomic():
        EmbeddedEngine().index_documents(list(iter_documents()), rebuild=True)
    return time.perf_counter() - start


def search_pool(rng: random.Random, size: int) -> list[dict]:
    from communes.models import Region
    from practices.models import Theme

    themes = list(Theme.objects.values_list("slug", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))
    pool: dict[str, dict] = {}
    while len(pool) < size:
        state: dict = {}
        kind = rng.random()
        if kind < 0.3:
            state["q"] = rng.choice(QUERIES)[0]
        if kind > 0.15:
            state["thematique"] = [rng.choice(themes)]
        if rng.random() < 0.5:
            state["region"] = [rng.choice(regions)]
        if rng.random() < 0.2:
            state["taille"] = [rng.choice(SIZES)]
        pool[json.dumps(state, sort_keys=True)] = state
    return list(pool.values())


def subscribe(n: int, pool: list[dict], rng: random.Random) -> None:
    from django.utils import timezone

    from alerts.models import Alert, Subscriber
    from alerts.searches import describe

    Alert.objects.all().delete()
    Subscriber.objects.all().delete()
    confirmed = timezone.now() - timedelta(days=10)
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"lecteur{i}@bench.example", created_at=confirmed) for i in range(n)], batch_size=2000
    )
    labels = {json.dumps(s, sort_keys=True): describe(s) for s in pool}
    alerts = []
    for subscriber_id in Subscriber.objects.values_list("pk", flat=True):
        state = rng.choice(pool)
        alerts.append(Alert(subscriber_id=subscriber_id, query=state, label=labels[json.dumps(state, sort_keys=True)],
                            created_at=confirmed, confirmed_at=confirmed))
    Alert.objects.bulk_create(alerts, batch_size=2000)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=400, help="distinct searches the subscriptions are drawn from")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="re-seed the practices from scratch")
    parser.add_argument("--db", type=Path, default=ROOT / "var" / "bench-digests.sqlite3")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    setup_django(args.db)

    from aiosmtpd.controller import Controller
    from django.conf import settings

    rng = random.Random(2026)
    seeded = ensure_data(args.db, args.practices, args.fresh)
    make_recent(rng)
    indexed = index_embedded()
    pool = search_pool(rng, args.searches)
    start = time.perf_counter()
    subscribe(args.subscriptions, pool, rng)
    subscribed = time.perf_counter() - start

    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    try:
        from alerts.digest import send_digests
        from alerts.searches import state_key

        distinct = len({state_key(s) for s in pool})
        start = time.perf_counter()
        first = send_digests(batch=args.batch)
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        second = send_digests(batch=args.batch)
        second_seconds = time.perf_counter() - start
        time.sleep(0.5)  # the sink's last messages
    finally:
        controller.stop()

    result = {
        "practices": args.practices,
        "recent_practices": RECENT,
        "subscriptions": args.subscriptions,
        "distinct_searches": distinct,
        "seed_seconds": round(seeded, 1),
        "index_seconds": round(indexed, 1),
        "subscribe_seconds": round(subscribed, 1),
        "digest_seconds": round(first_seconds, 2),
        "engine_queries": first.engine_queries,
        "digests_sent": first.sent,
        "messages_received_by_sink": sink.count,
        "failed": first.failed,
        "second_run_seconds": round(second_seconds, 2),
        "second_run_sent": second.sent,
        "batch": args.batch,
    }
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-digests.json").write_text(json.dumps(result, indent=2))
    print(
        f"digests: {result['digests_sent']} sent to {args.subscriptions} subscriptions ({distinct} distinct searches, "
        f"{first.engine_queries} engine queries) over {args.practices} practices in {first_seconds:.1f} s; "
        f"sink received {sink.count}; second run: {second.sent} sent in {second_seconds:.2f} s"
    )
    if first.failed or second.sent or sink.count != first.sent:
        raise SystemExit("bench: digests failed, were sent twice, or did not all arrive")


if __name__ == "__main__":
    main()
