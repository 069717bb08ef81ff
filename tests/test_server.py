"""newsfuse serve: the real app on uvicorn on a loopback port, over a real SQLite file."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from newsfuse.corpus import add
from newsfuse.model import Brief
from newsfuse.server import create_app

from .conftest import EXAMPLE, assert_spans_valid
from .servers import running_app, serving_folder

HOSTILE = '<script>alert("x")</script> & "quotes"'


def saved_page(title: str, text: str) -> str:
    """A news page as a browser saves it: navigation and footer around the article."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title>"
        '<meta property="og:site_name" content="Steppe Herald"></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        "<footer>© Steppe Herald. All rights reserved. Subscribe to our newsletter.</footer>"
        "</body></html>"
    )


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, resources):
    db = tmp_path_factory.mktemp("serve") / "corpus.db"
    add([EXAMPLE], db=db, resources=resources).store.close()
    return db


@pytest.fixture(scope="module")
def example_server(example_db, resources):
    with running_app(create_app(example_db, resources=resources)) as url:
        yield url


def test_api_lists_the_story_and_serves_its_cited_brief(example_server):
    stories = httpx.get(f"{example_server}/api/stories").json()
    assert [s["size"] for s in stories] == [5]
    story = stories[0]["id"]
    first = httpx.get(f"{example_server}/api/stories/{story}/brief")
    assert first.status_code == 200 and first.headers["content-type"] == "application/json"
    brief = Brief.from_json(first.text)
    assert len(brief.sources) == 5 and brief.summary
    assert assert_spans_valid(brief) > 20
    again = httpx.get(f"{example_server}/api/stories/{story}/brief")
    assert again.content == first.content  # kept in the store, not made again
    assert httpx.get(f"{example_server}/api/stories/999/brief").status_code == 404
    listed = httpx.get(f"{example_server}/api/stories").json()
    assert listed[0]["conflicts"] == len(brief.conflicts)  # known once briefed


def test_pages_show_the_story_its_brief_and_a_cited_passage(example_server):
    listing = httpx.get(f"{example_server}/")
    assert listing.status_code == 200 and "1 stories of 5 articles" in listing.text
    assert "no-referrer" in listing.headers["referrer-policy"]
    assert "script-src" not in listing.headers["content-security-policy"]  # none allowed
    story = httpx.get(f"{example_server}/api/stories").json()[0]["id"]
    page = httpx.get(f"{example_server}/stories/{story}").text
    assert 'id="summary"' in page and 'class="cite"' in page
    links = re.findall(r'href="/articles/(\d+)"', page)
    assert len(links) == 5
    brief = Brief.from_json(httpx.get(f"{example_server}/api/stories/{story}/brief").text)
    span = brief.summary[0].evidence[0]
    source = next(s for s in brief.sources if s.id == span.source)
    # the article page of that source marks exactly the cited passage
    article = int(links[[s.id for s in brief.sources].index(source.id)])
    shown = httpx.get(
        f"{example_server}/articles/{article}", params={"start": span.start, "end": span.end}
    ).text
    marked = re.search(r'<mark[^>]*id="passage"[^>]*>(.*?)</mark>', shown, re.S)
    assert marked and html.unescape(re.sub("<[^>]+>", "", marked.group(1))) == brief.quote(span)
    assert httpx.get(f"{example_server}/articles/99999").status_code == 404
    # each passage opened in the story page links to its article page, which marks it too
    opened = re.findall(r'href="/articles/(\d+)\?start=(\d+)&amp;end=(\d+)#passage"', page)
    assert len(opened) >= len(brief.summary)
    texts = {int(links[n]): s.text for n, s in enumerate(brief.sources)}
    for article, start, end in opened[:3]:
        shown = httpx.get(
            f"{example_server}/articles/{article}", params={"start": start, "end": end}
        ).text
        marked = re.search(r'<mark[^>]*id="passage"[^>]*>(.*?)</mark>', shown, re.S)
        passage = texts[int(article)][int(start) : int(end)]
        assert marked and html.unescape(re.sub("<[^>]+>", "", marked.group(1))) == passage


def test_search_finds_stories_by_name_and_word(example_server):
    assert len(httpx.get(f"{example_server}/api/stories", params={"q": "Tokayev"}).json()) == 1
    assert len(httpx.get(f"{example_server}/api/stories", params={"q": "protests"}).json()) == 1
    assert httpx.get(f"{example_server}/api/stories", params={"q": "volcano"}).json() == []
    assert "No story matches" in httpx.get(f"{example_server}/", params={"q": "volcano"}).text


def test_added_reports_join_a_story_and_titles_render_as_text(tmp_path, resources):
    texts = sorted(EXAMPLE.glob("*.txt"))
    with running_app(create_app(tmp_path / "c.db", resources=resources)) as url:
        first = httpx.post(
            f"{url}/api/articles",
            json={"text": texts[0].read_text(), "title": HOSTILE, "published": "2022-01-06"},
            timeout=60,
        )
        assert first.status_code == 201, first.text
        second = httpx.post(
            f"{url}/api/articles",
            json={"text": texts[1].read_text(), "outlet": "AFP", "published": "2022-01-06"},
            timeout=60,
        ).json()
        assert second["added"][0]["story"] == first.json()["added"][0]["story"]
        again = httpx.post(
            f"{url}/api/articles", json={"text": texts[1].read_text(), "outlet": "AFP"}
        )
        assert again.status_code == 200 and again.json()["skipped"]
        alone = "A volcano erupted on the island on Tuesday, sending ash over three villages."
        planted = httpx.post(f"{url}/api/articles", json={"text": alone, "title": HOSTILE})
        assert planted.status_code == 201
        listing = httpx.get(f"{url}/").text
        assert "<script>alert" not in listing and "&lt;script&gt;alert" in listing
        story = second["added"][0]["story"]
        page = httpx.get(f"{url}/stories/{story}", timeout=60).text
        assert "<script>alert" not in page and "AFP" in page
        alone_page = httpx.get(f"{url}/stories/{planted.json()['added'][0]['story']}").text
        assert "<script>alert" not in alone_page and "&lt;script&gt;alert" in alone_page
        bad = httpx.post(f"{url}/api/articles", json={"text": "x y z", "published": "yesterday"})
        assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text
        neither = httpx.post(f"{url}/api/articles", json={"title": "no text"})
        assert neither.status_code == 422


def test_a_private_url_is_refused_unless_allowed(tmp_path, resources):
    text = sorted(EXAMPLE.glob("*.txt"))[2].read_text()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "report.html").write_text(saved_page("Kazakhstan unrest", text))
    with serving_folder(tmp_path / "site") as site:
        page_url = f"{site}/report.html"
        with running_app(create_app(tmp_path / "a.db", resources=resources)) as url:
            refused = httpx.post(f"{url}/api/articles", json={"url": page_url})
            assert refused.status_code == 422
            [problem] = refused.json()["problems"]
            assert "loopback" in problem["error"] and "--allow-private" in problem["error"]
        app = create_app(tmp_path / "b.db", resources=resources, allow_private=True)
        with running_app(app) as url:
            fetched = httpx.post(f"{url}/api/articles", json={"url": page_url}, timeout=60)
            assert fetched.status_code == 201, fetched.text
            [story] = httpx.get(f"{url}/api/stories").json()
            assert story["title"] == "Kazakhstan unrest" and story["outlets"] == ["Steppe Herald"]


def test_the_add_page_takes_uploads_and_reports_bad_files(tmp_path, resources):
    texts = sorted(EXAMPLE.glob("*.txt"))
    with running_app(create_app(tmp_path / "c.db", resources=resources)) as url:
        files = [
            ("files", ("report.txt", texts[3].read_bytes(), "text/plain")),
            ("files", ("broken.html", b"\x00\x01\x02" * 50, "text/html")),
        ]
        answer = httpx.post(f"{url}/add", files=files, data={"text": ""}, timeout=60)
        assert answer.status_code == 200
        assert "added upload:report.txt" in answer.text and "broken.html" in answer.text
        assert "/tmp" not in answer.text  # named as uploaded, not where it was kept
        empty = httpx.post(f"{url}/add", data={"text": "  "})
        assert empty.status_code == 422 and "nothing to add" in empty.text
        pasted = httpx.post(
            f"{url}/add", data={"text": texts[4].read_text(), "title": "Troops arrive"}
        )
        assert pasted.status_code == 303 and pasted.headers["location"].startswith("/stories/")


def test_the_guard_refuses_what_a_loopback_server_must_not_take(tmp_path, resources):
    app = create_app(tmp_path / "g.db", resources=resources, token="s3cret")
    with running_app(app) as url:
        assert httpx.get(f"{url}/api/stories").status_code == 401
        bearer = {"Authorization": "Bearer s3cret"}
        assert httpx.get(f"{url}/api/stories", headers=bearer).status_code == 200
        opened = httpx.get(f"{url}/", params={"token": "s3cret"})
        assert opened.status_code == 200 and "newsfuse_token=s3cret" in opened.headers["set-cookie"]
        kept = httpx.get(f"{url}/", cookies={"newsfuse_token": "s3cret"})
        assert kept.status_code == 200
        rebinding = httpx.get(f"{url}/", headers={**bearer, "Host": "evil.example"})
        assert rebinding.status_code == 400 and "DNS-rebinding" in rebinding.text
        cross = httpx.post(
            f"{url}/add", data={"text": "x"}, headers={**bearer, "Origin": "http://evil.example"}
        )
        assert cross.status_code == 403
        huge = httpx.post(
            f"{url}/api/articles", content=b"x" * 21_000_000, headers=bearer, timeout=60
        )
        assert huge.status_code == 413 and "MB" in huge.text


def test_serve_command_binds_loopback_and_says_so(tmp_path):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NEWSFUSE_DB": str(tmp_path / "cli.db")}
    command = [sys.executable, "-m", "newsfuse", "serve", "--port", str(port)]
    with subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) as server:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
                    break
                except httpx.TransportError:
                    assert server.poll() is None and time.monotonic() < deadline
                    time.sleep(0.2)
            assert answer.json() == []
            assert json.loads(httpx.get(f"http://127.0.0.1:{port}/openapi.json").text)["paths"]
        finally:
            server.terminate()
            _, err = server.communicate(timeout=20)
    assert f"on http://127.0.0.1:{port}/ (this machine only)" in err


def test_serve_says_when_its_port_is_taken(tmp_path):
    import socket

    from typer.testing import CliRunner

    from newsfuse.cli import app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            app, ["serve", "--db", str(tmp_path / "x.db"), "--port", str(port)]
        )
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
