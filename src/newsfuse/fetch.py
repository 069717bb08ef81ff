"""fetch: web pages over HTTP, for ``newsfuse add URL``, ``newsfuse add --feed`` and the add page.

One :class:`Fetcher` (one httpx client) makes every request, with a timeout, a size cap, a
redirect limit, a User-Agent that names newsfuse, and a refusal of every address that is not
public (loopback, link-local, private, reserved, multicast, unspecified) unless ``allow_private``.

The address checked is the address connected to: the host is resolved once, every address it
resolves to is checked, and the request goes to a checked address by IP with the original Host
header (and TLS server name), so a DNS answer that changes between the check and the connection
(DNS rebinding) cannot send the request to another machine. Redirects are followed here, one hop
at a time, each hop checked the same way.

:func:`fetch_article` reads a page as ``brief`` reads a saved one (:mod:`newsfuse.webpage`):
HTML through the same trafilatura path, ``text/plain`` as text.

>>> with Fetcher() as fetcher:                                    # doctest: +SKIP
...     fetched = fetcher.get("https://example.org/")
>>> fetch_article("https://example.org/news/1").title            # doctest: +SKIP
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .defaults import MAX_BYTES
from .errors import NewsfuseError

if TYPE_CHECKING:
    import ssl

    import httpx

    from .model import Article, Problem
    from .settings import Settings

__all__ = ["FetchError", "Fetched", "Fetcher", "check_address", "fetch_article", "fetch_page"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# A server that sends a byte every few seconds never trips the read timeout; the whole body gets
# this many timeouts, enough for the size cap's 20 MB at a slow 400 kB/s.
_BODY_TIMEOUTS = 4

#: The reason of each kind of address that is not fetched, in the order checked: 127.0.0.1 (and
#: 240.0.0.1) are private as well as loopback (reserved), and the narrower name says more.
_NOT_PUBLIC = (
    ("is_unspecified", "an unspecified address"),
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_reserved", "a reserved address"),
    ("is_private", "a private address"),
)


class FetchError(NewsfuseError):
    """A URL could not be fetched or read; the message is a sentence that says why."""

    def __init__(self, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


@dataclass(frozen=True, slots=True)
class Fetched:
    """One response: ``url`` as asked, ``final_url`` after redirects, the body read whole."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    data: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def media_type(self) -> str | None:
        """The content type without its parameters, lower case (``"text/html"``)."""
        if not self.content_type:
            return None
        return self.content_type.split(";", 1)[0].strip().lower() or None

    @property
    def charset(self) -> str | None:
        """The charset the content type names, if any."""
        for parameter in (self.content_type or "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None


def check_address(address: IPAddress | str) -> str | None:
    """Why ``address`` is not a public address (``"a loopback address"``), or None if it is.

    >>> check_address("127.0.0.1"), check_address("::ffff:10.0.0.1"), check_address("8.8.8.8")
    ('a loopback address', 'a private address', None)
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is a socket to 127.0.0.1
    for attribute, kind in _NOT_PUBLIC:
        if getattr(ip, attribute):
            return kind
    if not ip.is_global:  # such as 100.64.0.0/10, a carrier's shared space
        return "not a public address"
    return None


def default_user_agent() -> str:
    """``newsfuse/<version> (+https://pypi.org/project/newsfuse/)``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("newsfuse")
    except PackageNotFoundError:  # running from a source tree
        number = "0+unknown"
    return f"newsfuse/{number} (+https://pypi.org/project/newsfuse/)"


@dataclass(frozen=True, slots=True)
class _Target:
    """Where one request goes: the URL as given, its checked addresses, its Host header."""

    url: httpx.URL
    addresses: tuple[IPAddress, ...]
    host: str  # IDNA-encoded, for the TLS server name


class Fetcher:
    """GET requests with newsfuse's limits and address checks; one httpx client, reused.

    >>> with Fetcher(timeout=5) as fetcher:                       # doctest: +SKIP
    ...     fetcher.get("https://example.org/").status
    200
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = 15.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = 5,
        user_agent: str | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        """``verify``: how TLS certificates are checked (an SSL context with other CAs, for a
        proxy that re-signs or a test server); never False outside a test."""
        import httpx

        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.user_agent = user_agent or default_user_agent()
        # trust_env=False: a proxy from the environment would connect to an address of its own
        # choosing, not the one checked here
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": self.user_agent},
            trust_env=False,
            verify=verify,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refusal(self, address: IPAddress) -> str | None:
        """Why no request may go to ``address`` (None: it may). Override to change the rule."""
        return None if self.allow_private else check_address(address)

    def resolve(self, host: str, port: int) -> list[IPAddress]:
        """Every address ``host`` resolves to, in the resolver's order."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(
                f"the host {host} could not be found ({exc}); check the address", host
            ) from exc
        found: list[IPAddress] = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if address not in found:
                found.append(address)
        return found

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Fetched:
        """GET ``url``, following at most ``max_redirects`` redirects, each hop checked.

        Returns a 2xx response with its whole body, or a 304 (for a conditional GET) with none;
        raises :class:`FetchError` for everything else."""
        current = url
        for _ in range(self.max_redirects + 1):
            fetched, location = self._hop(url, current, dict(headers or {}))
            if fetched is not None:
                return fetched
            current = location or current
        raise FetchError(
            f"gave up on {url}: it redirects more than {self.max_redirects} times (last to "
            f"{current}); newsfuse follows at most {self.max_redirects} redirects",
            url,
        )

    def _hop(
        self, asked: str, url: str, headers: dict[str, str]
    ) -> tuple[Fetched | None, str | None]:
        """One request: the response, or (None, the URL a redirect points to)."""
        import httpx

        where = url if url == asked else f"{url} (a redirect from {asked})"
        target = self._check(url, where)
        try:
            response = self._send(target, headers)
            try:
                return self._response(asked, url, where, response)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise FetchError(
                f"{where} did not answer within {self.timeout:g} seconds; try again later", url
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{where} could not be fetched ({_reason(exc)})", url) from exc

    def _check(self, url: str, where: str) -> _Target:
        """The URL parsed and its host resolved; raises FetchError when it may not be fetched."""
        import httpx

        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError) as exc:
            raise FetchError(f"{url} is not a valid web address ({exc})", url) from exc
        if parsed.scheme not in ("http", "https"):
            raise FetchError(
                f"refused {where}: newsfuse fetches only http:// and https:// addresses", url
            )
        if parsed.userinfo:
            shown = parsed.copy_with(username=None, password=None)  # never repeat a password
            raise FetchError(
                f"refused {shown}: the address carries a user name or password, which newsfuse "
                "does not send; remove it",
                str(shown),
            )
        host = parsed.raw_host.decode("ascii")
        if not host:
            raise FetchError(f"{url} names no host", url)
        try:
            addresses = tuple(self.resolve(host, parsed.port or _PORTS[parsed.scheme]))
        except FetchError as exc:
            raise FetchError(f"{where}: {exc}", url) from exc
        for address in addresses:
            if why := self.refusal(address):
                raise FetchError(
                    f"refused {where}: {_named(host, address, why)}; newsfuse fetches only "
                    "public addresses unless --allow-private is given",
                    url,
                )
        return _Target(url=parsed, addresses=addresses, host=host)

    def _send(self, target: _Target, headers: dict[str, str]) -> httpx.Response:
        """Send to the checked addresses in turn until one takes the connection."""
        import httpx

        sent = {**headers, "Host": target.url.netloc.decode("ascii")}
        extensions = {"sni_hostname": target.host} if target.url.scheme == "https" else {}
        error: httpx.ConnectError | None = None
        for address in target.addresses:
            request = self._client.build_request(
                "GET",
                target.url.copy_with(host=str(address)),
                headers=sent,
                extensions=extensions,
            )
            try:
                return self._client.send(request, stream=True)
            except httpx.ConnectError as exc:  # the next address may answer (IPv6, then IPv4)
                error = exc
        assert error is not None  # resolve() returns at least one address or raises
        raise error

    def _response(
        self, asked: str, url: str, where: str, response: httpx.Response
    ) -> tuple[Fetched | None, str | None]:
        status = response.status_code
        if status in _REDIRECTS and response.headers.get("location"):
            import httpx

            try:
                return None, str(httpx.URL(url).join(response.headers["location"]))
            except (httpx.InvalidURL, ValueError) as exc:
                raise FetchError(f"{where} redirects to an invalid address ({exc})", url) from exc
        if status != 304 and not 200 <= status < 300:
            raise FetchError(
                f"{where} answered {status} {response.reason_phrase}".rstrip()
                + ("; check the address" if status in (404, 410) else "; try again later"),
                url,
            )
        data = b"" if status == 304 else self._body(url, where, response)
        return (
            Fetched(
                url=asked,
                final_url=url,
                status=status,
                content_type=response.headers.get("content-type"),
                data=data,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            ),
            None,
        )

    def _body(self, url: str, where: str, response: httpx.Response) -> bytes:
        """The body, read until the size cap (on the decoded bytes, so a gzip bomb stops too)."""
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(self._too_big(where, int(length)), url)
        deadline = time.monotonic() + self.timeout * _BODY_TIMEOUTS
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(self._too_big(where, None), url)
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{where} took over {self.timeout * _BODY_TIMEOUTS:g} seconds to send its "
                    "page; try again later",
                    url,
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_big(self, where: str, size: int | None) -> str:
        said = f"says it is {size:,} bytes" if size is not None else "is larger than that"
        return (
            f"{where} {said}, over the {self.max_bytes:,}-byte limit for one input; "
            "raise the limit (--max-bytes) to fetch it"
        )


_PORTS = {"http": 80, "https": 443}


def _named(host: str, address: IPAddress, why: str) -> str:
    """'10.0.0.1 is a private address', or 'intranet resolves to 10.0.0.1, a private address'."""
    try:
        literal = ipaddress.ip_address(host) == address
    except ValueError:
        literal = False
    return f"{host} is {why}" if literal else f"{host} resolves to {address}, {why}"


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def fetch_page(url: str, settings: Settings, fetcher: Fetcher) -> tuple[Article, list[Problem]]:
    """The article at ``url`` and the warnings met reading it; raises :class:`FetchError`."""
    from .webpage import page_article

    fetched = fetcher.get(url)
    if fetched.status == 304:  # only a conditional GET gets one, and this one is not
        raise FetchError(f"{url} answered 304 Not Modified to a plain request", url)
    return page_article(fetched, settings)


def fetch_article(
    url: str,
    *,
    allow_private: bool = False,
    settings: Settings | None = None,
    fetcher: Fetcher | None = None,
) -> Article:
    """Fetch ``url`` and read it as ``brief`` reads a saved page; raises :class:`FetchError`.

    A ``fetcher`` given is used as it is (its own ``allow_private``); else one is made with
    ``allow_private`` and the settings' size cap, and closed after.
    """
    from .settings import Settings

    settings = settings or Settings()
    if fetcher is not None:
        return fetch_page(url, settings, fetcher)[0]
    with Fetcher(allow_private=allow_private, max_bytes=settings.max_bytes) as own:
        return fetch_page(url, settings, own)[0]
