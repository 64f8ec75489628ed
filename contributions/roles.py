"""The two editorial roles and the review workflow, built on Wagtail's own mechanisms.

- "Chefs de projet" (contributors): "add" on the practice index, which in Wagtail means they
  create write-ups there and edit only the ones they own; they submit them to the workflow and
  can never publish. They upload images and documents and choose them in the editor.
- "Éditeurs ANCT" (editors): every page permission on the home page's subtree (so they review,
  publish, unpublish, lock and edit the home page's featured cases), and the model permissions
  of the curated lists: themes, funders, search promotions.
- Superusers manage users; neither group gets any permission on users or groups.

Every function takes the app registry so that the data migration (historical models) and the
runtime (seed_demo, tests) share one definition. All of them are idempotent.
"""

from django.apps import apps as global_apps

EDITORS_GROUP = "Éditeurs ANCT"
CONTRIBUTORS_GROUP = "Chefs de projet"
WORKFLOW_NAME = "Relecture ANCT"
TASK_NAME = "Relecture par les éditeurs ANCT"

# (app_label, model, codename) granted directly to each group.
COMMON_MODEL_PERMISSIONS = [("wagtailadmin", "admin", "access_admin")]
EDITOR_MODEL_PERMISSIONS = COMMON_MODEL_PERMISSIONS + [
    (app, model, f"{action}_{model}")
    for app, model in [
        ("practices", "theme"),
        ("practices", "funder"),
        ("wagtailsearchpromotions", "searchpromotion"),
    ]
    for action in ("add", "change", "delete", "view")
] + [
    ("wagtailsearchpromotions", "query", "view_query"),
    ("communes", "commune", "view_commune"),
    ("contributions", "projectleadprofile", "invite_project_lead"),
    # the header and footer texts and links (Wagtail site setting)
    ("home", "sitechrome", "view_sitechrome"),
    ("home", "sitechrome", "change_sitechrome"),
]
CONTRIBUTOR_MODEL_PERMISSIONS = COMMON_MODEL_PERMISSIONS

# Collection permissions on the root collection (Wagtail checks images and documents per collection).
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", codename) for codename in ("add_image", "change_image", "delete_image", "choose_image")
] + [
    ("wagtaildocs", "document", codename)
    for codename in ("add_document", "change_document", "delete_document", "choose_document")
]
CONTRIBUTOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "choose_document"),
]

# Page permissions: contributors on the practice index, editors on the home page (its subtree
# holds the index, so the home's featured cases and every practice are theirs to publish).
CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.split("_", 1)[0]
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {action} {model}"}
    )
    return permission


def ensure_groups(apps=global_apps):
    """Create both groups with their model and collection permissions; return (editors, contributors)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    contributors, _ = Group.objects.get_or_create(name=CONTRIBUTORS_GROUP)
    root_collection = Collection.objects.filter(depth=1).first()
    for group, model_perms, collection_perms in [
        (editors, EDITOR_MODEL_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS),
        (contributors, CONTRIBUTOR_MODEL_PERMISSIONS, CONTRIBUTOR_COLLECTION_PERMISSIONS),
    ]:
        group.permissions.add(*[_permission(apps, *spec) for spec in model_perms])
        if root_collection is not None:
            for spec in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, *spec)
                )
    return editors, contributors


def ensure_workflow(apps=global_apps):
    """The "Relecture ANCT" workflow: one group approval task for the editors."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _ = ensure_groups(apps)
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(editors)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def grant_page_permissions(index, apps=global_apps):
    """Give both groups their page permissions and attach the workflow to the practice index.

    Called by the data migration when the index already exists, and by whoever creates the
    index later (seed_demo, the tests' site tree)."""
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    editors, contributors = ensure_groups(apps)
    workflow = ensure_workflow(apps)
    home_id = index.get_parent().pk if hasattr(index, "get_parent") else _parent_id(apps, index)
    for codename in CONTRIBUTOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=contributors, page_id=index.pk, permission=_permission(apps, "wagtailcore", "page", codename)
        )
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page_id=home_id, permission=_permission(apps, "wagtailcore", "page", codename)
        )
    WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})


def _parent_id(apps, page):
    """Parent of a historical page (historical models have no treebeard methods)."""
    Page = apps.get_model("wagtailcore", "Page")
    steplen = 4
    return Page.objects.get(path=page.path[: len(page.path) - steplen]).pk


def setup_roles(apps=global_apps):
    """Everything, for every practice index present (the migration's entry point)."""
    ensure_groups(apps)
    ensure_workflow(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    index_type = ContentType.objects.filter(app_label="practices", model="practiceindexpage").first()
    if index_type is not None:
        for index in Page.objects.filter(content_type=index_type):
            grant_page_permissions(index, apps)
