"""The SQL of the store's schema, one script per version (:mod:`newsfuse.store` runs them)."""

from __future__ import annotations

#: The schema this code writes. Opening an older file migrates it; a newer one is refused.
SCHEMA_VERSION = 5

_SCHEMA_1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,              -- the id it came in with: record id, else path, else URL
    content_hash TEXT NOT NULL UNIQUE,
    path TEXT, url TEXT, title TEXT, outlet TEXT, published TEXT, language TEXT,
    meta TEXT NOT NULL,             -- the metadata as read (JSON)
    text TEXT NOT NULL,             -- the cleaned text; every offset points into it
    dateline TEXT,
    removed TEXT NOT NULL,          -- what cleaning dropped (JSON list of {rule, text})
    words INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_key ON articles(key);
CREATE TABLE sentences (
    article INTEGER NOT NULL REFERENCES articles(id),
    n INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, paragraph INTEGER NOT NULL,
    PRIMARY KEY (article, n)
) WITHOUT ROWID;
CREATE TABLE fingerprints (
    hash INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article)
) WITHOUT ROWID;
CREATE TABLE reuse (
    a INTEGER NOT NULL REFERENCES articles(id),
    b INTEGER NOT NULL REFERENCES articles(id),
    share REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX reuse_b ON reuse(b);
CREATE TABLE passages (
    a INTEGER NOT NULL, b INTEGER NOT NULL,
    a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
    words INTEGER NOT NULL,
    FOREIGN KEY (a, b) REFERENCES reuse(a, b)
);
CREATE INDEX passages_pair ON passages(a, b);
CREATE TABLE vocabulary (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    first_date TEXT, last_date TEXT,
    title TEXT, title_score REAL NOT NULL,
    terms TEXT NOT NULL, names TEXT NOT NULL,   -- centroid masses (story_tables.pack_masses)
    version INTEGER NOT NULL,                   -- grows by one with every article it takes
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE story_keys (
    key TEXT NOT NULL,
    story INTEGER NOT NULL REFERENCES stories(id),
    last_date TEXT NOT NULL,                    -- '' for a story with no dated article
    PRIMARY KEY (key, story)
) WITHOUT ROWID;
CREATE INDEX story_keys_recent ON story_keys(key, last_date);
CREATE INDEX story_keys_story ON story_keys(story);
CREATE TABLE members (
    article INTEGER PRIMARY KEY REFERENCES articles(id),
    story INTEGER NOT NULL REFERENCES stories(id),
    score REAL NOT NULL,
    reason TEXT NOT NULL                        -- new, similar or wire
);
CREATE INDEX members_story ON members(story);
CREATE TABLE briefs (
    story INTEGER PRIMARY KEY REFERENCES stories(id),
    version INTEGER NOT NULL,                   -- the story's version it was made from
    settings TEXT NOT NULL,                     -- the settings it was made with (JSON)
    brief TEXT NOT NULL,
    conflicts INTEGER NOT NULL,
    made_at TEXT NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""

# 2: each article's analysis (the per-article half of the pipeline), zlib-compressed JSON, and the
# version of the code and models that made it
_SCHEMA_2 = """
CREATE TABLE analyses (
    article INTEGER PRIMARY KEY REFERENCES articles(id),
    version TEXT NOT NULL,
    analysis BLOB NOT NULL
);
"""

# 3: what each feed gave (newsfuse add --feed): its validators and the entries taken from it
_SCHEMA_3 = """
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT, last_modified TEXT,  -- of the last read whose every new entry was taken
    read_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE feed_entries (
    feed TEXT NOT NULL,
    entry TEXT NOT NULL,            -- the entry's id, else its link
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed, entry)
) WITHOUT ROWID;
"""

# 4: the story list reads the newest stories from an index instead of sorting every story (each
# row holds its centroid, so a scan reads the whole table)
_SCHEMA_4 = """
CREATE INDEX stories_recent ON stories(coalesce(last_date, ''), updated_at, id);
"""

# 5: centroids may be stored packed (story_tables.pack_masses) instead of as JSON. Nothing to
# convert (both are read); the version is bumped so that an older newsfuse, which reads JSON
# only, refuses the file with its "written by a newer newsfuse" error instead of failing on it
_SCHEMA_5 = """
-- centroids packed from now on
"""

#: MIGRATIONS[n] takes a file of schema version n to version n + 1.
MIGRATIONS: tuple[str, ...] = (_SCHEMA_1, _SCHEMA_2, _SCHEMA_3, _SCHEMA_4, _SCHEMA_5)
