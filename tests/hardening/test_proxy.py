"""Behind a reverse proxy every request comes from the proxy's address: with the trusted-proxy
setting, X-Forwarded-For (and only as the trusted proxy wrote it) tells readers apart, for the
login lockout and the contact form's limit; an address trying many user names is locked out."""

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.http import client_ip
from tests.factories import PracticePageFactory

PROXY = "172.18.0.5"
ALICE, BOB = "203.0.113.10", "198.51.100.20"


def request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    "proxies, count, remote, forwarded, expected",
    [
        ([], 0, PROXY, ALICE, PROXY),                                    # no setting: the peer
        ([PROXY], 0, PROXY, ALICE, ALICE),                               # the trusted proxy's word
        ([PROXY], 0, "192.0.2.1", ALICE, "192.0.2.1"),                    # not from the proxy: ignored
        (["172.16.0.0/12"], 0, PROXY, f"1.2.3.4, {ALICE}", ALICE),       # a forged hop on the left is skipped
        (["172.16.0.0/12"], 0, PROXY, f"{ALICE}, 172.20.0.9", ALICE),    # two trusted proxies
        ([PROXY], 0, PROXY, "pas-une-adresse", PROXY),                   # garbage: the last trusted
        ([PROXY], 0, PROXY, "", PROXY),
        ([], 1, PROXY, f"1.2.3.4, {BOB}", BOB),                          # by count: one hop from the right
        ([], 2, PROXY, f"1.2.3.4, {BOB}, 10.0.0.2", BOB),
        ([], 1, PROXY, None, PROXY),
        ([PROXY], 0, "pas-une-adresse", ALICE, "unknown"),
        (["::1"], 0, "::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_client_address(proxies, count, remote, forwarded, expected):
    with override_settings(TRUSTED_PROXIES=proxies, TRUSTED_PROXY_COUNT=count):
        assert client_ip(request(remote, forwarded)) == expected


def _login(client, username, password, address):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address
    )


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_login_lockout_counts_two_clients_behind_the_proxy_separately(client, settings):
    get_user_model().objects.create_superuser("edition", "edition@anct.gouv.fr", "mot-de-passe-solide-42")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "edition", "mauvais", ALICE)
    assert _login(client, "edition", "mot-de-passe-solide-42", ALICE).status_code == 429
    # Bob, behind the same proxy, logs in: he is another client.
    assert _login(client, "edition", "mot-de-passe-solide-42", BOB).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_one_address_trying_many_user_names_is_locked_out_with_the_french_page(client, settings, caplog):
    get_user_model().objects.create_user("cheffe", "cheffe@mairie.fr", "mot-de-passe-solide-42", is_staff=True)
    limit = settings.AXES_IP_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    for n in range(limit - 1):
        assert _login(client, f"compte{n}", "mauvais", ALICE).status_code == 200
    locked = _login(client, "compte-suivant", "mauvais", ALICE)
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()
    assert "across user names" in caplog.text  # logged for the operators
    # Even a right password from that address waits; another address does not.
    assert _login(client, "cheffe", "mot-de-passe-solide-42", ALICE).status_code == 429
    assert _login(client, "cheffe", "mot-de-passe-solide-42", BOB).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_contact_limit_counts_two_clients_behind_the_proxy_separately(client, site_tree):
    from contributions.contact import PER_IP_LIMIT, PER_PRACTICE_LIMIT

    assert PER_PRACTICE_LIMIT <= PER_IP_LIMIT
    practice = PracticePageFactory(parent=site_tree["index"], contact_name="Camille Martin", contact_email="c@mairie.fr")
    url = reverse("contributions:contact", args=[practice.pk])
    data = {"name": "Dominique Leroy", "email": "d@ville.fr", "body": "Bonjour, combien a coûté le minibus ?"}

    def post(address):
        return client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    for _ in range(PER_PRACTICE_LIMIT):
        assert post(ALICE).status_code == 302
    assert post(ALICE).status_code == 429
    assert post(BOB).status_code == 302  # not Alice's quota


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Dominique\nBcc: tous@exemple.fr", "Dominique\r\nObjet : faux", "Dom\u2028inique", "Dom\x1binique"])
def test_contact_name_with_line_breaks_is_refused(client, site_tree, name):
    practice = PracticePageFactory(parent=site_tree["index"], contact_name="Camille Martin", contact_email="c@mairie.fr")
    url = reverse("contributions:contact", args=[practice.pk])
    data = {"name": name, "email": "d@ville.fr", "body": "Bonjour, combien a coûté le minibus ?"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "tient sur une ligne" in response.content.decode()


@pytest.mark.django_db
def test_a_login_from_a_peer_without_an_address_is_logged_without_one(client):
    """A peer with no IP address (a Unix socket, a login made in code) logs in; django-axes
    records no address rather than "unknown", which PostgreSQL's inet column refuses."""
    from axes.models import AccessLog

    user = get_user_model().objects.create_user("cheffe", "cheffe@mairie.fr", "mot-de-passe-solide-42", is_staff=True)
    response = client.post("/admin/login/", {"username": "cheffe", "password": "mot-de-passe-solide-42"}, REMOTE_ADDR="")
    assert response.status_code == 302
    client.logout()
    client.force_login(user)
    assert list(AccessLog.objects.values_list("username", "ip_address")) == [("cheffe", None), ("cheffe", None)]
