"""Follow-up reminders: the owner of a write-up published 12 and 24 months ago is asked to
update the results, once per milestone, however often the daily command runs."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone

from contributions.follow_up import results_are_stale
from practices.models import PracticePage
from tests.factories import PracticePageFactory


def _to(inbox, address):
    """Messages to exactly this address (Inbox.to matches substrings: cheffe@ is in autre.cheffe@)."""
    return [m for m in inbox.messages if m["X-Envelope-To"] == address]


def _published(site_tree, owner, title, months_ago, extra_days=3):
    page = PracticePageFactory(parent=site_tree["index"], title=title, owner=owner)
    published = timezone.now() - relativedelta(months=months_ago) - timedelta(days=extra_days)
    PracticePage.objects.filter(pk=page.pk).update(first_published_at=published, last_published_at=published)
    return PracticePage.objects.get(pk=page.pk)


def test_each_reminder_is_sent_once(site_tree, contributor, other_contributor, smtp_server):
    recent = _published(site_tree, contributor, "Jardin partagé", 3)
    one_year = _published(site_tree, contributor, "Navette des hameaux", 12)
    two_years = _published(site_tree, other_contributor, "Maison de santé", 25)

    call_command("send_follow_up_reminders", stdout=open("/dev/null", "w"))
    call_command("send_follow_up_reminders", stdout=open("/dev/null", "w"))  # the next day's cron

    to_contributor = _to(smtp_server, contributor.email)
    assert [m["Subject"].strip() for m in to_contributor] == [
        "[Partager pour innover] Où en est « Navette des hameaux » ? Actualisez vos résultats"
    ]
    body = smtp_server.text(to_contributor[0])
    assert "il y a 12 mois" in body and f"/admin/pages/{one_year.pk}/edit/#tab-le_recit" in body
    # Past both milestones when first seen: only the latest reminder, once.
    [to_other] = _to(smtp_server, other_contributor.email)
    assert "il y a 24 mois" in smtp_server.text(to_other)
    assert len(smtp_server.messages) == 2
    assert not _to(smtp_server, recent.owner.email)[1:]  # nothing more for the recent one

    assert results_are_stale(two_years) and not results_are_stale(one_year) and not results_are_stale(recent)


def test_reminder_goes_to_the_current_owner(site_tree, contributor, other_contributor, smtp_server):
    page = _published(site_tree, contributor, "Navette des hameaux", 12)
    PracticePage.objects.filter(pk=page.pk).update(owner=other_contributor)
    call_command("send_follow_up_reminders", stdout=open("/dev/null", "w"))
    assert _to(smtp_server, other_contributor.email) and not _to(smtp_server, contributor.email)


def test_editors_see_results_to_update_and_readers_a_discreet_date(client, site_tree, contributor, editor):
    from django.urls import reverse

    old = _published(site_tree, contributor, "Maison de santé", 26)
    recent = _published(site_tree, contributor, "Jardin partagé", 3)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index('id="ppi-stale-results') :]
    assert old.title in panel and "à actualiser" in panel and recent.title not in panel
    client.logout()
    page = client.get(old.url).content.decode()
    heading = page[page.index('id="resultats"') :][:200]
    assert old.first_published_at.strftime("%Y") in heading
