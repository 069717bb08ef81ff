"""linking: items joined into groups by the pairs that link them (union-find).

Written here rather than taken from scipy (``scipy.cluster.hierarchy.DisjointSet``) because that
import costs 0.15-0.2 s even with ``scipy.sparse`` already loaded (measured here), a fifth of the
example's whole brief, for a loop of a dozen lines.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class Links:
    """Disjoint sets of keys, joined with :meth:`join`."""

    def __init__(self, keys: Iterable[Hashable] = ()) -> None:
        self._parent: dict[Hashable, Hashable] = {key: key for key in keys}

    def root(self, key: Hashable) -> Hashable:
        """The representative of ``key``'s set (paths halved on the way)."""
        parent = self._parent
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(self, a: Hashable, b: Hashable) -> None:
        self._parent[self.root(b)] = self.root(a)


def linked_groups(
    items: Sequence[T],
    linked: Callable[[T, T], bool],
    kept_apart: Callable[[list[T], list[T]], bool] | None = None,
) -> list[list[T]]:
    """``items`` in groups, two in one group when a chain of ``linked`` pairs joins them; in the
    order of their first items. Two groups for which ``kept_apart`` holds are never joined,
    even through an item that links to both. Every pair is tested: meant for the figures or
    clauses of one story, not for a corpus."""
    links = Links(range(len(items)))
    # each group's items, kept only when a join may be refused (most callers need none)
    members: dict[Hashable, list[T]] = (
        {i: [item] for i, item in enumerate(items)} if kept_apart else {}
    )
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            first, second = links.root(i), links.root(j)
            if first == second or not linked(a, items[j]):
                continue
            if kept_apart is not None:
                if kept_apart(members[first], members[second]):
                    continue
                members[first] = members[first] + members.pop(second)
            links.join(i, j)
    groups: dict[Hashable, list[T]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[links.root(i)].append(item)
    return list(groups.values())
