"""URL and feed intake against a real HTTP server on loopback: address checks, limits, pages,
feeds read once, conditional GETs, and the store's feed tables (schema 2 -> 3)."""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import sqlite3
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.corpus import add
from newsfuse.fetch import Fetcher, FetchError, check_address, fetch_article
from newsfuse.store import SCHEMA_VERSION, Store

from .conftest import FIXTURES

runner = CliRunner()

PLAIN = (
    "Council approves new tram line\n\nThe city council voted 31 to 12 on Monday to build a "
    "tram line between the station and the university, at a cost of 240 million euros."
)

BRIDGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Old bridge closed after inspectors find cracks | River Gazette</title>
<meta property="og:site_name" content="River Gazette"></head><body><nav>Home | News</nav>
<article><h1>Old bridge closed after inspectors find cracks</h1>
<p>The old stone bridge over the river was closed to all traffic on Thursday after inspectors
found deep cracks in two of its arches, the city's transport department said.</p>
<p>About 18,000 vehicles cross the bridge every day. Buses will be diverted over the ring road,
adding about twenty minutes to journeys into the centre, the department said in a statement.</p>
<p>"We cannot take any risk with a structure of this age," said the chief engineer, Marta Lind,
who said repairs could take until the end of the year and would cost about 12 million euros.</p>
<p>Shopkeepers near the bridge said they feared losing customers during the closure.</p>
</article><footer>(c) River Gazette</footer></body></html>"""

FIRE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Wildfire forces 2,000 people from hillside villages | Valley Times</title>
<meta property="og:site_name" content="Valley Times"></head><body><nav>Home | News</nav>
<article><h1>Wildfire forces 2,000 people from hillside villages</h1>
<p>A wildfire driven by strong winds forced about 2,000 people to leave five hillside villages
overnight, the regional fire service said on Saturday, as crews fought the flames from the air.</p>
<p>Eight aircraft and more than 300 firefighters were deployed. No one was hurt, but at least
fifteen houses and several barns were destroyed near the village of Santa Clara.</p>
<p>"The wind changed direction three times in an hour," said a fire service spokesman, Luis
Prado. The authorities said the cause of the fire was being investigated.</p>
<p>Evacuated residents were sheltering in a sports hall in the nearby market town.</p>
</article><footer>(c) Valley Times</footer></body></html>"""

# the feed's own text of an entry whose page is gone: a whole article (over 60 words)
FULL_ENTRY = (
    "<p>Fishermen in the northern harbour staged a protest on Friday against new quotas that "
    "they say will halve their catch of cod next year, blocking the entrance to the port with "
    "about forty boats for most of the morning.</p><p>The ministry said the quotas followed "
    "scientific advice on falling stocks and would be reviewed in the spring. Union leaders "
    "said they would meet the minister next week and did not rule out further protests in "
    "other ports along the coast.</p>"
)


def _feed(base: str, items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, link, content) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{link}</link><guid>{guid}</guid>"
        f"<pubDate>Thu, 11 May 2023 08:00:00 +0000</pubDate>"
        f"<description><![CDATA[{content}]]></description></item>"
        for guid, title, link, content in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Local Wire</title><link>{base}/</link><language>en</language>{entries}"
        "</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    """The test site: pages, a feed with an ETag, redirects, a big body, a slow answer."""

    hits: ClassVar[Counter] = Counter()
    headers_seen: ClassVar[dict[str, dict[str, str]]] = {}

    def log_message(self, *args: object) -> None:  # keep pytest's output clean
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        _Handler.hits[path] += 1
        _Handler.headers_seen[path] = dict(self.headers.items())
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        route = self._routes(base).get(path)
        if route is not None:
            route()
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/storm.html")
        else:
            self._send(404, b"not here", "text/plain")

    def _routes(self, base: str) -> dict:
        storm = (FIXTURES / "storm-report.html").read_bytes()
        news = [("bridge", "Old bridge closed", "/news/bridge.html", "Inspectors found cracks.")]
        news.append(("fire", "Wildfire forces 2,000 out", "/news/fire.html", "Crews fight it."))
        fallback = [
            ("quota", "Fishermen protest quotas", "/gone/quota.html", FULL_ENTRY),
            ("teaser", "Ferry delayed", "/gone/ferry.html", "A ferry was delayed by fog."),
        ]
        return {
            "/storm.html": lambda: self._send(200, storm, "text/html; charset=utf-8"),
            "/news/bridge.html": lambda: self._send(200, BRIDGE.encode(), "text/html"),
            "/news/fire.html": lambda: self._send(200, FIRE.encode(), "text/html; charset=utf-8"),
            "/plain.txt": lambda: self._send(200, PLAIN.encode(), "text/plain; charset=utf-8"),
            "/untyped": lambda: self._send(200, BRIDGE.encode(), "application/octet-stream"),
            "/latin1.txt": lambda: self._send(
                200,
                "Café owners in Málaga protest.".encode("latin-1"),
                "text/plain; charset=latin-1",
            ),
            "/image.png": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
            "/feed.rss": lambda: self._conditional(_feed(base, news)),
            "/plain-feed.rss": lambda: self._send(200, _feed(base, news), "application/rss+xml"),
            "/fallback.rss": lambda: self._send(200, _feed(base, fallback), "application/rss+xml"),
            "/big": lambda: self._send(200, b"x" * 5000, "text/plain"),
            "/big-stream": self._stream_big,
            "/slow": self._slow,
            "/echo": lambda: self._send(200, b"hello, this is the echo page", "text/plain"),
            "/to-private": lambda: self._redirect("http://10.1.2.3/secret"),
            "/to-loopback6": lambda: self._redirect("http://[::1]/secret"),
        }

    def _send(self, status: int, body: bytes, kind: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _conditional(self, body: bytes) -> None:
        etag = '"feed-v1"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        validators = {"ETag": etag, "Last-Modified": "Thu, 11 May 2023 08:00:00 GMT"}
        self._send(200, body, "application/rss+xml", validators)

    def _stream_big(self) -> None:
        # no Content-Length: HTTP/1.0 ends the body when the connection closes, so only the
        # running count can stop it
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # the fetcher stops reading, as it should
            for _ in range(10):
                self.wfile.write(b"y" * 1000)

    def _slow(self) -> None:
        time.sleep(1.5)
        with contextlib.suppress(ConnectionError):  # the fetcher gave up, as it should
            self._send(200, b"late", "text/plain")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(allow_private=True, timeout=5) as made:
        yield made


# ---------------------------------------------------------------------------------------------
# Addresses


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped IPv6
        ("10.20.30.40", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fd12:3456::1", "a private address"),
        ("::ffff:192.168.0.1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # the cloud metadata service
        ("fe80::1", "a link-local address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("93.184.215.14", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_check_address_names_what_is_not_public(address, kind):
    assert check_address(ipaddress.ip_address(address)) == kind
    assert check_address(address) == kind


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://127.0.0.1:{port}/storm.html", "127.0.0.1 is a loopback address"),
        ("http://localhost:{port}/storm.html", "localhost resolves to"),
        ("http://10.0.0.7/news", "10.0.0.7 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://[::1]:{port}/storm.html", "::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]:{port}/", "a loopback address"),
    ],
)
def test_private_addresses_are_refused_and_the_message_says_why(site, url, said):
    url = url.format(port=site.rsplit(":", 1)[1])
    with Fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    message = str(caught.value)
    assert message.startswith(f"refused {url}: ") and said in message
    assert "newsfuse fetches only public addresses unless --allow-private is given" in message
    with pytest.raises(FetchError, match=r"loopback|private|link-local"):
        fetch_article(url)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "http://user:s3cret@example.org/"]
)
def test_other_schemes_and_credentials_are_refused(url):
    with Fetcher() as fetcher, pytest.raises(FetchError, match=r"^refused") as caught:
        fetcher.get(url)
    assert "s3cret" not in str(caught.value)


class _ServerIsPublic(Fetcher):
    """A fetcher that takes the test server's address as public and applies the real rule to
    every other: so that a redirect's second hop meets the check a public site's would."""

    def refusal(self, address):
        return None if str(address) == "127.0.0.1" else super().refusal(address)


@pytest.mark.parametrize(
    ("path", "said"),
    [("/to-private", "10.1.2.3 is a private address"), ("/to-loopback6", "::1 is a loopback")],
)
def test_every_redirect_hop_is_checked(site, path, said):
    with _ServerIsPublic(timeout=5) as fetcher:
        assert fetcher.get(f"{site}/echo").status == 200  # the first hop passes
        with pytest.raises(FetchError) as caught:
            fetcher.get(site + path)
    message = str(caught.value)
    assert said in message and f"a redirect from {site}{path}" in message


def test_the_request_goes_to_the_checked_address_with_the_original_host(site, fetcher):
    port = site.rsplit(":", 1)[1]
    fetched = fetcher.get(f"http://localhost:{port}/echo")
    seen = _Handler.headers_seen["/echo"]
    assert fetched.status == 200 and fetched.final_url == f"http://localhost:{port}/echo"
    assert seen["Host"] == f"localhost:{port}"
    assert seen["User-Agent"].startswith("newsfuse/")
    assert "(+https://pypi.org/project/newsfuse/)" in seen["User-Agent"]


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory) -> Iterator[tuple[str, ssl.SSLContext, list[str]]]:
    """The test site over TLS with a certificate for 'localhost' only (not for 127.0.0.1): the
    base URL, a client context that trusts it, and the server names (SNI) clients sent."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost"),
        ],
        check=True,
        capture_output=True,
    )
    names: list[str] = []
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    server_context.sni_callback = lambda sock, name, ctx: names.append(name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield (
            f"https://localhost:{server.server_address[1]}",
            ssl.create_default_context(cafile=str(cert)),
            names,
        )
    finally:
        server.shutdown()
        server.server_close()


def test_https_goes_to_the_checked_address_with_the_host_as_server_name(tls_site):
    base, context, names = tls_site
    with Fetcher(allow_private=True, verify=context, timeout=5) as fetcher:
        fetched = fetcher.get(f"{base}/echo")
        assert fetched.status == 200 and fetched.data.startswith(b"hello")
        assert names[-1] == "localhost"  # the certificate was checked for the name, not the IP
        assert _Handler.headers_seen["/echo"]["Host"] == base.removeprefix("https://")
        with pytest.raises(FetchError, match="certificate"):  # and it is checked
            fetcher.get(base.replace("localhost", "127.0.0.1") + "/echo")


# ---------------------------------------------------------------------------------------------
# Limits


def test_redirects_are_followed_up_to_the_limit(site, fetcher):
    fetched = fetcher.get(f"{site}/redirect/3")
    assert fetched.url == f"{site}/redirect/3" and fetched.final_url == f"{site}/storm.html"
    assert fetched.status == 200 and b"Storm cuts power" in fetched.data
    with Fetcher(allow_private=True, max_redirects=2) as strict, pytest.raises(FetchError) as e:
        strict.get(f"{site}/redirect/3")
    assert "redirects more than 2 times" in str(e.value)


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_a_body_over_the_size_cap_is_refused(site, path):
    with Fetcher(allow_private=True, max_bytes=1000) as fetcher, pytest.raises(FetchError) as e:
        fetcher.get(site + path)
    assert "over the 1,000-byte limit" in str(e.value) and "--max-bytes" in str(e.value)


def test_a_slow_server_times_out(site):
    started = time.monotonic()
    with Fetcher(allow_private=True, timeout=0.3) as fetcher, pytest.raises(FetchError) as e:
        fetcher.get(f"{site}/slow")
    assert "did not answer within 0.3 seconds" in str(e.value)
    assert time.monotonic() - started < 1.2


def test_an_error_status_names_it_and_304_is_returned(site, fetcher):
    with pytest.raises(FetchError, match="answered 404 Not Found"):
        fetcher.get(f"{site}/missing")
    first = fetcher.get(f"{site}/feed.rss")
    assert first.etag == '"feed-v1"' and first.last_modified and first.data
    again = fetcher.get(f"{site}/feed.rss", headers={"If-None-Match": first.etag})
    assert again.status == 304 and again.data == b""


# ---------------------------------------------------------------------------------------------
# Pages


def test_an_html_page_is_read_like_a_saved_one(site, fetcher):
    article = fetch_article(f"{site}/redirect/1", fetcher=fetcher)
    assert article.title == "Storm cuts power to 40,000 homes on the coast"
    assert article.url == f"{site}/storm.html"  # the final URL, not the page's canonical link
    assert article.path is None and article.outlet == "Coastal Herald"
    assert str(article.published) == "2023-03-14"
    assert "40,000 homes" in article.text and "Most read" not in article.text


def test_a_plain_text_page_is_read_as_text_and_other_types_are_refused(site, fetcher):
    article = fetch_article(f"{site}/plain.txt", fetcher=fetcher)
    assert article.text == PLAIN and article.url == f"{site}/plain.txt"
    with pytest.raises(FetchError, match="image/png, not a web page"):
        fetch_article(f"{site}/image.png", fetcher=fetcher)
    with pytest.raises(FetchError, match="give a feed with --feed"):
        fetch_article(f"{site}/plain-feed.rss", fetcher=fetcher)
    article = fetch_article(f"{site}/storm.html", allow_private=True)  # a fetcher of its own
    assert article.outlet == "Coastal Herald"
    # no content type: the bytes say HTML; a charset in the header is the one used
    assert fetch_article(f"{site}/untyped", fetcher=fetcher).outlet == "River Gazette"
    assert fetch_article(f"{site}/latin1.txt", fetcher=fetcher).text.startswith(
        "Café owners in Málaga"
    )


# ---------------------------------------------------------------------------------------------
# Feeds and the add command


def test_a_feed_is_added_once_and_then_answers_304(site, tmp_path, resources):
    db = tmp_path / "feeds.db"
    feed = f"{site}/feed.rss"
    first = add(feeds=[feed, feed], db=db, allow_private=True, resources=resources, analyse=False)
    assert len(first.added) == 2 and not first.problems, first.problems
    assert [(f.status, f.entries, f.new) for f in first.feeds] == [("read", 2, 2)]
    with Store(db) as store:
        assert store.feed_validators(feed) == ('"feed-v1"', "Thu, 11 May 2023 08:00:00 GMT")
        assert store.seen_entries(feed, ["bridge", "fire", "other"]) == {"bridge", "fire"}
        rows = dict(store.db.execute("SELECT key, title FROM articles"))
        urls = {r[0] for r in store.db.execute("SELECT url FROM articles")}
    assert rows == {
        "bridge": "Old bridge closed after inspectors find cracks",
        "fire": "Wildfire forces 2,000 people from hillside villages",
    }
    assert urls == {f"{site}/news/bridge.html", f"{site}/news/fire.html"}
    pages = _Handler.hits["/news/bridge.html"]
    again = add(feeds=[feed], db=db, allow_private=True, resources=resources, analyse=False)
    assert not again.added and not again.skipped and not again.problems
    assert [f.status for f in again.feeds] == ["unchanged"]
    assert _Handler.headers_seen["/feed.rss"]["If-None-Match"] == '"feed-v1"'
    assert _Handler.hits["/news/bridge.html"] == pages  # no page fetched again


def test_a_feed_without_validators_fetches_only_its_new_entries(site, tmp_path, resources):
    db, feed = tmp_path / "plain.db", f"{site}/plain-feed.rss"
    first = add(feeds=[feed], db=db, allow_private=True, resources=resources, analyse=False)
    assert len(first.added) == 2
    pages = _Handler.hits["/news/fire.html"]
    again = add(feeds=[feed], db=db, allow_private=True, resources=resources, analyse=False)
    assert not again.added and [(f.status, f.new) for f in again.feeds] == [("read", 0)]
    assert _Handler.hits["/news/fire.html"] == pages


def test_an_entry_whose_page_fails_falls_back_on_the_feed_text_or_is_a_problem(
    site, tmp_path, resources
):
    db, feed = tmp_path / "fallback.db", f"{site}/fallback.rss"
    first = add(feeds=[feed], db=db, allow_private=True, resources=resources, analyse=False)
    assert [a.key for a in first.added] == ["quota"]  # the whole text the feed carries
    errors = [p for p in first.problems if p.severity == "error"]
    assert len(errors) == 1 and "Ferry delayed" in errors[0].error
    assert "404 Not Found" in errors[0].error and "only 6 words" in errors[0].error
    assert any("were read instead" in p.error for p in first.problems if p.severity == "warning")
    with Store(db) as store:
        assert store.seen_entries(feed, ["quota", "teaser"]) == {"quota"}
        assert store.feed_validators(feed) == (None, None)  # not complete: no validators kept
    again = add(feeds=[feed], db=db, allow_private=True, resources=resources, analyse=False)
    assert not again.added and [f.new for f in again.feeds] == [1]  # the failed one, again
    assert [p.path for p in again.problems if p.severity == "error"] == [f"{site}/gone/ferry.html"]


def test_add_fetches_urls_and_feeds_from_the_command_line(site, tmp_path):
    db = tmp_path / "cli.db"
    base = ["add", "--db", str(db), "--no-analyse"]
    refused = runner.invoke(app, [*base, f"{site}/storm.html"])
    assert refused.exit_code == 1 and not isinstance(refused.exception, FetchError)
    assert "127.0.0.1 is a loopback address" in refused.stderr
    assert "--allow-private" in refused.stderr and "Traceback" not in refused.output
    first = runner.invoke(
        app,
        [
            *base,
            "--allow-private",
            f"{site}/storm.html",
            f"{site}/missing",
            "--feed",
            site + "/feed.rss",
        ],
    )
    assert first.exit_code == 0, first.output
    assert f"added {site}/storm.html -> new story" in first.stdout
    assert first.stdout.count("added ") == 3 and "2 entries, 2 new" in first.stdout
    assert f"{site}/missing answered 404 Not Found" in first.stderr
    second = runner.invoke(app, [*base, "--allow-private", "--feed", f"{site}/feed.rss"])
    assert second.exit_code == 0, second.output
    assert "unchanged since it was last read" in second.stdout
    assert "added 0 articles" in second.stderr
    again = runner.invoke(app, [*base, "--allow-private", f"{site}/storm.html"])
    assert again.exit_code == 0 and "already in the database" in again.stdout


def test_brief_still_asks_for_a_saved_page():
    result = runner.invoke(app, ["brief", "https://example.org/news/1"])
    assert result.exit_code == 1 and "is a web address" in result.stderr


# ---------------------------------------------------------------------------------------------
# The store's feed tables


def test_a_store_of_schema_2_is_migrated_and_keeps_its_articles(tmp_path, resources):
    db = tmp_path / "v2.db"
    source = tmp_path / "tram.txt"
    source.write_text(PLAIN, encoding="utf-8")
    add([source], db=db, resources=resources, analyse=False)
    # what newsfuse with schema 2 left: the same tables but the feed tables, and version 2
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE feeds")
        conn.execute("DROP TABLE feed_entries")
        conn.execute("DROP INDEX stories_recent")  # schema 4
        conn.execute("PRAGMA user_version=2")
    with Store(db) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert store.article_count() == 1
        assert store.feed_validators("https://example.org/feed") == (None, None)
        with store.transaction():
            store.mark_seen("https://example.org/feed", ["a", "b"])
            store.save_feed("https://example.org/feed", '"x"', None)
    with Store(db) as store:
        assert store.seen_entries("https://example.org/feed", ["a", "c"]) == {"a"}
        assert store.feed_validators("https://example.org/feed") == ('"x"', None)
