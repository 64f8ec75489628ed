"""Demo accounts: one ANCT editor, one project lead, one administrator, and the authors of the
demo write-ups. Their credentials are printed by seed_demo and listed in the README."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify

EDITORS_GROUP = "Éditeurs ANCT"
CONTRIBUTORS_GROUP = "Chefs de projet"

DEMO_ACCOUNTS = [
    # username, password, first name, last name, group, superuser
    ("admin", "admin-ppi-2026", "Alice", "Administratrice", None, True),
    ("editrice", "editrice-ppi-2026", "Élise", "Moreau", EDITORS_GROUP, False),
    ("cheffe", "cheffe-ppi-2026", "Camille", "Martin", CONTRIBUTORS_GROUP, False),
]


def ensure_user(username, password, first_name, last_name, group_name=None, superuser=False, email=None):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": email or f"{username}@demo.ppi.anct.gouv.fr"},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.is_superuser = user.is_staff = superuser
        user.save()
    if group_name:
        group, _ = Group.objects.get_or_create(name=group_name)
        user.groups.add(group)
    return user


def ensure_demo_accounts():
    return {row[0]: ensure_user(*row) for row in DEMO_ACCOUNTS}


def ensure_author(contact: dict):
    """The project lead who wrote a demo write-up: a real account with no usable password."""
    name = (contact or {}).get("name") or "Chef de projet"
    first, _, last = name.partition(" ")
    username = "auteur." + slugify(name).replace("-", ".")[:100]
    return ensure_user(username, None, first, last, CONTRIBUTORS_GROUP)
