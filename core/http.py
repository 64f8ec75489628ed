"""The client's address, one definition for the whole site (login lockout, contact limit,
search statistics)."""


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
