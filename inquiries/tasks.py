from django_tasks import task

from .services import send_notification


@task()
def notify_staff(inquiry_id):
    """E-mail staff that an inquiry arrived (with retries); the inquiry itself is already stored."""
    return send_notification(inquiry_id)
