"""web_guard: what stands between ``newsfuse serve`` and the network, as plain ASGI middleware.

- :class:`Guard` refuses a request body over a size cap (413, counted as it streams, so a
  chunked upload with no Content-Length is stopped too), a request without the access token
  when one is set (401), a form posted from another site (403: a page on any site a user visits
  could otherwise post to a server on their loopback), and a request whose Host is not the
  server's (400: DNS rebinding turns a hostile name into 127.0.0.1).
- Every response gets a Content-Security-Policy that allows no script and no remote resource,
  so even a string that escaped escaping could not run.

Written as ASGI middleware rather than FastAPI dependencies so that no route can forget them.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "newsfuse_token"
#: No script, no remote anything; forms post only here; no framing by other sites.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: FastAPI's OpenAPI page loads Swagger UI's script and style from a CDN: allowed there only.
DOCS_PATHS = ("/docs", "/docs/oauth2-redirect")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class _TooLarge(Exception):
    pass


class Guard:
    """The middleware: ``max_body`` bytes per request, ``token`` (None: no token needed),
    ``hosts`` (Host header names accepted; None: any, for a server bound to another
    interface)."""

    def __init__(
        self, app: ASGIApp, *, max_body: int, token: str | None, hosts: frozenset[str] | None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.token = token
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _plain(send, *refusal)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        new_cookie = self.token is not None and query.get("token", [None])[0] == self.token
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = list(message.get("headers", [])) + _security_headers(
                    scope["path"], self.token if new_cookie else None
                )
            await send(message)

        try:
            await self.app(scope, self._counting(receive, headers), guarded_send)
        except _TooLarge:
            if not started:
                await _plain(send, 413, self._too_large())

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = headers.get("host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if self.hosts is not None and name.lower() not in self.hosts:
            return 400, (
                f"this server answers to {', '.join(sorted(self.hosts))}, not {host!r}; open it "
                "by that address (a different name may be a DNS-rebinding page)"
            )
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and _cross_site(headers, host):
            return 403, "refused a form posted from another site; use this server's own pages"
        if self.token is not None and not self._has_token(scope, headers):
            return 401, (
                "this server needs its access token: open it once with ?token=TOKEN (a cookie "
                "keeps it), or send the header 'Authorization: Bearer TOKEN'"
            )
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return 413, self._too_large()
        return None

    def _has_token(self, scope: Scope, headers: dict[str, str]) -> bool:
        assert self.token is not None
        offered = []
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            offered.append(authorization[7:].strip())
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is no token, not a crash
            cookie = SimpleCookie()
        if COOKIE in cookie:
            offered.append(cookie[COOKIE].value)
        offered += parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        return any(secrets.compare_digest(o.encode(), self.token.encode()) for o in offered)

    def _counting(self, receive: Receive, headers: dict[str, str]) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge
            return message

        return counted

    def _too_large(self) -> str:
        return f"the request is over {self.max_body // 1_000_000} MB, the most this server takes"


def _cross_site(headers: dict[str, str], host: str) -> bool:
    """A browser says where a request comes from: Sec-Fetch-Site, else Origin."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin == "null"
    return urlsplit(origin).netloc.lower() != host.lower()


def _security_headers(path: str, token_cookie: str | None) -> list[tuple[bytes, bytes]]:
    headers = [
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]
    if path not in DOCS_PATHS:
        headers.append((b"content-security-policy", PAGE_POLICY.encode()))
    if token_cookie is not None:
        headers.append(
            (
                b"set-cookie",
                f"{COOKIE}={token_cookie}; HttpOnly; SameSite=Strict; Path=/".encode(),
            )
        )
    return headers


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *_security_headers("", None),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
