"""Small-cell suppression for public figures (BRIEF §3: below REPORT_MIN_CELL, "<5").

The method is written down in ``docs/reporting.md``. In short:

- every figure the public can see, on every page (all years and each year),
  is one *cell* of one *published set*; the set is computed once a day and is
  the same for every language and cache;
- a cell below the threshold is hidden and shown as "<5" (*primary*);
- a visitor knows how the cells relate: a breakdown's rows add up to the
  people counted (or at least to them, for youth, which a person can change
  between enrolments), "completed" and "certified" are at most the people
  counted, a year's count is at most the all-years count, and the all-years
  count at most the sum of the years;
- from the shown cells and these relations, an attacker can bound each hidden
  cell by integer programming. More cells are hidden (*secondary*, shown as
  "·") until no hidden cell is pinned: a "<5" cell keeps every value its label
  allows, and a "·" cell (which the visitor knows is at least the threshold)
  keeps at least the threshold's number of possible values.

The bounds are exact integer bounds (scipy's ``milp``, HiGHS), computed per
connected group of hidden cells. The functions work on plain dicts, so the
page, the publishing service and the tests share them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

PRIMARY = "primary"  # below the threshold: shown as "<5"
SECONDARY = "secondary"  # hidden so that a small count cannot be worked out: "·"
# A breakdown of too few people to protect its small rows: every row hidden, "·"
# as well; unlike a secondary cell, such a row may be below the threshold.
COLLAPSED = "collapsed"

EQ = "eq"  # sum of terms == 0
LE = "le"  # sum of terms <= 0


@dataclass
class View:
    """One page's figures: cell key → count, and how the cells relate.

    Attributes:
        cells: every count the page can show.
        tables: (total key, [part keys]): a breakdown of the total.
        bounded: (part key, whole key): part ≤ whole (completed ≤ participants).
        floors: the least value a hidden cell can have as far as a visitor knows
            (1 for a row that is only listed when someone is in it; 0 otherwise).
        hidden: key → PRIMARY or SECONDARY.
    """

    cells: dict[str, int]
    tables: list[tuple[str, list[str]]] = field(default_factory=list)
    bounded: list[tuple[str, str]] = field(default_factory=list)
    floors: dict[str, int] = field(default_factory=dict)
    hidden: dict[str, str] = field(default_factory=dict)

    def shown(self, key: str) -> bool:
        return key not in self.hidden

    def display(self, key: str, min_cell: int) -> str:
        if self.hidden.get(key) == PRIMARY:
            return f"<{min_cell}"
        if self.hidden.get(key) in (SECONDARY, COLLAPSED):
            return "\u00b7"
        return f"{self.cells[key]:,}"


Ref = tuple[str, str]  # (view name, cell key)


@dataclass(frozen=True)
class Relation:
    """sum(coefficient * cell) == 0 (EQ) or <= 0 (LE): what a visitor knows."""

    terms: tuple[tuple[int, Ref], ...]
    sense: str


def relations(views: dict[str, View], *, wide: str | None) -> list[Relation]:
    """Every relation between cells that a visitor can rely on.

    Only relations that hold for the actual counts are listed: a relation that
    does not hold would mislead the attacker, not help them, and the bounds are
    only meaningful around a feasible point.
    """
    out: list[Relation] = []

    def add(terms, sense):
        value = sum(c * views[v].cells[k] for c, (v, k) in terms)
        if (sense == EQ and value == 0) or (sense == LE and value <= 0):
            out.append(Relation(tuple(terms), sense))
            return True
        return False

    for name, view in views.items():
        for total, parts in view.tables:
            terms = [(1, (name, total))] + [(-1, (name, p)) for p in parts]
            if not add(terms, EQ):
                # A person may sit in two rows (youth at one enrolment, not at another).
                add([(-1, (name, total))] + [(1, (name, p)) for p in parts], LE)
                for p in parts:
                    add([(1, (name, p)), (-1, (name, total))], LE)
        for part, whole in view.bounded:
            add([(1, (name, part)), (-1, (name, whole))], LE)
    if wide is not None and wide in views:
        outer = views[wide]
        narrow = [n for n in views if n != wide]
        for key in outer.cells:
            for n in narrow:
                if key in views[n].cells:
                    add([(1, (n, key)), (-1, (wide, key))], LE)
            within = [(-1, (n, key)) for n in narrow if key in views[n].cells]
            if within:
                add([(1, (wide, key)), *within], LE)
    return out


def _prior(view: View, key: str, min_cell: int) -> tuple[int, float]:
    """What the label alone tells a visitor about a hidden cell."""
    if view.hidden[key] == PRIMARY:
        return view.floors.get(key, 0), min_cell - 1
    if view.hidden[key] == COLLAPSED:
        return view.floors.get(key, 0), math.inf
    return min_cell, math.inf


def intervals(
    views: dict[str, View],
    rels: list[Relation],
    *,
    min_cell: int,
    only: set[Ref] | None = None,
) -> dict[Ref, tuple[int, float]]:
    """Exact integer bounds of each hidden cell, given every shown cell and ``rels``.

    ``only``: bound just the hidden cells connected to one of these (default: all).

    Hidden cells that share no relation with another hidden cell are bounded by
    their relations to shown cells alone; the others by one integer program per
    connected group (minimise and maximise each cell).
    """
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp

    hidden = [(n, k) for n, v in views.items() for k in v.hidden]
    index = {ref: i for i, ref in enumerate(hidden)}
    # The relations in terms of hidden cells: coefficients, and the constant the shown ones add.
    rows: list[tuple[dict[int, int], int, str]] = []
    touching: dict[int, list[int]] = defaultdict(list)
    for rel in rels:
        coeffs: dict[int, int] = {}
        constant = 0
        for c, (n, k) in rel.terms:
            if (n, k) in index:
                coeffs[index[(n, k)]] = coeffs.get(index[(n, k)], 0) + c
            else:
                constant += c * views[n].cells[k]
        coeffs = {i: c for i, c in coeffs.items() if c}
        if not coeffs:
            continue
        rows.append((coeffs, constant, rel.sense))
        for i in coeffs:
            touching[i].append(len(rows) - 1)

    # Connected groups of hidden cells.
    parent = list(range(len(hidden)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for coeffs, _c, _s in rows:
        first, *rest = coeffs
        for other in rest:
            parent[find(other)] = find(first)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(hidden)):
        groups[find(i)].append(i)

    result: dict[Ref, tuple[int, float]] = {}
    touched = set(range(len(hidden))) if only is None else {index[r] for r in only if r in index}
    for members in groups.values():
        if not touched.intersection(members):
            continue
        local = {i: j for j, i in enumerate(members)}
        lower = np.array([_prior(views[hidden[i][0]], hidden[i][1], min_cell)[0] for i in members])
        upper = np.array([_prior(views[hidden[i][0]], hidden[i][1], min_cell)[1] for i in members])
        row_ids = sorted({r for i in members for r in touching[i]})
        constraints = []
        if row_ids:
            matrix = np.zeros((len(row_ids), len(members)))
            lo = np.empty(len(row_ids))
            hi = np.empty(len(row_ids))
            for r, row_id in enumerate(row_ids):
                coeffs, constant, sense = rows[row_id]
                for i, c in coeffs.items():
                    matrix[r, local[i]] = c
                hi[r] = -constant
                lo[r] = -constant if sense == EQ else -np.inf
            constraints.append(LinearConstraint(matrix, lo, hi))
        integrality = np.ones(len(members))
        bounds = Bounds(lower, upper)
        for i in members:
            objective = np.zeros(len(members))
            found = []
            for sign in (1, -1):
                objective[local[i]] = sign
                res = milp(
                    objective, constraints=constraints, integrality=integrality, bounds=bounds
                )
                if res.status == 0:
                    found.append(round(sign * res.fun))
                elif res.status == 3:  # unbounded
                    found.append(-math.inf if sign == 1 else math.inf)
                else:  # infeasible cannot happen around the true counts; be safe
                    found.append(None)
            if None in found:
                result[hidden[i]] = (lower[local[i]], upper[local[i]])
            else:
                result[hidden[i]] = (found[0], found[1])
    return result


def pinned(views: dict[str, View], bounds: dict[Ref, tuple[int, float]], *, min_cell: int):
    """The hidden cells the attacker narrows too far, with their bounds."""
    out = []
    for (name, key), (lo, hi) in bounds.items():
        view = views[name]
        prior_lo, prior_hi = _prior(view, key, min_cell)
        if view.hidden[key] == PRIMARY:
            # That a hidden group is not empty is not counted as telling.
            bad = lo > max(prior_lo, 1) or hi < prior_hi
        elif view.hidden[key] == COLLAPSED:
            bad = False  # not sensitive itself; its small rows are checked as primaries
        else:
            bad = hi - lo + 1 < min_cell
        if bad:
            out.append(((name, key), lo, hi))
    return out


def _first_pass(view: View, min_cell: int) -> None:
    """Cheap secondary suppression within each table before the exact check.

    A table whose total is shown needs two hidden parts, or none; hiding the
    smallest shown part first keeps the largest (and most telling) figures.
    """
    for total, parts in view.tables:
        if not view.shown(total):
            continue
        hidden = [p for p in parts if not view.shown(p)]
        if len(hidden) == 1:
            visible = sorted((p for p in parts if view.shown(p)), key=lambda p: view.cells[p])
            if visible:
                view.hidden[visible[0]] = SECONDARY


def _candidates(views, rels, ref: Ref, keep: frozenset[str]) -> list[Ref]:
    """Shown cells to hide next to protect ``ref``: its table's parts first, smallest first."""
    seen: dict[Ref, tuple] = {}
    for rel in rels:
        refs = [r for _c, r in rel.terms]
        if ref not in refs:
            continue
        for position, other in enumerate(refs):
            name, key = other
            if other == ref or not views[name].shown(key) or key in keep:
                continue
            is_total = rel.sense == EQ and position == 0
            rank = (rel.sense != EQ, is_total, name != ref[0], views[name].cells[key], name, key)
            if other not in seen or rank < seen[other]:
                seen[other] = rank
    return sorted(seen, key=lambda r: seen[r])


def suppress(
    views: dict[str, View],
    *,
    min_cell: int,
    wide: str | None = None,
    keep: frozenset[str] = frozenset(),
) -> None:
    """Mark the cells of ``views`` to hide, in place, until no hidden cell is pinned.

    Args:
        views: every page of the published set, by name.
        min_cell: the threshold (``REPORT_MIN_CELL``).
        wide: the name of the view that contains all the others (all years).
        keep: cell keys never hidden to protect others (the headline figures):
            they are hidden only when below the threshold themselves.

    Raises:
        RuntimeError: a pinned cell has nothing left around it to hide (a
            relation the method does not foresee); publishing stops rather than
            publish it.
    """
    for view in views.values():
        for key, value in view.cells.items():
            if value < min_cell:
                view.hidden[key] = PRIMARY
        _first_pass(view, min_cell)
    rels = relations(views, wide=wide)
    check: set[Ref] | None = None
    while True:
        bounds = intervals(views, rels, min_cell=min_cell, only=check)
        failures = pinned(views, bounds, min_cell=min_cell)
        if not failures:
            return
        added = set()
        for ref, _lo, _hi in failures:
            options = [c for c in _candidates(views, rels, ref, keep) if c not in added]
            if options:
                name, key = options[0]
                views[name].hidden[key] = SECONDARY
                added.add(options[0])
        if not added:
            # Too few people in the table to hide its small rows among large ones:
            # every row of the tables of the failing cells is hidden, as "·" too.
            for (name, key), _lo, _hi in failures:
                view = views[name]
                for _total, parts in view.tables:
                    if key in parts:
                        for part in parts:
                            if view.hidden.get(part) != COLLAPSED:
                                view.hidden[part] = COLLAPSED
                                added.add((name, part))
        if not added:
            # Last resort: a headline figure of another view bounds a small one.
            for ref, _lo, _hi in failures:
                options = [c for c in _candidates(views, rels, ref, frozenset()) if c not in added]
                if options:
                    name, key = options[0]
                    views[name].hidden[key] = SECONDARY
                    added.add(options[0])
        if not added:
            raise RuntimeError(f"Cannot protect {failures}")
        check = added | {ref for ref, _lo, _hi in failures}


def recoverable_counts(
    views: dict[str, View], *, min_cell: int, wide: str | None = None
) -> list[str]:
    """Every shown small count and every pinned hidden cell; empty when safe."""
    leaks = [
        f"{name}:{key} shown as {value}"
        for name, view in views.items()
        for key, value in view.cells.items()
        if view.shown(key) and value < min_cell
    ]
    bounds = intervals(views, relations(views, wide=wide), min_cell=min_cell)
    leaks += [
        f"{name}:{key} pinned to {lo}..{hi}"
        for (name, key), lo, hi in pinned(views, bounds, min_cell=min_cell)
    ]
    return leaks
