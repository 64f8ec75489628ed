"""A live server for Chromium that shares this thread's database connection, inside one
transaction rolled back at the end (as Django's LiveServerTestCase does for SQLite in memory).

pytest-django's live_server flushes the database instead, which would wipe the themes and
funders the migrations create for the rest of the suite. The tests using it must carry
``pytest.mark.django_db``: pytest-django creates the test database only when some collected
test asks for one, and would otherwise hand over the real database.
"""

import os

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections, transaction
from django.test.testcases import LiveServerThread, _MediaFilesHandler

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run "in
# an async context" unless told it is safe, which it is here (one thread drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class MediaAndStaticHandler(StaticFilesHandler):
    def __init__(self, application):
        super().__init__(_MediaFilesHandler(application))


class SharedConnectionServer(ThreadedWSGIServer):
    """Request threads never close the shared connection: Chromium keeps sockets alive past
    the server's life, and a thread closing it after the teardown would close a connection
    that is no longer shared with it."""

    def _close_connections(self):
        pass


class SharedLiveServerThread(LiveServerThread):
    server_class = SharedConnectionServer


def live_server_on_this_connection(django_db_blocker, build):
    """Generator: ``build()`` fills the database, then yields (url, what build returned)."""
    conn = connections["default"]
    name = str(conn.settings_dict["NAME"])
    assert "memory" in name or "test" in name, f"refusing to seed a non-test database: {name}"
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        real_close = conn.close
        conn.inc_thread_sharing()
        # The server thread closes its connections when it stops; closing this one would lose
        # the uncommitted data (Django only spares SQLite in-memory databases).
        conn.close = lambda: None
        try:
            data = build()
            thread = SharedLiveServerThread(
                "localhost", MediaAndStaticHandler, connections_override={"default": conn}, port=0
            )
            thread.daemon = True
            thread.start()
            thread.is_ready.wait()
            if thread.error:
                raise thread.error
            try:
                yield f"http://localhost:{thread.port}", data
            finally:
                thread.terminate()
                thread.join(timeout=5)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            conn.close = real_close
            conn.dec_thread_sharing()
