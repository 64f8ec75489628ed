"""Who may download a document, and which documents a project lead may pick.

Contributors upload documents (replication kits: specifications, deliberations…) while they
write. Until the write-up is published they are not public: a document is served to anyone
only when a live, public page uses it (Wagtail's reference index, which follows the page as
published — a document added in an unpublished draft of a live page waits for publication).
Otherwise only the people who can manage it in the admin get it (its uploader, editors), and
everyone else gets a 404, as if it did not exist.

In the chooser, a project lead sees the documents they uploaded and the public ones, not the
whole library (other towns' unpublished drafts).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.models import GroupCollectionPermission, Page, ReferenceIndex


def _public_document_ids(document_ids=None):
    """Ids of documents used by a live public page."""
    Document = get_document_model()
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Document),
        base_content_type=ContentType.objects.get_for_model(Page),
    )
    if document_ids is not None:
        references = references.filter(to_object_id__in=[str(pk) for pk in document_ids])
    public_pages = Page.objects.live().public().values_list("pk", flat=True)
    pairs = references.values_list("to_object_id", "object_id")
    page_ids = {int(object_id) for _, object_id in pairs if str(object_id).isdigit()}
    live = set(public_pages.filter(pk__in=page_ids))
    return {int(to_id) for to_id, object_id in pairs if str(object_id).isdigit() and int(object_id) in live}


def manages_library(user) -> bool:
    """Editors: they may change any document (the ownership policy would also count a
    contributor's "add" permission as "change")."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return GroupCollectionPermission.objects.filter(
        group__user=user, permission__content_type__app_label="wagtaildocs", permission__codename="change_document"
    ).exists()


def is_public(document) -> bool:
    return document.pk in _public_document_ids([document.pk])


def before_serve_document(document, request):
    """Wagtail's hook before serving a document: None lets it through."""
    if is_public(document):
        return None
    user = request.user
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_document_model())
    if user.is_authenticated and policy.user_has_permission_for_instance(user, "change", document):
        return None
    if manages_library(user):
        return None  # editors, reviewing a submission
    raise Http404("Document introuvable.")


def chooser_documents(documents, request):
    """The chooser's list: everything for those who manage the library, otherwise one's own
    uploads and the documents already public."""
    user = request.user
    if manages_library(user):
        return documents
    return documents.filter(Q(uploaded_by_user=user) | Q(pk__in=_public_document_ids()))
