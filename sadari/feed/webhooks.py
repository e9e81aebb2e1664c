"""Webhook mechanics without the database: signatures, the SSRF guard and the HTTP POST.

Signature: ``X-Sadari-Signature: sha256=<hex>`` where ``<hex>`` is the HMAC-SHA256, keyed with
the subscription's secret, of ``<X-Sadari-Timestamp> + "." + <raw body bytes>``.
"""

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Sadari-Signature"
TIMESTAMP_HEADER = "X-Sadari-Timestamp"
EVENT_ID_HEADER = "X-Sadari-Event-Id"
USER_AGENT = "Sadari-Webhooks/1"


class UnsafeTargetError(ValueError):
    """A webhook target that is not http(s), or resolves to a private or local address."""


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The value of X-Sadari-Signature for ``body`` sent at ``timestamp`` (unix seconds)."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300
) -> bool:
    """The receiver's check (docs/change-feed.md shows the same in a few lines): the signature
    matches and the timestamp is within ``tolerance`` seconds of now (replay protection)."""
    try:
        age = abs(time.time() - int(timestamp))
    except ValueError:
        return False
    return age <= tolerance and hmac.compare_digest(sign(secret, timestamp, body), signature)


def signed_headers(
    *, secret: str, event_id: str, body: bytes, timestamp: str | None = None
) -> dict[str, str]:
    timestamp = timestamp or str(int(time.time()))
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        TIMESTAMP_HEADER: timestamp,
        EVENT_ID_HEADER: event_id,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def _is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_target_url(url: str, *, allow_private: bool) -> None:
    """Raises UnsafeTargetError unless ``url`` is http(s) with a host and — when
    ``allow_private`` is false — every address the host resolves to is a global one (no
    loopback, private, link-local, CGNAT, reserved or multicast: the SSRF guard)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeTargetError("not a valid URL") from exc
    if parts.scheme not in {"http", "https"}:
        raise UnsafeTargetError("only http and https URLs are allowed")
    if not parts.hostname:
        raise UnsafeTargetError("the URL has no host")
    if parts.username or parts.password:
        raise UnsafeTargetError("credentials in the URL are not allowed")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 443, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise UnsafeTargetError("the host name does not resolve") from exc
    addresses = {info[4][0] for info in infos}
    if not addresses or not all(_is_public_address(str(a)) for a in addresses):
        raise UnsafeTargetError("the host resolves to a private or local address")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect could point at an internal address the guard never saw: treat 3xx as an answer."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class PostResult:
    status_code: int | None
    excerpt: str
    error: str

    @property
    def is_success(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(
    url: str, body: bytes, headers: dict[str, str], *, timeout: float, excerpt_chars: int
) -> PostResult:
    """POSTs ``body``; never raises for network or HTTP errors (they are in the result)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - scheme checked by check_target_url
    try:
        with _opener.open(request, timeout=timeout) as response:
            text = response.read(excerpt_chars * 4).decode("utf-8", "replace")
            return PostResult(response.status, text[:excerpt_chars], "")
    except urllib.error.HTTPError as exc:
        text = exc.read(excerpt_chars * 4).decode("utf-8", "replace") if exc.fp else ""
        return PostResult(exc.code, text[:excerpt_chars], f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return PostResult(None, "", f"{type(exc).__name__}: {reason}"[:excerpt_chars])
