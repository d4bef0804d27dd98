"""Facts about the request that several apps need."""

from django.conf import settings


def client_address(request):
    """The visitor's IP address, for rate limits and login lockout.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends to X-Forwarded-For, the
    visitor's address is that many entries from the end; without proxies it is REMOTE_ADDR.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
