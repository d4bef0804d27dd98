"""Who may see the admin's lists of content (the translation status report and its dashboard
panel): staff who work on pages, that is with any page permission (add, change or publish) on
any page, as Wagtail's own reports require. Everyone else (お問い合わせ担当 only, say) gets a 403:
a list of every page title, drafts included, is not theirs to read."""

from functools import wraps

from wagtail.permission_policies.pages import PagePermissionPolicy

from core.forbidden import forbidden

EDITORIAL_ACTIONS = ["add", "change", "publish"]


def is_editorial_staff(user):
    return PagePermissionPolicy().user_has_any_permission(user, EDITORIAL_ACTIONS)


def editorial_staff_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not is_editorial_staff(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return checked
