from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfuse.linking import Links, linked_groups


def test_chains_of_links_make_one_group_in_first_item_order():
    groups = linked_groups([1, 2, 10, 3, 11, 30], lambda a, b: abs(a - b) == 1)
    assert groups == [[1, 2, 3], [10, 11], [30]]


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=20))
def test_groups_are_the_connected_components_of_the_links(pairs):
    linked = {frozenset(p) for p in pairs}
    groups = linked_groups(list(range(10)), lambda a, b: frozenset((a, b)) in linked)
    links = Links(range(10))
    for a, b in pairs:
        links.join(a, b)
    for group in groups:
        assert len({links.root(x) for x in group}) == 1
    assert len(groups) == len({links.root(x) for x in range(10)})
    assert sorted(x for g in groups for x in g) == list(range(10))


def test_groups_kept_apart_are_not_joined_through_an_item_that_fits_both():
    # 5 links to 1 and to 9; 1 and 9 may not share a group, so 5 joins the first it meets
    def near(a: int, b: int) -> bool:
        return abs(a - b) <= 4

    def apart(ours: list[int], theirs: list[int]) -> bool:
        return {1, 9} <= set(ours) | set(theirs)

    assert linked_groups([1, 5, 9], near) == [[1, 5, 9]]
    assert linked_groups([1, 5, 9], near, apart) == [[1, 5], [9]]
