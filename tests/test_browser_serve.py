"""newsfuse serve in a real browser: Debian's chromium driven by Playwright against the real
server on a loopback port, over a real SQLite file."""

from __future__ import annotations

from newsfuse.render.html_style import TARGET_COLOUR
from newsfuse.server import create_app

from .conftest import EXAMPLE
from .servers import running_app, serving_folder
from .test_server import saved_page

HOSTILE_TITLE = '<script>window.planted = 1</script><img src=x onerror="window.planted=2">'
WIDTHS = (390, 1280)


def _rgb(colour: str) -> str:
    value = colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[k : k + 2], 16) for k in (0, 2, 4)))


def paste(page, base: str, text: str, title: str = "", outlet: str = "") -> None:
    page.goto(f"{base}/add")
    page.fill("#text", text)
    page.fill("#title", title)
    page.fill("#outlet", outlet)
    page.fill("#published", "2022-01-06")
    page.click("button[type=submit]")


def assert_no_horizontal_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"


def assert_citation_opens_its_passage(page) -> None:
    cite = page.locator("#summary a.cite").first
    target = cite.get_attribute("href")
    assert target and target.startswith("#")
    cite.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    mark = page.locator(f"[id='{target[1:]}']")
    assert mark.evaluate("m => m.closest('details').open")
    assert mark.is_visible() and mark.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == _rgb(TARGET_COLOUR)


def test_a_reader_adds_reports_and_follows_a_citation(chromium, tmp_path, resources):
    texts = sorted(EXAMPLE.glob("*.txt"))
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "troops.html").write_text(
        saved_page("Troops arrive in Kazakhstan", texts[4].read_text())
    )
    app = create_app(tmp_path / "web.db", resources=resources, allow_private=True)
    with serving_folder(tmp_path / "site") as site, running_app(app) as base:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        paste(page, base, texts[0].read_text(), "Kazakhstan asks for help", "Wire")
        assert "/stories/" in page.url
        paste(page, base, texts[1].read_text(), outlet="AFP")
        page.goto(f"{base}/add")
        page.fill("#url", f"{site}/troops.html")
        page.click("button[type=submit]")
        assert "/stories/" in page.url
        paste(page, base, "A volcano erupted on the island on Tuesday, sending ash over "
              "three villages and closing the airport.", HOSTILE_TITLE)  # fmt: skip
        page.goto(f"{base}/")
        stories = page.locator(".story")
        assert stories.count() == 2
        sizes = sorted(stories.evaluate_all("els => els.map(e => e.innerText)"))
        assert any("3 articles" in s for s in sizes)
        assert page.evaluate("window.planted") is None and not dialogs
        assert HOSTILE_TITLE in page.locator(".story h2").all_inner_texts()
        page.locator(".story h2 a", has_text="Kazakhstan").click()
        assert page.locator("#articles tr").count() == 4  # a header and the three reports
        shots = {}
        story_url = page.url
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
            for name, url in (("stories", f"{base}/"), ("story", story_url)):
                page.goto(url)
                assert_no_horizontal_scroll(page)
                shots[f"{name}-{width}"] = tmp_path / f"serve-{name}-{width}.png"
                page.screenshot(path=str(shots[f"{name}-{width}"]), full_page=True)
            page.goto(story_url)
            assert_citation_opens_its_passage(page)
            assert_no_horizontal_scroll(page)
        for shot in shots.values():
            assert shot.stat().st_size > 5_000
        print("screenshots:", *map(str, shots.values()))
        page.close()
