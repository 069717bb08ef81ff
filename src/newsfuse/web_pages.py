"""web_pages: what the server's article and add pages need from a request or the store."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from .store import Store
from .web_intake import MAX_FILES, Submitted

_FIELDS = ("text", "title", "outlet", "published", "url")
#: The largest typed field (a pasted report), in bytes.
MAX_FIELD = 5_000_000


async def read_add_form(request: Request) -> Submitted:
    """The add form's fields and uploaded files (the body's size is capped by the guard)."""
    form = await request.form(max_files=MAX_FILES + 1, max_fields=20, max_part_size=MAX_FIELD)
    submitted = Submitted()
    for name in _FIELDS:
        value = form.get(name)
        if isinstance(value, str):
            setattr(submitted, name, value)
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile) and upload.filename:
            submitted.files.append((upload.filename, await upload.read()))
    await form.close()
    return submitted


def article_values(
    store: Store, article_id: int, start: int | None, end: int | None
) -> dict[str, Any] | None:
    """The article page's values: the cleaned text (the passage ``start``-``end`` marked when
    it lies in the text), what cleaning removed, and the story it belongs to."""
    from .render.html import marked_text

    found = store.articles([article_id])
    if not found:
        return None
    stored = found[0]
    text = stored.clean.text
    marks = []
    if start is not None and end is not None and 0 <= start < end <= len(text):
        marks.append((start, end, "passage"))
    article = stored.clean.article
    return {
        "id": stored.id,
        "key": stored.key,
        "story": stored.story,
        "article": article,
        "text_html": marked_text(text, marks),
        "marked": bool(marks),
        "removed": stored.clean.removed,
        "dateline": stored.clean.dateline,
        "words": len(text.split()),
    }
