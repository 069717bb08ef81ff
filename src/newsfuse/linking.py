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


def linked_groups(items: Sequence[T], linked: Callable[[T, T], bool]) -> list[list[T]]:
    """``items`` in groups, two in one group when a chain of ``linked`` pairs joins them; in the
    order of their first items. Every pair is tested: meant for the figures or clauses of one
    story, not for a corpus."""
    links = Links(range(len(items)))
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            if links.root(i) != links.root(j) and linked(a, items[j]):
                links.join(i, j)
    groups: dict[Hashable, list[T]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[links.root(i)].append(item)
    return list(groups.values())
