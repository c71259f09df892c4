from django.conf import settings


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as our own proxies go.

    Each of our TRUSTED_PROXY_COUNT proxies appends the address it saw, so the
    client is that many entries from the right; anything further left was
    written by the client and can be forged.
    """
    count = settings.PRESSOFFICE_TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count][:45]
    return request.META.get("REMOTE_ADDR", "")[:45]
