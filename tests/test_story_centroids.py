"""Story centroids in the store: their binary form, old JSON rows, and the decoded copies one
connection keeps (which must never outlive a change made by another connection or a rollback)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsfuse.store import Store
from newsfuse.stories import StoryState
from newsfuse.story_tables import pack_masses, unpack_masses


@pytest.mark.parametrize(
    "masses",
    [
        {},
        {"w:earthquak": 0.5, "n:izmit": 1e-300, "n:hun sen": 3.0},
        {"": 2.0},
        {"n:zürich": 0.1, "n:東京": 0.2},
    ],
)
def test_a_centroid_comes_back_exactly_as_it_was_packed(masses):
    packed = pack_masses(masses)
    assert isinstance(packed, bytes)
    assert unpack_masses(packed) == masses


def test_a_key_with_a_nul_is_stored_as_json_and_read_back():
    masses = {"w:a\x00b": 1.0, "w:c": 2.0}
    packed = pack_masses(masses)
    assert isinstance(packed, str) and json.loads(packed) == masses
    assert unpack_masses(packed) == masses


def _grown(store: Store, story_id: int, terms: dict[str, float]) -> None:
    state = store.load_story(story_id)
    for key, value in terms.items():
        state.terms[key] = state.terms.get(key, 0.0) + value
    state.size += 1
    state.last = state.first = dt.date(2024, 1, 1)
    store.save_story(state, list(state.terms))


def test_a_story_grown_by_another_connection_is_read_afresh(tmp_path):
    db = tmp_path / "corpus.db"
    with Store(db) as mine, Store(db) as theirs:
        story = mine.new_story()
        _grown(mine, story, {"w:flood": 1.0})
        assert mine.load_story(story).terms == {"w:flood": 1.0}  # now kept decoded
        _grown(theirs, story, {"w:flood": 0.5, "w:dam": 2.0})
        seen = mine.load_story(story)
        assert seen.terms == {"w:flood": 1.5, "w:dam": 2.0}
        assert seen.size == 2


def test_a_rolled_back_growth_is_not_kept(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        story = store.new_story()
        _grown(store, story, {"w:flood": 1.0})
        with pytest.raises(RuntimeError), store.transaction():
            _grown(store, story, {"w:fire": 9.0})
            raise RuntimeError("the batch fails after the story was saved")
        after = store.load_story(story)
        assert after.terms == {"w:flood": 1.0} and after.size == 1


def test_growing_a_loaded_state_does_not_change_what_the_store_keeps(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        story = store.new_story()
        _grown(store, story, {"w:flood": 1.0})
        loaded = store.load_story(story)
        loaded.terms["w:fire"] = 5.0  # a candidate scored, grown in memory, never saved
        assert store.load_story(story).terms == {"w:flood": 1.0}


def test_a_centroid_written_as_json_by_an_older_newsfuse_is_read(tmp_path):
    with Store(tmp_path / "corpus.db") as store:
        story = store.new_story()
        store.db.execute(
            "UPDATE stories SET size = 3, terms = ?, names = ? WHERE id = ?",
            (json.dumps({"w:storm": 0.75}), json.dumps({"n:mitch": 0.25}), story),
        )
        state = store.load_story(story)
        assert isinstance(state, StoryState)
        assert (state.terms, state.names, state.size) == ({"w:storm": 0.75}, {"n:mitch": 0.25}, 3)
