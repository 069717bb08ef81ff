from __future__ import annotations

import random

from newsfuse.model import Removal
from newsfuse.reuse import (
    WordIndex,
    candidate_pairs,
    find_reuse,
    lsh_candidate_pairs,
    merge_runs,
    read_credits,
    shared_runs,
    wire_groups,
)
from newsfuse.settings import Settings

WIRE = (
    "Floodwaters swept through the northern valley overnight, forcing thousands of residents "
    "to flee their homes as rivers burst their banks after three days of torrential rain. "
    "The regional governor said at least 14 people had died and dozens were missing, while "
    "rescue teams in boats searched submerged villages for survivors."
)


def _random_text(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(5000)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_shared_runs_are_maximal_and_found_in_any_order():
    a = "one two three four five six seven eight nine ten x y z alpha beta gamma delta eps".split()
    b = "alpha beta gamma delta eps q one two three four five six seven eight nine ten".split()
    runs = shared_runs(a, b, 4)
    assert {(r.i, r.j, r.length) for r in runs} == {(0, 6, 10), (13, 0, 5)}


def test_close_runs_merge_across_light_edits():
    a = WordIndex.of("the troops will stabilize and normalize the situation in this country now")
    b = WordIndex.of("the troops will stabilise and normalize the situation in this country now")
    runs = shared_runs(a.words, b.words, 3)
    merged = merge_runs(runs, gap=2)
    assert len(runs) == 2 and len(merged) == 1
    assert (merged[0].i, merged[0].i_end) == (0, len(a))


def test_copied_story_is_found_with_evidence_in_both_texts():
    texts = {
        "S1": "MOSCOW report. " + WIRE + " Officials gave no figure for the damage.",
        "S2": "Our correspondent adds context first. " + WIRE.replace("14", "fourteen"),
        "S3": _random_text(1),
    }
    results = find_reuse(texts, Settings())
    assert [r.sources for r in results] == [("S1", "S2")]
    reuse = results[0]
    assert reuse.share > 0.8
    for passage in reuse.passages:
        for span in passage.evidence:
            assert 0 <= span.start < span.end <= len(texts[span.source])
        first = passage.evidence[0]
        assert texts["S1"][first.start : first.end] == passage.text


def test_short_shared_phrases_are_not_reuse():
    a = "Officials said the Prime Minister of the Republic of Ireland would travel on Monday."
    b = "Critics argued the Prime Minister of the Republic of Ireland had been warned in May."
    assert find_reuse({"S1": a, "S2": b}, Settings()) == []


def test_lsh_candidates_match_all_pairs_on_copies():
    texts = {f"S{n}": _random_text(n) for n in range(1, 61)}
    # plant three copies with edits
    texts["S7"] = texts["S3"][:1200] + " " + _random_text(99, 40)
    texts["S50"] = _random_text(98, 30) + " " + texts["S3"][300:]
    texts["S20"] = texts["S11"]
    settings = Settings(lsh_min_sources=10)
    indexes = {sid: WordIndex.of(t) for sid, t in texts.items()}
    lsh = set(lsh_candidate_pairs(indexes, settings))
    exact = {r.sources for r in find_reuse(texts, Settings(lsh_min_sources=1000))}
    assert exact == {("S3", "S7"), ("S3", "S50"), ("S7", "S50"), ("S11", "S20")}
    assert exact <= lsh
    assert len(lsh) < 20  # far fewer than the 1,770 pairs
    assert {r.sources for r in find_reuse(texts, settings)} == exact
    assert len(candidate_pairs(indexes, Settings(lsh_min_sources=1000))) == 60 * 59 // 2


def test_wire_groups_link_heavy_reuse_transitively():
    texts = {
        "S1": WIRE,
        "S2": WIRE + " Extra line here.",
        "S3": "Intro. " + WIRE,
        "S4": _random_text(5),
    }
    results = find_reuse(texts, Settings())
    groups = wire_groups(results, Settings(), {"S2": ("AFP",)}, order=list(texts))
    assert [g.sources for g in groups] == [("S1", "S2", "S3")]
    assert groups[0].credits == ("AFP",)


def test_credits_versus_cited_agencies():
    text = (
        "An AFP correspondent saw the crowd. The minister told Reuters the talks had failed. "
        "According to Interfax, 20 people were detained, the TASS news agency reported."
    )
    credits, cited = read_credits(text, (Removal(rule="signoff", text="AGENCIES"),))
    assert credits == ("AFP", "Reuters", "agencies")
    assert cited == ("Interfax", "TASS")


def test_credits_from_removed_lines_and_dateline():
    credits, cited = read_credits(
        "Trade grew by 5 percent.",
        (Removal(rule="copyright", text="© Agence France-Presse 2021"),),
        dateline="BEIJING, Jan. 1 (Xinhua)",
    )
    assert credits == ("AFP", "Xinhua") and cited == ()


def test_acronyms_count_only_in_capitals():
    credits, cited = read_credits("The map of the area showed the gap. Ap said nothing.")
    assert credits == () and cited == ()
