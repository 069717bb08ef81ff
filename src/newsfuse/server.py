"""server: ``newsfuse serve``, a local web UI and JSON API over a corpus store.

Pages are rendered on the server with Jinja2 (autoescaped) and carry no script; a story's page
embeds the same HTML the static ``brief -o x.html`` writes (:func:`render.html.brief_body`), so a
citation opens its passage in the cleaned source there too. The JSON API mirrors the CLI:

- ``GET /api/stories`` is ``newsfuse stories --format json``;
- ``GET /api/stories/{id}/brief`` is ``newsfuse brief --story ID`` (the contract JSON);
- ``POST /api/articles`` is ``newsfuse add`` of one article (its text, or a URL to fetch).

An added article joins its story at once (the online assignment of :func:`corpus.add`); the
story's brief is made again when it is next asked for, and kept in the store. One lock orders
the writes (adds and brief making) of this process; reads never wait for it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import corpus
from .errors import NewsfuseError, StoreError
from .resources import Resources
from .settings import Settings
from .store import Store
from .web_guard import LOOPBACK_HOSTS, Guard
from .web_intake import WebIntake, added_json, pasted_article

if TYPE_CHECKING:
    from .model import Brief

#: Stories per page of the list.
PAGE_SIZE = 50
#: Rendered story pages kept in memory (keyed by the brief they show).
PAGE_CACHE = 64
#: The largest request body (an upload of several files), in bytes.
MAX_BODY = 20_000_000


class NewArticle(BaseModel):
    """``POST /api/articles``: the text of a report (with what is known of it), or a URL."""

    text: str | None = Field(default=None, description="The report's text.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    url: str | None = Field(default=None, description="A page to fetch instead of text.")


@dataclass
class Corpus:
    """What the app serves: the store's path, the settings and models, and the write lock."""

    db: Path
    settings: Settings = field(default_factory=Settings)
    resources: Resources = field(default_factory=Resources)
    allow_private: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    pages: OrderedDict[tuple[int, int], str] = field(default_factory=OrderedDict)

    local: threading.local = field(default_factory=threading.local)

    def store(self) -> Store:
        """This worker thread's connection to the store, opened on first use and kept:
        sqlite3 connections are not shared across threads, and opening one per request costs
        more than most requests."""
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.db)
        return store

    def brief_json(self, story_id: int) -> str:
        """The story's current brief (contract JSON): the kept one, else made now and kept."""
        store = self.store()
        kept = corpus.kept_brief(story_id, store, self.settings, self.resources)
        if kept is not None:
            return kept
        with self.lock:
            # another request may have made it while this one waited
            kept = corpus.kept_brief(story_id, store, self.settings, self.resources)
            if kept is not None:
                return kept
            made = corpus.story_brief(
                story_id, db=store, settings=self.settings, resources=self.resources
            )
            return made.to_json(indent=None)

    def intake(self) -> WebIntake:
        return WebIntake(self.db, self.settings, self.resources, self.lock, self.allow_private)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    host: str = "127.0.0.1",
    allow_private: bool = False,
    settings: Settings | None = None,
    resources: Resources | None = None,
) -> FastAPI:
    """The web app over the store ``db`` (created if missing), for a server bound to ``host``."""
    state = Corpus(
        db=Path(db),
        settings=settings or Settings(),
        resources=resources or Resources(),
        allow_private=allow_private,
    )
    Store(state.db).close()  # a bad file fails here, before the server starts
    app = FastAPI(
        title="newsfuse",
        description="Stories of a newsfuse corpus, their cited briefs, and adding reports.",
        version=_version(),
    )
    pages = Environment(
        loader=PackageLoader("newsfuse", "templates"), autoescape=select_autoescape(["html"])
    )
    _add_api(app, state)
    _add_pages(app, state, pages)
    hosts = LOOPBACK_HOSTS | {host.lower()} if host in LOOPBACK_HOSTS else None
    app.add_middleware(Guard, max_body=MAX_BODY, token=token, hosts=hosts)
    return app


def _version() -> str:
    from .pipeline import _version as version

    return version()


def _add_api(app: FastAPI, state: Corpus) -> None:
    @app.get("/api/stories", summary="The stories, newest activity first (newsfuse stories)")
    def api_stories(
        since: str | None = None, q: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        listing = _listing(state.store(), state, since=since, q=q, limit=limit, offset=offset)
        return [s.to_dict() for s in listing]

    @app.get("/api/stories/{story_id}/brief", summary="A story's brief (newsfuse brief --story)")
    def api_brief(story_id: int) -> Response:
        return Response(_brief_or_404(state, story_id), media_type="application/json")

    @app.post("/api/articles", status_code=201, summary="Add one report (newsfuse add)")
    def api_add(body: NewArticle) -> JSONResponse:
        intake = state.intake()
        if (body.text is None) == (body.url is None):
            raise HTTPException(422, "give either 'text' (with optional fields) or 'url'")
        if body.url is not None:
            result = intake.add_urls([body.url])
        else:
            article = pasted_article(body.text or "", body.title, body.outlet, body.published)
            result = intake.add_articles([article])
        status = 201 if result.added else 200 if result.skipped else 422
        return JSONResponse(added_json(result), status_code=status)


def _listing(store: Store, state: Corpus, **given: Any) -> list[corpus.StorySummary]:
    try:
        return corpus.list_stories(
            store,
            since=given["since"],
            settings=state.settings,
            query=given["q"],
            limit=max(0, min(int(given["limit"]), 1000)),
            offset=max(0, int(given["offset"])),
        )
    except NewsfuseError as exc:
        raise HTTPException(422, str(exc)) from exc


def _brief_or_404(state: Corpus, story_id: int) -> str:
    try:
        return state.brief_json(story_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc


def _add_pages(app: FastAPI, state: Corpus, pages: Environment) -> None:
    def page(name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(pages.get_template(name).render(**values), status_code=status_code)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def story_list(q: str = "", page_number: int = 1) -> HTMLResponse:
        offset = (max(page_number, 1) - 1) * PAGE_SIZE
        store = state.store()
        listing = _listing(store, state, since=None, q=q, limit=PAGE_SIZE + 1, offset=offset)
        total, articles = store.story_count(), store.article_count()
        widest = max((s.size for s in listing), default=1)
        return page(
            "stories.html",
            stories=listing[:PAGE_SIZE],
            widest=widest,
            q=q,
            page_number=max(page_number, 1),
            more=len(listing) > PAGE_SIZE,
            total=total,
            articles=articles,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: int) -> HTMLResponse:
        text = _brief_or_404(state, story_id)
        return HTMLResponse(_story_html(state, pages, story_id, text))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: int, start: int | None = None, end: int | None = None):
        from .web_pages import article_values

        values = article_values(state.store(), article_id, start, end)
        if values is None:
            raise HTTPException(404, f"no article {article_id} in {state.db}")
        return page("article.html", **values)

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_form() -> HTMLResponse:
        return page("add.html", result=None, form={})

    @app.post("/add", include_in_schema=False)
    async def add_submit(request: Request) -> Response:
        from .web_pages import read_add_form

        submitted = await read_add_form(request)
        result = await _run_in_thread(state.intake().add_submitted, submitted)
        stories = sorted({a.story for a in result.added})
        if len(stories) == 1 and not result.problems:
            return RedirectResponse(f"/stories/{stories[0]}?added={len(result.added)}", 303)
        status = 200 if result.added or result.skipped else 422
        return page("add.html", status, result=added_json(result), form=submitted.echo())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page("error.html", exc.status_code, status=exc.status_code, detail=exc.detail)


async def _run_in_thread(function: Any, *args: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args)


def _story_html(state: Corpus, pages: Environment, story_id: int, text: str) -> str:
    key = (story_id, hash(text))
    cached = state.pages.get(key)
    if cached is not None:
        state.pages.move_to_end(key)
        return cached
    from .model import Brief
    from .render.html import BRIEF_CSS, brief_body

    brief: Brief = Brief.from_json(text)
    store = state.store()
    members, title = store.member_details(story_id), store.story_title(story_id)
    rendered = pages.get_template("story.html").render(
        story_id=story_id,
        title=title,
        css=BRIEF_CSS,
        body=brief_body(brief, _article_pages(brief, members)),
        members=members,
        sources=brief.sources,
    )
    state.pages[key] = rendered
    while len(state.pages) > PAGE_CACHE:
        state.pages.popitem(last=False)
    return rendered


def _article_pages(brief: Brief, members: list[tuple[int, str, str | None]]) -> dict[str, str]:
    """Source id -> its article page: a story's brief numbers its members' analyses S1, S2, ...
    in the order the store lists them (none if the brief and the story disagree)."""
    if len(members) != len(brief.sources):
        return {}
    return {s.id: f"/articles/{m[0]}" for s, m in zip(brief.sources, members, strict=True)}
