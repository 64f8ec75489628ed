"""What a write-up needs to be submitted and published, checked outside the admin form.

The rules live on the model (required = blank=False, validators, PracticePage.clean_practice,
the blocks' limits); the admin form applies them on submission and publication, and the
importer (opendata.importing) applies them here to every row, so that an imported draft can
always be submitted and published.
"""

from django.core.exceptions import ValidationError

from .models import PracticePage
from .sanitize import is_blank_rich_text

# The fields a write-up's author fills in (the rest is Wagtail's page bookkeeping).
CONTENT_FIELDS = (
    "title", "summary", "commune", "programme", "phase", "start_year", "end_year", "budget", "partners",
    "staff_days", "months_to_deliver", "results_date", "context", "objectives", "actions", "results",
    "difficulties", "advice", "transferability", "key_figures", "testimony", "contact_name", "contact_role",
    "contact_organisation", "contact_email",
)
RICH_TEXT_FIELDS = ("context", "objectives", "actions", "results", "difficulties", "advice", "transferability")
STREAM_FIELDS = ("key_figures", "testimony")
# Checked without a query: the importer resolves the commune itself.
NOT_CHECKED_HERE = {"commune"}


def label(name: str) -> str:
    text = str(PracticePage._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def _messages(error: ValidationError) -> list[str]:
    return [str(m) for m in getattr(error, "messages", [error])]


def publish_errors(page: PracticePage, theme_count: int) -> list[str]:
    """French messages for everything that would stop this write-up from being published."""
    problems = []
    excluded = [f.name for f in page._meta.fields if f.name not in CONTENT_FIELDS or f.name in NOT_CHECKED_HERE]
    excluded += list(STREAM_FIELDS)
    try:
        page.clean_fields(exclude=excluded)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems += [f"« {label(name)} » : {message}" for message in messages]
    for name in CONTENT_FIELDS:
        field = PracticePage._meta.get_field(name)
        # A TextField's max_length binds only its form field: check it as the admin form does.
        if field.get_internal_type() == "TextField" and field.max_length:
            value = getattr(page, name) or ""
            if len(value) > field.max_length:
                problems.append(f"« {label(name)} » : {len(value)} caractères, {field.max_length} au plus.")
    if not page.commune_id:
        problems.append(f"« {label('commune')} » est obligatoire.")
    for name in RICH_TEXT_FIELDS:
        if not PracticePage._meta.get_field(name).blank and is_blank_rich_text(getattr(page, name)):
            problems.append(f"« {label(name)} » est obligatoire.")
    for name in STREAM_FIELDS:
        field = PracticePage._meta.get_field(name)
        try:
            field.stream_block.clean(getattr(page, name))
        except ValidationError as error:
            problems.append(f"« {label(name)} » : {' '.join(_messages(error))}")
    try:
        page.clean_practice()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems += [f"« {label(name)} » : {message}" for message in messages]
    if theme_count < 1:
        problems.append("Choisissez au moins une thématique.")
    return problems
