"""Issue-3 checks on the example corpus: conflicts, entities, quotes, timeline, facts."""

from __future__ import annotations

from newsfuse.model import day_part_rank

from .conftest import source_by_file


def _conflict(brief, topic):
    matches = [c for c in brief.conflicts if c.topic == topic]
    assert matches, [c.topic for c in brief.conflicts]
    return matches[0]


def _values(conflict):
    return {v.value: v for v in conflict.values}


def test_security_forces_killed_8_vs_18(example_brief):
    values = _values(_conflict(example_brief, "security forces killed"))
    assert set(values) == {8, 18}
    s5 = source_by_file(example_brief, "004").id
    assert values[18].sources == (s5,)
    assert len(values[8].sources) >= 2
    for value in values.values():
        assert value.text == example_brief.quote(value.evidence[0])
        assert {span.source for span in value.evidence} == set(value.sources)


def test_security_forces_wounded_317_vs_750(example_brief):
    values = _values(_conflict(example_brief, "security forces wounded"))
    assert set(values) == {317, 750}
    assert values[317].attributed_to and "ministry" in values[317].attributed_to.lower()


def test_detained_200_vs_2000_is_a_later_report(example_brief):
    conflict = _conflict(example_brief, "people detained")
    assert set(_values(conflict)) == {200, 2000}
    assert conflict.note and "later report" in conflict.note


def test_compatible_figures_are_not_conflicts(example_brief):
    # "more than 1,000" and "about 1,000" wounded people agree; so do 18 and 19 million people
    topics = {c.topic for c in example_brief.conflicts}
    assert "people wounded" not in topics
    assert "population" not in topics


def test_every_conflict_has_two_distinct_values_with_evidence(example_brief):
    for conflict in example_brief.conflicts:
        assert len({v.value for v in conflict.values}) >= 2
        for value in conflict.values:
            assert value.evidence and value.sources


def test_entities_merge_variants_and_keep_people_apart(example_brief):
    by_name = {e.name: e for e in example_brief.entities}
    tokayev = by_name["Kassym-Jomart Tokayev"]
    assert {"Kassym-Shomart Tokayev", "Tokayev"} <= set(tokayev.aliases)
    assert len(tokayev.sources) == 5
    csto = next(e for e in example_brief.entities if "CSTO" in e.aliases)
    assert {
        "Collective Security Treaty Organisation",
        "Collective Security Treaty Organization",
    } <= set(csto.aliases)
    assert "Nazarbayev" in by_name["Nursultan Nazarbayev"].aliases
    assert "Nikol Pashinyan" in by_name
    people = [e for e in example_brief.entities if e.type == "PERSON"]
    for person in people:  # no entity holds two different full names of people
        full = {a for a in person.aliases if len(a.split()) >= 2 and a[0].isupper()}
        surnames = {a.split()[-1].rstrip("’'s") for a in full}
        assert len(surnames) <= 1, person


EXPECTED_SPEAKERS = {
    "symptomatic of very deep-seated": "Kate Mallinson",
    "extremists and radicals": "Kanat Taimerdenov",
    "collective peacekeeping forces": "Nikol Pashinyan",
    "I intend to act as tough as possible": "Kassym-Jomart Tokayev",
    "Together we will overcome": "Kassym-Jomart Tokayev",
    "Kazakhs are accustomed to patience": "Rafik Jarylkasyn",
    "extremist forces tried to assault": "Saltanat Azirbek",
    "More than 1,000 people were wounded": "Azhar Guiniyat",
    "Don’t respond to calls": "Kassym-Jomart Tokayev",
    "We ask all Kazakhs to respect": "Ned Price",
}


def test_named_speakers_are_attributed(example_brief):
    right = 0
    for fragment, speaker in EXPECTED_SPEAKERS.items():
        quote = next(q for q in example_brief.quotes if fragment in q.text)
        right += quote.speaker == speaker
    assert right >= 8


def test_quote_evidence_is_the_quote(example_brief):
    for quote in example_brief.quotes:
        assert any(example_brief.quote(span) == quote.text for span in quote.evidence)


def _entries(brief, *words):
    return [
        e
        for e in brief.timeline
        if all(w.lower() in " ".join(brief.quote(s) for s in e.evidence).lower() for w in words)
    ]


def test_timeline_dates(example_brief):
    assert {e.date for e in _entries(example_brief, "resign")} == {"2022-01-05"}
    assert "2022-01-05" in {e.date for e in _entries(example_brief, "stormed", "mayor")}
    assert "2022-01-06" in {e.date for e in _entries(example_brief, "appealed")}
    assert "2022-01-19" in {e.date for e in _entries(example_brief, "19")}
    years = {e.date[:4] for e in example_brief.timeline}
    assert years <= {"1989", "1991", "2019", "2020", "2021", "2022"}
    assert not any(e.date.startswith("2021") for e in example_brief.timeline)


def test_fact_from_the_two_afp_copies_counts_once(example_brief):
    s2, s3 = source_by_file(example_brief, "001").id, source_by_file(example_brief, "002").id
    afp_only = [f for f in example_brief.facts if set(f.sources) == {s2, s3}]
    assert afp_only
    assert all(f.independent_sources == 1 for f in afp_only)
    wider = [f for f in example_brief.facts if len(f.sources) >= 3]
    assert any(f.independent_sources >= 2 for f in wider)
    for fact in example_brief.facts:
        assert {s.source for s in fact.evidence} == set(fact.sources)


def test_timeline_entries_read_on_their_own(example_brief):
    for entry in example_brief.timeline:
        shown = example_brief.quote(entry.evidence[0])
        assert entry.text == shown
        # a clause cut out of its sentence ("was set ablaze Wednesday") is shown whole
        assert not entry.text[:1].islower(), entry.text


def test_a_days_events_are_listed_by_the_part_of_the_day_sources_name(example_brief):
    resigned = _entries(example_brief, "resignation", "early on Wednesday")
    assert [e.part_of_day for e in resigned] == ["early"]
    # an event one report dates by the day alone ("The government resigned on Wednesday") and
    # another "early on Wednesday" was early
    assert any("early" not in example_brief.quote(s) for s in resigned[0].evidence)
    days: dict[str, list[float]] = {}
    for entry in example_brief.timeline:
        days.setdefault(entry.date, []).append(day_part_rank(entry.part_of_day))
    assert all(ranks == sorted(ranks) for ranks in days.values())
    assert any(len(set(ranks)) >= 3 for ranks in days.values())
