"""Node positions for the HTML view, computed before the page is written.

The browser then draws the network with physics off, so the first paint is
the final picture (no nodes flying about for seconds on 2,000 actors).

:func:`spring` is a Fruchterman-Reingold force layout (as networkx's
``spring_layout``) in numpy only: networkx's own needs scipy past 500 nodes
and its ForceAtlas2 takes tens of seconds on 2,000 nodes.  Past
:data:`EXACT_UP_TO` nodes the repulsion of each node is estimated from a
seeded random sample of the others, so a step costs O(n) instead of O(n^2).
The result depends only on the input and ``seed``.

>>> pos = spring(3, [(0, 1, 1.0), (1, 2, 1.0)], seed=1)
>>> len(pos), pos == spring(3, [(0, 1, 1.0), (1, 2, 1.0)], seed=1)
(3, True)
"""
from __future__ import annotations

import math

EXACT_UP_TO = 400
_SAMPLE = 48


def spring(n: int, edges: list[tuple[int, int, float]], *, seed: int = 7, iterations: int | None = None,
           spacing: float = 160.0) -> list[tuple[float, float]]:
    """Positions ``[(x, y)]`` of nodes ``0..n-1`` joined by weighted ``edges`` ``(i, j, weight)``.

    Centred on (0, 0) and scaled so that the drawing spans about ``spacing * sqrt(n)``
    units (vis-network's canvas units: pixels at zoom 1); rounded to 0.1.
    """
    linked = sorted({e[0] for e in edges} | {e[1] for e in edges})
    if len(linked) < n:  # actors without a tie go in rows under the drawing
        index = {old: new for new, old in enumerate(linked)}
        placed = _spring(len(linked), [(index[a], index[b], w) for a, b, w in edges], seed, iterations, spacing)
        return _with_loose(n, linked, placed, spacing)
    return _spring(n, edges, seed, iterations, spacing)


def _with_loose(n: int, linked: list[int], placed: list, spacing: float) -> list[tuple[float, float]]:
    out: list = [None] * n
    for i, xy in zip(linked, placed):
        out[i] = xy
    loose = [i for i in range(n) if out[i] is None]
    left = min((p[0] for p in placed), default=0.0)
    bottom = max((p[1] for p in placed), default=0.0) + spacing
    per_row = max(4, int(math.sqrt(len(loose)) * 2))
    step = spacing * 0.6
    for k, i in enumerate(loose):
        out[i] = (round(left + (k % per_row) * step, 1), round(bottom + (k // per_row) * step, 1))
    return out


def _spring(n: int, edges: list, seed: int, iterations: int | None, spacing: float) -> list[tuple[float, float]]:
    if n <= 0:
        return []
    if n == 1:
        return [(0.0, 0.0)]
    import numpy as np

    rng = np.random.default_rng(seed)
    steps = iterations if iterations is not None else (150 if n <= EXACT_UP_TO else 100)
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(n)
    if edges:
        src = np.fromiter((e[0] for e in edges), dtype=np.int64, count=len(edges))
        dst = np.fromiter((e[1] for e in edges), dtype=np.int64, count=len(edges))
        weight = np.fromiter((e[2] for e in edges), dtype=np.float64, count=len(edges))
    temperature = 0.1
    cool = temperature / (steps + 1)
    for _ in range(steps):
        disp = _repulsion(pos, k, rng)
        if edges:
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta ** 2).sum(axis=1)).clip(min=1e-3)
            pull = delta * (dist * (1 + np.log(weight)) / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= pos * 0.3  # a little gravity keeps small components near the rest
        length = np.sqrt((disp ** 2).sum(axis=1)).clip(min=1e-6)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cool
    pos = _scaled(pos, spacing * math.sqrt(n))
    return _apart(pos, spacing * 0.8) if n <= EXACT_UP_TO else _rounded(pos)


def _apart(pos, gap: float, rounds: int = 60) -> list[tuple[float, float]]:
    """Push apart the nodes closer than ``gap`` (a clique drawn as one blob is unreadable)."""
    import numpy as np

    n = len(pos)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for _ in range(rounds):
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]  # x and y apart: 3 times quicker
        dist = np.sqrt(dx * dx + dy * dy)                           # than one (n, n, 2) array
        np.fill_diagonal(dist, np.inf)
        short = dist < gap
        if not short.any():
            break
        dist = np.where(short, dist.clip(min=1e-3), 1.0)
        push = np.where(short, (gap - dist) / dist / 2, 0.0)
        share = max(1, min(n, 4))
        x, y = x + (dx * push).sum(axis=1) / share, y + (dy * push).sum(axis=1) / share
    pos = np.stack((x, y), axis=1)
    return _rounded(pos)


def _rounded(pos) -> list[tuple[float, float]]:
    return [(round(float(x), 1), round(float(y), 1)) for x, y in pos]


def _repulsion(pos, k: float, rng):
    """Each node's push away from the others: exact for small graphs, sampled for big ones."""
    import numpy as np

    n = len(pos)
    if n <= EXACT_UP_TO:  # x and y apart: 3 times quicker than one (n, n, 2) array
        x, y = pos[:, 0], pos[:, 1]
        dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
        d2 = (dx * dx + dy * dy).clip(min=1e-6)
        np.fill_diagonal(d2, np.inf)
        force = (k * k) / d2
        return np.stack(((dx * force).sum(axis=1), (dy * force).sum(axis=1)), axis=1)
    others = rng.integers(0, n, size=(n, _SAMPLE))
    delta = pos[:, None, :] - pos[others]
    d2 = (delta ** 2).sum(axis=2).clip(min=1e-6)
    d2[others == np.arange(n)[:, None]] = np.inf
    return (delta * (k * k / d2)[:, :, None]).sum(axis=1) * ((n - 1) / _SAMPLE)


def _scaled(pos, size: float):
    pos = pos - pos.mean(axis=0)
    import numpy as np

    span = float(np.percentile(abs(pos), 98)) or 1.0  # a far-flung outlier does not shrink the rest
    return pos * (size / 2 / span)


def around(centres: list[tuple[float, float]], index: int, radius: float = 30.0) -> tuple[float, float]:
    """A point near the mean of ``centres`` (an event among its actors), offset by a golden-angle
    turn per ``index`` so that several events of the same actors do not sit on each other.

    >>> around([(0.0, 0.0), (10.0, 0.0)], 0)
    (5.0, 30.0)
    """
    if not centres:
        centres = [(0.0, 0.0)]
    x = sum(c[0] for c in centres) / len(centres)
    y = sum(c[1] for c in centres) / len(centres)
    turn = index * 2.399963
    r = radius * (1 + (index % 3) * 0.5)
    return (round(x + r * math.sin(turn), 1), round(y + r * math.cos(turn), 1))
