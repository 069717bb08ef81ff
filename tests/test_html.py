"""The HTML page: escaped, self-contained, and readable in a real headless Chromium."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from newsfuse import Article, brief
from newsfuse.render.html import render_html
from newsfuse.render.markdown import render_markdown
from newsfuse.render.wording import counted, shortened

HOSTILE = (
    'Officials said <script>alert("x")</script> nothing happened on Monday, police said. '
    "At least 12 police officers were killed in the capital, the army said. "
    '<img src=x onerror="alert(1)"> Rescue teams worked through the night, officials said.'
)


def test_source_text_is_escaped(resources):
    other = HOSTILE.replace("At least 12", "At least 40")
    page = render_html(
        brief([Article(text=HOSTILE), Article(text=other)], "2023-05-02", resources=resources)
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page


def test_page_is_self_contained(example_brief):
    page = render_html(example_brief)
    assert "<script" not in page.lower()
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert "Content-Security-Policy" in page


def test_sources_link_to_their_web_address_and_nothing_else(resources):
    text = "Rescue teams reached the villages on Tuesday, officials said. " * 3
    articles = [
        Article(text=text, url="https://news.example/a?x=1&y=2", title="Floods", outlet="Daily"),
        Article(text=text.replace("Tuesday", "Monday"), url="javascript:alert(1)", title="Bad"),
        Article(text=text.replace("Tuesday", "Sunday"), url='https://x.example/"onmouseover=1'),
    ]
    page = render_html(brief(articles, "2023-05-02", resources=resources))
    assert (
        '<a href="https://news.example/a?x=1&amp;y=2" rel="noopener noreferrer">Floods</a>'
        ' <span class="small">Daily</span>' in page
    )
    assert "javascript:" not in page.split("<h3>Problems</h3>")[0].split('id="sources"')[1]
    assert 'href="javascript' not in page and 'onmouseover=1"' not in page
    # a link loads nothing when the page is opened: no src or stylesheet reaches the network
    assert not re.search(r"""(?:src|srcset)=["']?https?:""", page)
    assert "<link" not in page and "@import" not in page
    markdown = render_markdown(brief(articles, "2023-05-02", resources=resources))
    assert "| [Floods](<https://news.example/a?x=1&y=2>) |" in markdown
    assert "](<javascript" not in markdown and "| Bad |" in markdown


@pytest.fixture(scope="module")
def chromium():
    path = shutil.which("chromium")
    required = os.environ.get("NEWSFUSE_REQUIRE_BROWSER") == "1"  # set by .ci/run
    if path is None:
        if required:
            pytest.fail("chromium is not installed but NEWSFUSE_REQUIRE_BROWSER=1")
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    if required:
        import playwright.sync_api as playwright
    else:
        playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=path,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def test_example_page_in_a_real_browser(chromium, example_brief, tmp_path):
    html_path = tmp_path / "brief.html"
    html_path.write_text(render_html(example_brief), encoding="utf-8")
    page = chromium.new_page(viewport={"width": 1200, "height": 1600})
    page.goto(html_path.as_uri())
    summary = page.locator("#summary p")
    assert summary.count() == len(example_brief.summary) > 0
    assert summary.first.is_visible()
    conflict = page.locator(".conflict").first
    assert conflict.is_visible() and "security forces" in conflict.inner_text()
    assert page.locator("#timeline svg circle").count() >= 2
    assert page.locator("#timeline svg").is_visible()
    assert page.locator("a.badge").count() >= 1  # contested figures are flagged
    shot = tmp_path / "brief.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_counts_agree_with_their_nouns_and_long_facts_end_on_a_word():
    assert counted(1, "source") == "1 source" and counted(3, "source") == "3 sources"
    assert counted(0, "conflict") == "0 conflicts"
    text = "The alliance would send collective peacekeeping forces for a limited period of time."
    cut = shortened(text, 40)
    assert len(cut) <= 40 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert shortened(text, 200) == text


def test_markdown_renders_no_link_image_or_html_that_a_source_planted(resources):
    from markdown_it import MarkdownIt

    hostile = (
        "[click](javascript:alert(1)) ![x](https://evil.example/p.png) <img src=x onerror=alert(1)>"
    )
    text = "Rescue teams reached the villages on Tuesday, officials said. " * 3
    articles = [
        Article(text=text, title=hostile, outlet=f"Outlet | {hostile}", url="javascript:alert(1)"),
        Article(text=text.replace("Tuesday", "Monday"), title="Plain", language=hostile),
    ]
    markdown = render_markdown(brief(articles, "2023-05-02", resources=resources))
    page = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    assert "<img" not in page and "<a " not in page and "onerror=alert(1)>" not in page
    assert "javascript:alert(1)" in page  # kept as text, so a reader sees what was there
    assert page.count("<tr>") == 1 + len(articles)  # a "|" in a title opens no table cell
