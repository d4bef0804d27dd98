"""Read and change the version stamps (see models.Stamp) of purge targets.

A target is a URL path ("/ja/faq/"), a locale ("/ja/*") or everything ("*"). Reading the three
targets of a request is one primary-key query, so every process sees a purge made by any other.
"""

import uuid
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone

from .models import Stamp

EVERYTHING = "*"


def locale_target(path):
    """ "/ja/faq/" -> "/ja/*": the target that stands for every page of the path's locale."""
    return "/" + path.lstrip("/").split("/", 1)[0] + "/*"


def targets(path):
    """What a cached page at `path` depends on: itself, its locale and everything."""
    return (path, locale_target(path), EVERYTHING)


def read(path):
    """(version, last change or None) of the page at `path`: the version changes with any purge of its targets.

    The version is "<path>:<locale>:<everything>" tokens; its last two parts alone change with anything
    shown on every page of the locale (menus, footer, office details).
    """
    keys = targets(path)
    with connection.cursor() as cursor:
        cursor.execute(_select_sql(), keys)
        rows = {key: (token, changed) for key, token, changed in cursor.fetchall()}
    version = ":".join(rows[k][0] if k in rows else "-" for k in keys)
    changes = [_aware(changed) for _token, changed in rows.values()]
    return version, max(changes) if changes else None


def bump(keys):
    """Give each target a new token: every cached copy of its pages, in every process, is stale now."""
    keys = sorted(set(keys))
    if not keys:
        return
    now = timezone.now()
    Stamp.objects.bulk_create(
        [Stamp(key=key, token=uuid.uuid4().hex, changed_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["token", "changed_at"],
    )


def _select_sql():
    # Plain SQL: this runs on every cached request, and the ORM would double its cost.
    q = connection.ops.quote_name
    table = q(Stamp._meta.db_table)
    return f"SELECT {q('key')}, {q('token')}, {q('changed_at')} FROM {table} WHERE {q('key')} IN (%s, %s, %s)"  # noqa: S608


def _aware(value):
    # SQLite gives naive UTC text; PostgreSQL an aware datetime.
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
