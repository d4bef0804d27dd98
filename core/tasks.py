"""Background work (django-tasks) that any app can share: enqueue without failing the request, retry later.

Production runs django-tasks-db's DatabaseBackend and a `manage.py db_worker` process (README,
deploy/); development and tests run tasks at once (ImmediateBackend). Neither ever sleeps: a
retry is a new task that the worker picks up when its time comes, and where the backend cannot
defer (run at once, inside a request), there is no retry at all, only the caller's own record
of the failure (a cron command sends what is still unsent).
"""

import logging
from datetime import timedelta

from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs):
    """Queue a task; a queue that is down is logged, never the visitor's error. The result, or None."""
    try:
        return task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Could not queue %s%r", task.name, args)
        return None


def can_defer(task):
    """True when the task's backend runs it later in a worker (so a retry can wait there)."""
    return task.get_backend().supports_defer


def retry_later(task, *args, attempt, delay, **kwargs):
    """Queue attempt number `attempt` of a task after `delay` seconds. False when the backend runs
    tasks at once (a request would wait for it): the caller records the failure instead."""
    if not can_defer(task):
        return False
    run_after = timezone.now() + timedelta(seconds=delay)
    return enqueue(task.using(run_after=run_after), *args, attempt=attempt, **kwargs) is not None


def backoff(first_delay, attempt):
    """Seconds before attempt number `attempt` (2, 3, …): first_delay, then doubled each time."""
    return first_delay * 2 ** max(attempt - 2, 0)
