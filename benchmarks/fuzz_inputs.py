"""Hostile files for ``benchmarks/fuzz.py``: bytes, encodings, control characters, long lines,
deep nesting, hostile HTML and XML entity attacks. One seeded generator per class (see
:mod:`fuzz_cases`); ``CLASSES`` names them.
"""

from __future__ import annotations

import json
import random

from fuzz_cases import MARKERS, OUTSIDE, Case, Generator, marker, one_file, prose, sized

# ---------------------------------------------------------------------------------------------
# Bytes, encodings, control characters, long lines

_SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl", ".rss", ".xml", ".atom", ".bin", "")


def random_bytes(rng: random.Random, size: int) -> Case:
    """Noise, with a supported suffix most of the time (a file is read by its name)."""
    return one_file(f"noise{rng.choice(_SUFFIXES)}", rng.randbytes(rng.randint(0, size)))


_ENCODINGS = (
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252",
    "cp1251", "koi8-r", "shift_jis", "gb18030", "mac_roman", "iso-8859-7",
)  # fmt: skip
_FOREIGN = "Le président a déclaré l'état d'urgence à Genève. Президент заявил. 総理は述べた。"


def encodings(rng: random.Random, size: int) -> Case:
    """Prose in an encoding (with or without a BOM), cut mid-character, or two encodings mixed."""
    text = prose(rng, size) + " " + _FOREIGN
    encoding = rng.choice(_ENCODINGS)
    data = text.encode(encoding, errors="replace")
    roll = rng.random()
    if roll < 0.2:
        data = data[: 1 + int(rng.random() * len(data))]  # a multi-byte character cut in two
    elif roll < 0.35:
        data = text.encode("utf-8") + _FOREIGN.encode("latin-1", errors="replace")
    elif roll < 0.5:
        data = rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")) + data
    suffix = rng.choice((".txt", ".md", ".html", ".json", ".rss"))
    if suffix == ".json":
        data = json.dumps({"text": text, "title": _FOREIGN}, ensure_ascii=False).encode(
            encoding, errors="replace"
        )
    elif suffix == ".html":
        data = f"<html><body><article><p>{text}</p></article></body></html>".encode(
            encoding, errors="replace"
        )
    elif suffix == ".rss":
        data = _feed([(_FOREIGN, text)], encoding=encoding).encode(encoding, errors="replace")
    return one_file(f"enc{suffix}", data)


_CONTROLS = [chr(c) for c in (*range(0, 32), 127, *range(0x80, 0xA0))] + [
    "\u2028", "\u2029", "\u200b", "\u202e", "\ufeff", "\ufffe", "\U000e0001", "\x85",
]  # fmt: skip
_ESCAPES = ("\\ud800", "\\udfff", "\\u0000", "\\ud83d\\ude00", "\\udbff")
_CHARREFS = ("&#x110000;", "&#0;", "&#xD800;", "&#1114112;", "&#x" + "f" * 40 + ";", "&#9999999;")


def control_chars(rng: random.Random, size: int) -> Case:
    """NUL and other control characters, lone surrogates, impossible character references."""
    text = prose(rng, size)
    cut = int(rng.random() * (len(text) + 1))
    noise = "".join(rng.choice(_CONTROLS) for _ in range(rng.randint(1, 40)))
    kind = rng.choice(("txt", "late-nul", "json", "html", "feed", "jsonl"))
    if kind == "txt":
        return one_file("ctl.txt", text[:cut] + noise + text[cut:])
    if kind == "late-nul":  # past the 8 KB that a binary sniff reads
        return one_file("late.txt", prose(rng, 9000) + "\x00" * rng.randint(1, 5) + text)
    if kind in ("json", "jsonl"):
        escaped = json.dumps(text)[1:-1]
        bad = rng.choice(_ESCAPES)
        record = f'{{"text": "{escaped[:cut]}{bad}{escaped[cut:]}", "title": "t{bad}"}}'
        return one_file(f"ctl.{kind}", record)
    ref = rng.choice(_CHARREFS)
    if kind == "html":
        page = f"<html><head><title>a{ref}{noise}</title></head><body><article><p>{text[:cut]}"
        return one_file("ctl.html", f"{page}{ref}{noise}{text[cut:]}</p></article></body></html>")
    body = f"<![CDATA[<p>{noise}{text[:cut]}</p><div>{noise}{ref}{text[cut:]}</div>]]>"
    return one_file("ctl.rss", _feed([(f"t{ref}", body)], raw=True))


def long_lines(rng: random.Random, size: int) -> Case:
    """One line of ``size`` characters: a word without end, words without a full stop, digits."""
    unit = rng.choice(("x", "word ", "9", "ab,", "\t", "“", "Word "))
    line = (unit * (size // len(unit) + 1))[:size]
    kind = rng.choice(("txt", "jsonl", "html", "md"))
    if kind == "jsonl":
        lines = [json.dumps({"text": prose(rng, 400)}), json.dumps({"text": line})]
        return one_file("long.jsonl", "\n".join(lines) + "\n", records=(1, 2))
    if kind == "html":
        return one_file("long.html", f"<html><body><article><p>{line}</p></article></body></html>")
    return one_file(f"long.{kind}", prose(rng, 300) + "\n\n" + line)


# ---------------------------------------------------------------------------------------------
# Nesting


def deep_nesting(rng: random.Random, size: int) -> Case:
    """JSON, HTML, XML and YAML nested as deep as the size allows."""
    kind = rng.choice(("json", "jsonl", "html", "feed", "yaml", "html-flat"))
    depth = max(2, size // 6)
    if kind in ("json", "jsonl"):
        opener, closer = rng.choice((("[", "]"), ('{"a":', "}"), ('{"text":', "}")))
        nested = opener * depth + "1" + closer * depth
        return one_file(f"deep.{kind}", nested + ("\n" if kind == "jsonl" else ""))
    if kind == "html":
        tag = rng.choice(("div", "b", "table", "ul", "span", "p"))
        inner = prose(rng, 500)
        return one_file(
            "deep.html", f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}"
        )
    if kind == "html-flat":  # many siblings rather than depth
        paragraph = f"<p>{prose(rng, 60)}</p>"
        count = max(1, size // len(paragraph))
        return one_file("flat.html", f"<html><body><article>{paragraph * count}</article></body>")
    if kind == "feed":
        body = "&lt;div&gt;" * min(depth, 50_000) + prose(rng, 400)
        nested = "<x>" * depth + "</x>" * depth
        return one_file("deep.rss", _feed([("deep", body)], extra=nested))
    header = "a: " + "[" * depth + "]" * depth
    return one_file("deep.md", f"---\n{header}\n---\n{prose(rng, 400)}")


# ---------------------------------------------------------------------------------------------
# Hostile markup

_HOSTILE_BITS = (
    "<script>alert('fz1')</script>",
    "<img src=x onerror=alert(3)>",
    '<a href="javascript:alert(4)">click</a>',
    '<a href="data:text/html,<script>alert(5)</script>">data</a>',
    '<a href="JaVaScRiPt&#58;alert(6)">enc</a>',
    "<iframe src=javascript:alert(7)></iframe>",
    "<svg onload=alert(8)><script>alert(9)</script></svg>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(10)">',
    '<base href="javascript:alert(11)//">',
    "<style>body{background:url(javascript:alert(12))}</style>",
    "<!-- <script>alert(13)</script> -->",
    "<object data=javascript:alert(14)></object>",
    '<form action="javascript:alert(15)"><input type=submit></form>',
    '<p style="x:expression(alert(16))">styled</p>',
)


def hostile_html(rng: random.Random, size: int) -> Case:
    """A page with scripts, handlers, script links and markers in its title, author and site."""
    local = sized(rng)
    paragraphs = [f"<p>{prose(local, 300)}</p>" for _ in range(max(1, size // 350))]
    for _ in range(rng.randint(1, 6)):
        spot = int(rng.random() * (len(paragraphs) + 1))
        bit = rng.choice(_HOSTILE_BITS + tuple(f"<p>{m} {prose(rng, 80)}</p>" for m in MARKERS))
        paragraphs.insert(spot, bit)
    head = (
        f"<title>{marker(rng)} {prose(rng, 40)}</title>"
        f'<meta name="author" content="{_attr(marker(rng))}">'
        f'<meta property="og:site_name" content="{_attr(marker(rng))}">'
        f'<meta property="og:url" content="javascript:alert(17)">'
        f'<link rel="canonical" href="{rng.choice(("javascript:alert(18)", "data:x,1"))}">'
        f'<meta http-equiv="content-language" content="{_attr(marker(rng))}">'
    )
    body = "".join(paragraphs)
    page = f'<html lang="{_attr(marker(rng))}"><head>{head}</head><body><article>{body}</article>'
    page += "</body></html>"
    return one_file(rng.choice(("page.html", f"{_name_marker(rng)}.html")), page)


def _attr(value: str) -> str:
    """A value as a page would write it inside double quotes (so the marker reaches the text)."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _name_marker(rng: random.Random) -> str:
    """A file name carrying a marker (no slash: it must stay one name)."""
    return rng.choice(('" onmouseover="fz2', "<img src=x onerror=fz3>", "[fz4](javascript:x)"))


def _feed(
    items: list[tuple[str, str]],
    *,
    raw: bool = False,
    doctype: str = "",
    extra: str = "",
    encoding: str = "utf-8",
    dates: list[str] | None = None,
) -> str:
    """An RSS 2.0 feed; ``raw`` leaves titles and bodies unescaped (CDATA, entities)."""
    out = [f'<?xml version="1.0" encoding="{encoding}"?>{doctype}<rss version="2.0"><channel>']
    out.append(f"<title>{_xml('Feed ' + MARKERS[0])}</title><language>en</language>{extra}")
    for n, (title, body) in enumerate(items):
        date = f"<pubDate>{dates[n]}</pubDate>" if dates else ""
        t, b = (title, body) if raw else (_xml(title), _xml(body))
        out.append(f"<item><title>{t}</title><link>https://news.example/{n}</link>{date}")
        out.append(f"<description>{b}</description></item>")
    out.append("</channel></rss>")
    return "".join(out)


def _xml(text: str) -> str:
    """``text`` escaped for XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------
# XML entity attacks and odd dates in feeds

_DATES = (
    "Sat, 01 Jan 0000 00:00:00 GMT", "0000-01-01T00:00:00Z", "Fri, 31 Dec 9999 23:59:59 +9999",
    "9999-12-31T23:59:59-23:59", "-0001-01-01", "Mon, 32 Foo 2022 99:99:99 GMT", "",
    "Thu, 06 Jan 2022 10:00:00 GMT", "1e9999", "2022-02-30",
)  # fmt: skip


def xml_entities(rng: random.Random, size: int) -> Case:
    """Feeds that name an external entity (a local file), expand a bomb, or date year 0."""
    secret = f"file://{OUTSIDE}"
    doctypes = (
        f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret}">]>',
        f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{secret}"> %p;]>',
        '<!DOCTYPE rss [<!ENTITY a "' + "A" * 1000 + '">]>',  # the quadratic blow-up
        _laughs(),
        '<!DOCTYPE rss SYSTEM "https://evil.example/x.dtd">',
        "",
    )
    doctype = rng.choice(doctypes)
    ref = {0: "&xxe;", 2: "&a;" * 200, 3: "&lol9;"}.get(doctypes.index(doctype), "")
    count = rng.randint(1, 4)
    items = [(f"{ref} {marker(rng)}", f"{ref} {prose(rng, max(400, size // count))}")]
    items += [(prose(rng, 30), prose(rng, max(400, size // count))) for _ in range(count - 1)]
    dates = [rng.choice(_DATES) for _ in items]
    if rng.random() < 0.3:
        atom = _atom(items, dates, doctype.replace("rss", "feed"))
        return one_file("feed.atom", atom, () if ref else range(1, len(items) + 1))
    return one_file("feed.rss", _feed(items, raw=True, doctype=doctype, dates=dates))


def _laughs() -> str:
    """The "billion laughs": ten levels of entities, each ten of the one below."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return f"<!DOCTYPE rss [{''.join(entities)}]>"


def _atom(items: list[tuple[str, str]], dates: list[str], doctype: str) -> str:
    """An Atom feed of ``items`` (title, body), each entry dated and linked to a script."""
    out = [f'<?xml version="1.0"?>{doctype}<feed xmlns="http://www.w3.org/2005/Atom">']
    out.append("<title>Atom</title>")
    for (title, body), date in zip(items, dates, strict=True):
        out.append(f"<entry><title>{title}</title><updated>{date}</updated>")
        out.append(f'<link href="javascript:alert(1)"/><content type="html">{_xml(body)}')
        out.append("</content></entry>")
    return "".join(out) + "</feed>"


CLASSES: dict[str, Generator] = {
    "random bytes": random_bytes,
    "encodings and BOMs": encodings,
    "NUL and control chars": control_chars,
    "long lines": long_lines,
    "deep nesting": deep_nesting,
    "hostile HTML": hostile_html,
    "XML entities, feed dates": xml_entities,
}


def long_line_file(unit: str, size: int) -> Case:
    """A text file of one line of ``size`` characters of ``unit`` (the issue's 10 MB lines)."""
    return one_file("huge-line.txt", (unit * (size // len(unit) + 1))[:size])
