"""spaCy's :class:`~spacy.matcher.DependencyMatcher`, with the tokens of each pattern node
found from columns of the doc's attributes.

spaCy's matcher first runs a token :class:`~spacy.matcher.Matcher` with one
one-token pattern per node of every dependency pattern, over the whole doc, and
walks each matched token's ancestors to its tree's root.  Our rules' nodes are
plain tests of ``LEMMA``, ``LOWER``, ``POS``, ``TAG`` and ``DEP`` (a value, or
``IN`` a list): here they are compared with the doc's attribute columns
(``Doc.to_array``) all at once, and each token's root is looked up in one pass
over the heads.  That took about a twentieth of the extractor's time in spaCy's
token matcher.  The rest (the tree relations, the order of the matches) is
spaCy's own code, so the matches are the same, in the same order; a node with
any other test leaves the whole matcher to spaCy's way.
"""
from __future__ import annotations

from collections import defaultdict

from spacy.matcher import DependencyMatcher

ATTRS = ("LEMMA", "LOWER", "POS", "TAG", "DEP")  # the node tests done here


def _node_test(attrs: dict, strings) -> tuple[tuple[int, tuple[int, ...]], ...] | None:
    """(column, the values it may hold) for each test of a node's ``RIGHT_ATTRS``, as spaCy's
    token matcher reads them; None when one is not a plain value or ``IN`` a list here."""
    from spacy.strings import get_string_id

    tests = []
    for attr, value in attrs.items():
        if attr not in ATTRS:
            return None
        if isinstance(value, str):
            values = (strings.add(value),)  # what spaCy's matcher compares with
        elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list) \
                and all(isinstance(v, str) for v in value["IN"]):
            values = tuple(sorted({get_string_id(v) for v in value["IN"]}))
        else:
            return None
        tests.append((ATTRS.index(attr), values))
    return tuple(tests)


class ColumnDependencyMatcher(DependencyMatcher):
    """A :class:`~spacy.matcher.DependencyMatcher` that finds node tokens from the doc's
    attribute columns when every node of every pattern allows it (see the module)."""

    def add(self, key, patterns, *, on_match=None) -> None:
        super().add(key, patterns, on_match=on_match)
        self._plan = None  # made again on the next call

    def _node_plan(self) -> list[tuple[int, int, tuple]] | None:
        """(pattern key, node's matcher key, tests) for every node of every pattern; None if one
        cannot be done here."""
        plan = getattr(self, "_plan", None)
        if plan is None:
            plan = []
            for key, patterns in self._patterns.items():
                for nodes, keys in zip(patterns, self._tokens_to_key[key]):
                    tests = [_node_test(attrs, self.vocab.strings) for (attrs,) in nodes]
                    if any(t is None for t in tests):
                        self._plan = False
                        return None
                    plan += [(key, node_key, t) for node_key, t in zip(keys, tests)]
            self._plan = plan
        return plan or None

    def _get_keys_to_position_maps(self, doc):
        plan = self._node_plan()
        if plan is None or not len(doc):
            return super()._get_keys_to_position_maps(doc)
        return _positions(doc, plan)

    def done_by_columns(self) -> bool:
        """Whether every node of every pattern is found from the columns (see :meth:`matches`)."""
        return self._node_plan() is not None

    def matches(self, doc, names) -> list[tuple[int, list[int]]]:
        """What a matcher of only the patterns ``names`` (added in this matcher's order) finds
        in ``doc``: the same matches in the same order, without making that matcher.  Only
        for a matcher :meth:`done_by_columns`."""
        keys = {self.vocab.strings.add(name) for name in names}
        plan = [entry for entry in self._node_plan() or () if entry[0] in keys]
        if not plan or not len(doc):
            return []
        maps = _positions(doc, plan)
        cache: dict = {}
        found = []
        for key in self._patterns:  # as DependencyMatcher.__call__ goes, over these patterns only
            if key not in keys:
                continue
            for tree, tokens_to_key in zip(self._tree[key], self._tokens_to_key[key]):
                for keys_to_position in maps.values():
                    found += [(key, tokens) for tokens in self._get_matches(cache, doc, tree, tokens_to_key,
                                                                            keys_to_position)]
        return found


def _roots(heads: list[int]) -> list[int]:
    """The root of each token's tree, from each token's head offset (``Doc.to_array(HEAD)``)."""
    roots = [-1] * len(heads)
    for i in range(len(heads)):
        path = []
        j = i
        while roots[j] < 0 and heads[j]:
            path.append(j)
            j += heads[j]
        root = roots[j] if roots[j] >= 0 else j
        roots[j] = root
        for k in path:
            roots[k] = root
    return roots


def _positions(doc, plan: list[tuple[int, int, tuple]]):
    """``{root: {matcher key: [token positions]}}`` as spaCy's matcher makes it: the roots in the
    order of their trees' first matched token, the positions in order."""
    from spacy import attrs

    rows = doc.to_array([getattr(attrs, a) for a in ATTRS] + [attrs.HEAD]).tolist()
    where: list[dict[int, list[int]]] = [{} for _ in ATTRS]  # column -> value -> positions
    for position, row in enumerate(rows):
        for column, index in enumerate(where):
            index.setdefault(row[column], []).append(position)
    known: dict[tuple, frozenset[int]] = {}

    def tokens(test: tuple[int, tuple[int, ...]]) -> frozenset[int]:
        found = known.get(test)
        if found is None:
            column, values = test
            found = known[test] = frozenset(p for v in values for p in where[column].get(v, ()))
        return found

    found: list[tuple[int, int, int]] = []  # (position, node's place in the plan, matcher key)
    for place, (_key, node_key, tests) in enumerate(plan):
        hits = tokens(tests[0]) if tests else frozenset(range(len(rows)))
        for test in tests[1:]:
            if not hits:
                break
            hits = hits & tokens(test)
        found.extend((position, place, node_key) for position in hits)
    found.sort()  # as the token matcher gives them: by position, then pattern order
    offsets = [row[-1] - (1 << 64) if row[-1] >= 1 << 63 else row[-1] for row in rows]  # HEAD, unsigned
    roots = _roots(offsets)
    maps = defaultdict(lambda: defaultdict(list))
    for position, _place, node_key in found:
        maps[roots[position]][node_key].append(position)
    return maps
