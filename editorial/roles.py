"""The three staff roles and the review workflow.

- 編集者 (editors): add and edit pages; their changes go live only through the review workflow.
- 公開担当 (publishers): review, approve, publish, schedule, lock and roll back pages.
- The office details (core.Office) go through the same review: editors change and submit them,
  publishers approve, publish, lock and roll them back.
- 翻訳者 (translators): edit and publish the やさしい日本語 and English pages only, never the Japanese source.

`install_roles(apps)` works with the historical models of a migration and with the real ones, so
the data migration and `ensure_roles()` share one definition. Translators' permissions hang on the
home page of each translated locale, which exists only after the seed (or staff) created the
translations: the seed loader calls `ensure_roles()` after creating them, and it is idempotent.
"""

from django.apps import apps as django_apps
from django.db import transaction

from language.locales import TRANSLATED

EDITORS = "編集者"
PUBLISHERS = "公開担当"
TRANSLATORS = "翻訳者"
ROLES = (EDITORS, PUBLISHERS, TRANSLATORS)

WORKFLOW_NAME = "公開前の確認"
TASK_NAME = "公開担当の承認"

# Page permissions on the root page, so they cover every page of every locale.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}
# Page permissions on the home page of each translated locale only.
TRANSLATOR_PAGE_PERMISSIONS = ["change_page", "publish_page"]

# Snippets moderated by the review workflow (Wagtail's WorkflowContentType), as (app_label, model).
REVIEWED_SNIPPETS = [("core", "office")]

# (app_label, model, codename) permissions that are not about pages.
GLOBAL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "admin", "access_admin"), ("core", "office", "change_office")],
    PUBLISHERS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("core", "office", "change_office"),
        ("core", "office", "publish_office"),
        ("core", "office", "lock_office"),
        ("core", "office", "unlock_office"),
        ("wagtail_localize", "translation", "submit_translation"),
    ],
    TRANSLATORS: [
        ("wagtailadmin", "admin", "access_admin"),
        # Needed to start and sync translations (wagtail-localize's "Sync translated pages").
        ("wagtail_localize", "translation", "submit_translation"),
    ],
}
# Images and documents: permissions on the root collection.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )
    return permission


def install_roles(apps=django_apps):
    """Create (or complete) the groups, their permissions and the site-wide review workflow."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    for name, permissions in GLOBAL_PERMISSIONS.items():
        groups[name].permissions.add(*(_permission(apps, *spec) for spec in permissions))

    root = Page.objects.filter(depth=1).first()
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            permission = _permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=groups[name], page=root, permission=permission)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name in (EDITORS, PUBLISHERS):
            for app_label, model, codenames in COLLECTION_PERMISSIONS:
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )

    _install_workflow(apps, groups[PUBLISHERS], root)
    assign_translator_pages(apps)
    return groups


def _install_workflow(apps, publishers, root):
    """One approval task by 公開担当, on the root page (every page of every locale is moderated) and on
    the reviewed snippets."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(publishers)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root is not None:
        # Replaces Wagtail's default "Moderators approval" on the root page.
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for app_label, model in REVIEWED_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})


def assign_translator_pages(apps=django_apps):
    """Give 翻訳者 edit and publish rights on the home page of each translated locale that exists."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is None:
        return []
    homes = list(Page.objects.filter(depth=2, locale__language_code__in=TRANSLATED))
    for home in homes:
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            permission = _permission(apps, "wagtailcore", "page", codename)
            GroupPagePermission.objects.get_or_create(group=translators, page=home, permission=permission)
    return homes


def ensure_roles():
    """Idempotent: the roles, the workflow and the translators' locale permissions. Call after seeding."""
    with transaction.atomic():
        return install_roles(django_apps)
