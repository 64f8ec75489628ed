"""Benchmark-only settings (bench/peer.py): production's, plus a plain Django view served
through the same middleware (kb/bench_urls.py), the ceiling the pages are compared with.
Never used to serve the site."""

from .production import *  # noqa: F403

ROOT_URLCONF = "kb.bench_urls"
