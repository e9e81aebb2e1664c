"""Clustering of scored pairs: connected components over the pairs at or above a threshold."""

from collections.abc import Iterable


def cluster_pairs(pairs: Iterable[tuple[str, str, float]], threshold: float) -> list[set[str]]:
    """Union–find over the pairs whose score is at least ``threshold``.

    Args:
        pairs: ``(id_a, id_b, score)`` triples.
        threshold: the least score that joins two ids.

    Returns:
        Clusters with two or more ids, largest first (ties by smallest id), e.g.
        ``cluster_pairs([("카카오", "kakao", 0.99), ("kakao", "다음", 0.2)], 0.5) == [{"카카오", "kakao"}]``.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b, score in pairs:
        if score < threshold:
            continue
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, set[str]] = {}
    for x in parent:
        groups.setdefault(find(x), set()).add(x)
    return sorted(groups.values(), key=lambda g: (-len(g), min(g)))
