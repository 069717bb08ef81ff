"""The HTML page: escaped, self-contained, citations that open their passage, and readable in a
real headless Chromium at phone and desktop widths."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest

from newsfuse import Article, Brief, brief
from newsfuse.render.html import BRIEF_CSS, brief_body, marked_text, render_html
from newsfuse.render.html_passages import BACKLINK_CAP, cited_spans, linked_spans
from newsfuse.render.html_style import TARGET_COLOUR
from newsfuse.render.markdown import render_markdown
from newsfuse.render.wording import counted, shortened

HOSTILE = (
    'Officials said <script>alert("x")</script> nothing happened on Monday, police said. '
    "At least 12 police officers were killed in the capital, the army said. "
    '<img src=x onerror="alert(1)"> Rescue teams worked through the night, officials said.'
)
HOSTILE_TITLE = "Floods \"at dawn\" <script>alert('t')</script>"
HOSTILE_OUTLET = 'O\'Brien & Sons <b onclick="x()">Daily</b>'


class PageIndex(HTMLParser):
    """What a reader's browser would build from the page: ids, links, and each cleaned text with
    the offsets of its marks (back-links left out, paragraphs joined by a blank line)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[dict[str, str]] = []  # attributes of every <a>
        self.texts: dict[str, str] = {}  # source id -> reconstructed cleaned text
        self.marks: dict[str, tuple[str, int, int]] = {}  # mark id -> (source, start, end)
        self.backlinks: dict[str, list[str]] = {}  # mark id -> hrefs of its back-links
        self.titles: list[str] = []  # every title attribute
        self._source: str | None = None
        self._div_depth = 0
        self._paragraphs = 0
        self._open: list[tuple[str | None, int]] = []
        self._in_back = 0
        self._last_mark: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.append(a["id"])
        if "title" in a:
            self.titles.append(a["title"])
        if tag == "a":
            self.links.append(a)
            if self._in_back and self._last_mark:
                self.backlinks.setdefault(self._last_mark, []).append(a["href"])
        if tag == "div" and a.get("id", "").startswith("text-"):
            self._source, self._div_depth = a["id"][5:], 1
            self.texts[self._source] = ""
            self._paragraphs = 0
        elif tag == "div" and self._source:
            self._div_depth += 1
        if not self._source:
            return
        if tag == "p":
            if self._paragraphs:
                self.texts[self._source] += "\n\n"
            self._paragraphs += 1
        elif tag == "mark":
            self._open.append((a.get("id"), len(self.texts[self._source])))
        elif tag == "span" and "back" in a.get("class", "").split():
            self._in_back = 1
        elif tag == "span" and self._in_back:
            self._in_back += 1

    def handle_endtag(self, tag: str) -> None:
        if not self._source:
            return
        if tag == "div":
            self._div_depth -= 1
            if not self._div_depth:
                self._source = None
        elif tag == "mark":
            mark_id, start = self._open.pop()
            if mark_id:
                self.marks[mark_id] = (self._source, start, len(self.texts[self._source]))
                self._last_mark = mark_id
        elif tag == "span" and self._in_back:
            self._in_back -= 1

    def handle_data(self, data: str) -> None:
        if self._source and not self._in_back:
            self.texts[self._source] += data

    def mark_text(self, mark_id: str) -> str:
        source, start, end = self.marks[mark_id]
        return self.texts[source][start:end]


def _hostile_brief(resources) -> Brief:
    other = HOSTILE.replace("At least 12", "At least 40")
    articles = [
        Article(text=HOSTILE, title=HOSTILE_TITLE, outlet=HOSTILE_OUTLET),
        Article(text=other, title="Plain", outlet=HOSTILE_OUTLET),
    ]
    return brief(articles, "2023-05-02", resources=resources)


def test_source_text_title_and_outlet_are_escaped(resources):
    result = _hostile_brief(resources)
    page = render_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "<b onclick" not in page
    index = PageIndex(page)
    # quote characters stay inside their attribute: the tooltip names the outlet and title whole
    assert any(f"{HOSTILE_OUTLET}: {HOSTILE_TITLE}" in t for t in index.titles)
    assert index.texts["S1"] == result.source("S1").text  # the planted tags are text
    assert "onclick" not in {k for link in index.links for k in link}


def test_every_mark_is_the_cited_passage_and_every_citation_opens_one(example_brief):
    page = render_html(example_brief)
    index = PageIndex(page)
    assert len(index.ids) == len(set(index.ids))  # ids are unique
    for source in example_brief.sources:
        assert index.texts[source.id] == source.text  # the whole cleaned text, nothing added
    # marks never overlap and each holds at least one cited span exactly where the text has it
    spans = list(cited_spans(example_brief))
    by_source: dict[str, list[tuple[int, int]]] = {}
    for source_id, start, end in index.marks.values():
        by_source.setdefault(source_id, []).append((start, end))
    for regions in by_source.values():
        regions.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(regions))
    for span in spans:
        holders = [(s, e) for s, e in by_source[span.source] if s <= span.start < span.end <= e]
        assert len(holders) == 1, span
        start, end = holders[0]
        text = example_brief.source(span.source).text
        assert example_brief.quote(span) in text[start:end]
    cites = [link for link in index.links if link.get("class") in ("cite", "dot")]
    assert len(cites) > 50
    for link in cites:
        target = link["href"][1:]
        assert target in index.marks, link
        # the passage links back to this citation, unless its back-links were capped
        back = index.backlinks[target]
        assert f"#{link['id']}" in back or len(back) == BACKLINK_CAP, link
    for mark_id, back in index.backlinks.items():
        assert back and len(back) <= BACKLINK_CAP, mark_id
        assert {h[1:] for h in back} <= {c["id"] for c in cites}


def test_summary_citations_open_the_passage_of_their_evidence(example_brief):
    index = PageIndex(render_html(example_brief))
    cites = iter(link for link in index.links if link.get("class") == "cite")
    for sentence in example_brief.summary:
        for span in linked_spans(sentence.evidence):
            link = next(cites)
            assert link["title"].startswith(f"{span.source} · ")
            assert example_brief.quote(span) in index.mark_text(link["href"][1:])


def test_sources_are_named_by_outlet_and_title(example_brief):
    page = render_html(example_brief)
    s2 = example_brief.source("S2")
    assert s2.outlet == "AFP" and s2.title  # from the example's manifest
    assert f"AFP: {s2.title}" in page  # the cleaned text's heading and the tooltips
    assert re.search(r'<th class="src" title="S2: AFP: [^"]+"><a href="#S2">S2</a></th>', page)
    removed = page.split('id="text-S3"')[1].split("</details>")[0]
    assert "Removed by cleaning: 8 parts" in removed and "<dt>caption</dt>" in removed


def test_marked_text_nests_splits_and_escapes():
    text = "Alpha <b> beta.\n\nGamma & delta."
    assert marked_text(text, []) == "<p>Alpha &lt;b&gt; beta.</p><p>Gamma &amp; delta.</p>"
    nested = marked_text(text, [(0, 15, "outer"), (6, 9, "inner")])
    assert nested.startswith(
        '<p><mark class="passage" id="outer">Alpha <mark class="passage" id="inner">&lt;b&gt;'
        "</mark> beta.</mark></p>"
    )
    # a mark across a paragraph break keeps its id on the first piece only
    across = marked_text(text, [(11, 22, "m")])
    assert across.count('id="m"') == 1 and across.count('class="passage cont"') == 1
    assert '<p><mark class="passage cont">Gamma</mark> &amp; delta.</p>' in across
    crossing = marked_text("abcdef", [(0, 4, "a"), (2, 6, "b")])
    assert crossing == (
        '<p><mark class="passage" id="a">ab<mark class="passage" id="b">cd</mark></mark>'
        '<mark class="passage cont">ef</mark></p>'
    )
    assert marked_text("abc", [(2, 99, '"x"'), (5, 9, "gone")]) == (
        '<p>ab<mark class="passage" id="&quot;x&quot;">c</mark></p>'
    )


def test_page_is_head_and_body(example_brief):
    page = render_html(example_brief)
    body = brief_body(example_brief)
    assert f"<body>\n{body}\n</body></html>" in page
    assert f"<style>{BRIEF_CSS}</style>" in page
    assert body.startswith('<div class="brief">') and "<body" not in body


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
    # the planted quote never closes an attribute (it stands as &quot; wherever it is shown)
    assert 'href="javascript' not in page and '"onmouseover' not in page
    # a link loads nothing when the page is opened: no src or stylesheet reaches the network
    assert not re.search(r"""(?:src|srcset)=["']?https?:""", page)
    assert "<link" not in page and "@import" not in page
    markdown = render_markdown(brief(articles, "2023-05-02", resources=resources))
    assert "| [Floods](<https://news.example/a?x=1&y=2>) |" in markdown
    assert "](<javascript" not in markdown and "| Bad |" in markdown


VIEWPORTS = [(390, 844), (1280, 900)]


def _in_viewport(locator) -> bool:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }"
    )


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_example_page_in_a_real_browser(chromium, example_brief, tmp_path, width, height):
    html_path = tmp_path / "brief.html"
    html_path.write_text(render_html(example_brief), encoding="utf-8")
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.goto(html_path.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    summary = page.locator("#summary p")
    assert summary.count() == len(example_brief.summary) > 0
    conflict = page.locator(".conflict").first
    assert conflict.is_visible() and "security forces" in conflict.inner_text()
    assert page.locator("a.badge").count() >= 1  # contested figures are flagged
    # one timeline chart shows at each width, its labels drawn at a readable size
    labels = page.locator("#timeline svg text:visible")
    assert labels.count() >= 4
    assert min(labels.nth(k).bounding_box()["height"] for k in range(labels.count())) >= 9
    page.screenshot(path=str(tmp_path / f"brief-{width}.png"), full_page=True)

    cite = page.locator("#summary a.cite").first
    cite_id, target = cite.get_attribute("id"), cite.get_attribute("href")
    cite.click()
    assert page.evaluate("location.hash") == target
    mark = page.locator(f"mark{target}")
    assert mark.evaluate("m => m.closest('details').open")  # the folded text opened itself
    assert _in_viewport(mark)
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == _rgb(TARGET_COLOUR)
    passage = tmp_path / f"passage-{width}.png"
    page.screenshot(path=str(passage))
    page.locator(f'{target} + .back a[href="#{cite_id}"]').click()
    assert page.evaluate("location.hash") == f"#{cite_id}" and _in_viewport(cite)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot = tmp_path / f"brief-{width}.png"
    assert shot.stat().st_size > 10_000
    print(f"screenshots: {shot} (the whole page), {passage} (an opened passage)")
    page.close()


def test_hostile_page_fits_a_phone(chromium, resources, tmp_path):
    text = "Rescue teams reached the villages on Tuesday, officials said. " * 3
    long_url = "https://news.example/" + "a" * 300
    articles = [
        Article(text=text, url=long_url, title="W" * 200, outlet="O" * 120),
        Article(text=text.replace("Tuesday", "Monday") + " x" * 3 + "Z" * 400),
    ]
    html_path = tmp_path / "hostile.html"
    html_path.write_text(render_html(brief(articles, "2023-05-02", resources=resources)))
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(html_path.as_uri())
    page.locator("details.source").first.evaluate("d => d.open = true")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


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
