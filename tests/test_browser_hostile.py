"""A brief built from hostile web pages, opened in a real browser: no dialog opens, no script
runs and no request leaves the page (Debian's chromium through Playwright)."""

from __future__ import annotations

from newsfuse import brief
from newsfuse.render import render

_STORY = (
    "Rescue teams reached the flooded villages of the river delta on Tuesday, officials said. "
    "At least 43 people drowned when the embankment broke, the fire service said. "
    "The government ordered an inquiry into the collapse and promised compensation. "
)
# every way a page could try to run script or call out, in the body, the title and attributes
_ATTACKS = (
    "<script>alert('body');window.__pwned=1</script>",
    "<img src=x onerror=\"alert('img');window.__pwned=2\">",
    "<a href=\"javascript:alert('link')\">click</a>",
    '<iframe src="https://evil.example/frame"></iframe>',
    "<svg onload=\"alert('svg')\"><script>alert('svg script')</script></svg>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<div style="background:url(https://evil.example/bg.png)">styled</div>',
    '<object data="https://evil.example/o.swf"></object>',
    '<form action="https://evil.example/"><input autofocus onfocus="alert(\'focus\')"></form>',
)


def _attribute(text: str) -> str:
    return text.replace('"', "&quot;")


def _page(number: int, attack: str) -> str:
    story = _STORY.replace("43", str(40 + number))
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>Flood {number} {attack}</title>"
        f'<meta property="og:site_name" content="Outlet {number} {_attribute(attack)}">'
        f"{attack}</head><body><article><h1>Flood report {number} {attack}</h1>"
        f"<p>{story}</p><p>{attack} {story}</p>"
        f"<p>“We have never seen water like this {attack},” said Mayor Anna Roe.</p>"
        "</article></body></html>"
    )


def test_a_brief_of_hostile_pages_runs_no_script_and_calls_nowhere(chromium, tmp_path, resources):
    folder = tmp_path / "pages"
    folder.mkdir()
    for number, attack in enumerate(_ATTACKS):
        (folder / f"page-{number}.html").write_text(_page(number, attack), encoding="utf-8")
    result = brief([folder], "2023-05-02", resources=resources)
    assert len(result.sources) == len(_ATTACKS), [p.message for p in result.problems]
    page_path = tmp_path / "brief.html"
    page_path.write_text(render(result, "html"), encoding="utf-8")

    page = chromium.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_path.as_uri())
    # open every folded source text and passage, and follow every citation, so that whatever
    # the page holds is shown
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    for link in page.locator("a.cite").all()[:20]:
        link.click()
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('script, iframe, object, embed').length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror], [onload], [onfocus]').length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert all(h.startswith(("file:", "https:", "http:")) for h in hrefs), hrefs
    assert [url for url in requests if not url.startswith("file:")] == []
    # the attacks are there to read, as text
    assert "onerror" in page.inner_text("body") or "alert" in page.inner_text("body")
    page.close()
