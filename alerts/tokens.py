"""Signed links (django.core.signing): an alert's confirmation expires after
CONFIRMATION_DAYS; the links to manage one's alerts and to unsubscribe last as long as a
weekly digest may be kept in a mailbox. They carry random keys, never an address."""

from django.core import signing

from .models import CONFIRMATION_DAYS

CONFIRM_SALT = "alerts.confirm"
MANAGE_SALT = "alerts.manage"
MANAGE_MAX_AGE = 180 * 24 * 3600


def confirm_token(alert) -> str:
    return signing.dumps({"s": str(alert.subscriber.key), "a": alert.pk}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> dict | None:
    """{"s": subscriber key, "a": alert id}; None if forged, malformed or expired."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRMATION_DAYS * 24 * 3600)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return data if isinstance(data, dict) and {"s", "a"} <= set(data) else None


def manage_token(subscriber) -> str:
    return signing.dumps(str(subscriber.key), salt=MANAGE_SALT)


def read_manage_token(token: str) -> str | None:
    try:
        key = signing.loads(token, salt=MANAGE_SALT, max_age=MANAGE_MAX_AGE)
    except signing.BadSignature:
        return None
    return key if isinstance(key, str) else None
