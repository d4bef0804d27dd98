from django_tasks import task

from core.tasks import backoff, retry_later

from . import conf
from .services import send_notification


@task()
def notify_staff(inquiry_id, attempt=1):
    """E-mail staff that an inquiry arrived; the inquiry itself is already stored.

    One try per run. In the worker a failure queues the next try after a growing pause
    (INQUIRY_EMAIL_RETRY_DELAY, doubled each time) up to INQUIRY_EMAIL_ATTEMPTS; where tasks run
    at once (in the request), nothing waits: the inquiry stays marked unsent for
    retry_inquiry_emails.
    """
    if send_notification(inquiry_id):
        return True
    if attempt < conf.get("INQUIRY_EMAIL_ATTEMPTS"):
        retry_later(
            notify_staff,
            inquiry_id,
            attempt=attempt + 1,
            delay=backoff(conf.get("INQUIRY_EMAIL_RETRY_DELAY"), attempt + 1),
        )
    return False
