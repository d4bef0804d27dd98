"""Preview for headless clients: a staff member gets a signed, expiring URL for a page's draft revision.

The URL itself is the credential (like a share link): the frontend that renders the preview needs no
login. It is signed with SECRET_KEY, names one revision, and expires after PREVIEW_MAX_AGE. Only a
logged-in user who may edit the page can get one. Preview responses are never cached.
"""

from datetime import timedelta

from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Router
from ninja.errors import HttpError
from pydantic import Field
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Page, Revision

from core.schema import Strict

from . import content

PREVIEW_MAX_AGE = 3600  # seconds a preview URL stays valid
SALT = "cms.api.preview"
router = Router(tags=["preview"])


class PreviewLink(Strict):
    url: str = Field(description="GET this URL (no login needed) for the revision's content, until expires_at.")
    revision_id: int
    expires_at: str = Field(description="ISO 8601")


def sign(page_id, revision_id):
    return signing.dumps({"page": page_id, "revision": revision_id}, salt=SALT)


@router.get(
    "/pages/{page_id}/preview-url/",
    response={200: PreviewLink, 400: ProblemDetail, 401: ProblemDetail, 403: ProblemDetail, 404: ProblemDetail},
    operation_id="pages_preview_url",
    summary="Signed preview URL for the latest revision (staff)",
    openapi_extra={"security": [{"session": []}]},
)
def preview_url(request: HttpRequest, page_id: int = Path(..., ge=1, le=content.ID_MAX)):
    """For a logged-in editor: a signed URL showing the page's latest revision, draft or not."""
    if not request.user.is_authenticated:
        raise HttpError(401, "Log in to the Wagtail admin first")
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404(f"No page with id {page_id}")
    if not page.permissions_for_user(request.user).can_edit():
        raise HttpError(403, "You may not edit this page")
    revision = page.get_latest_revision()
    if revision is None:
        raise Http404("This page has no revision")
    path = reverse("api_v3:pages_preview", kwargs={"token": sign(page.pk, revision.pk)})
    response = HttpResponse(
        PreviewLink(
            url=request.build_absolute_uri(path),
            revision_id=revision.pk,
            expires_at=(timezone.now() + timedelta(seconds=PREVIEW_MAX_AGE)).isoformat(),
        ).model_dump_json(),
        content_type="application/json",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@router.get(
    "/preview/{token}/",
    response={200: content.PageDetail, 403: ProblemDetail, 404: ProblemDetail},
    operation_id="pages_preview",
    url_name="pages_preview",
    summary="A page revision by signed preview URL",
)
def preview(request: HttpRequest, token: str):
    """The content of the revision named in the signed token, in the same shape as the page detail."""
    try:
        claim = signing.loads(token, salt=SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise HttpError(403, "This preview URL has expired; ask for a new one") from exc
    except signing.BadSignature as exc:
        raise HttpError(403, "Not a valid preview URL") from exc
    revision = Revision.page_revisions.filter(pk=claim["revision"], object_id=str(claim["page"])).first()
    if revision is None:
        raise Http404("This revision no longer exists")
    page = revision.as_object()
    data = content.page_detail(page, content.Context(request, content.public_pages()))
    adapter = content.page_detail_adapter
    response = HttpResponse(adapter.dump_json(adapter.validate_python(data)), content_type="application/json")
    response["Cache-Control"] = "private, no-store"
    return response
