"""The shared version stamps that tell every process which cached pages are still current."""

from django.db import models


class Stamp(models.Model):
    """A purge target and a random token that changes whenever its pages change.

    `key` is a URL path ("/ja/faq/": that page, with any query string), a locale ("/ja/*": every
    page in it) or "*" (every page). A cached page remembers the tokens of its three targets when
    it was rendered and is served only while all three are unchanged: one indexed query per
    request, the same for every worker and machine, whatever the cache backend. Tokens are random,
    so that a rolled-back change can never bring back a version another state had.
    """

    key = models.CharField(max_length=255, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "キャッシュの版"
        verbose_name_plural = "キャッシュの版"

    def __str__(self):
        return f"{self.key}={self.token}"
