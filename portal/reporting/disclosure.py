"""Small-cell suppression for public figures (BRIEF §3: below REPORT_MIN_CELL, "<5").

Hiding a small count is not enough if it can be worked out from what is shown:

- within a table whose total is shown, one hidden cell is the total minus the
  others, so a second cell is hidden until the hidden cells add up to at
  least the threshold (secondary suppression);
- between two views (all years, and one year), the difference of a shown
  count in both is itself a count of people; when it is below the threshold,
  the count in the narrower view is hidden too.

The rules are applied until nothing changes. Pure functions over plain dicts,
so the public page and its tests share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRIMARY = "primary"  # below the threshold: shown as "<5"
SECONDARY = "secondary"  # hidden so that a small count cannot be worked out


@dataclass
class View:
    """One set of published figures: cell key → count, and the tables among them.

    ``tables`` lists (total key, [part keys]) for tables whose parts add up to
    their total (a breakdown by a person's gender or country).
    """

    cells: dict[str, int]
    tables: list[tuple[str, list[str]]] = field(default_factory=list)
    hidden: dict[str, str] = field(default_factory=dict)

    def shown(self, key: str) -> bool:
        return key not in self.hidden

    def display(self, key: str, min_cell: int) -> str:
        if self.hidden.get(key) == PRIMARY:
            return f"<{min_cell}"
        if self.hidden.get(key) == SECONDARY:
            return "\u00b7"
        return f"{self.cells[key]:,}"


def suppress(views: dict[str, View], *, min_cell: int, wide: str | None = None) -> None:
    """Mark the cells of ``views`` to hide, in place.

    Args:
        views: every view the public can see, by name.
        min_cell: the threshold (``REPORT_MIN_CELL``).
        wide: the name of the view that contains all the others (all years);
            differences are checked between it and each other view.
    """
    for view in views.values():
        for key, value in view.cells.items():
            if value < min_cell:
                view.hidden[key] = PRIMARY
    changed = True
    while changed:
        changed = False
        for view in views.values():
            changed |= _protect_tables(view, min_cell)
        if wide is not None:
            changed |= _protect_differences(views, wide, min_cell)


def _protect_tables(view: View, min_cell: int) -> bool:
    changed = False
    for total, parts in view.tables:
        if not view.shown(total):
            continue
        while True:
            hidden = [p for p in parts if not view.shown(p)]
            if not hidden:
                break
            hidden_sum = sum(view.cells[p] for p in hidden)
            if len(hidden) >= 2 and hidden_sum >= min_cell:
                break
            visible = sorted((p for p in parts if view.shown(p)), key=lambda p: view.cells[p])
            if not visible:
                view.hidden[total] = SECONDARY
                changed = True
                break
            view.hidden[visible[0]] = SECONDARY
            changed = True
    return changed


def _protect_differences(views: dict[str, View], wide: str, min_cell: int) -> bool:
    changed = False
    outer = views[wide]
    for name, view in views.items():
        if name == wide:
            continue
        for key, value in view.cells.items():
            if key not in outer.cells or not view.shown(key):
                continue
            if not outer.shown(key):
                continue
            if 0 < outer.cells[key] - value < min_cell:
                view.hidden[key] = SECONDARY
                changed = True
    return changed


def recoverable_counts(views: dict[str, View], *, min_cell: int, wide: str) -> list[str]:
    """Every way a small count could be worked out from what is shown; empty when safe.

    Used by tests (and cheap enough to assert on the live page).
    """
    leaks = []
    for name, view in views.items():
        for key, value in view.cells.items():
            if view.shown(key) and value < min_cell:
                leaks.append(f"{name}:{key} shown as {value}")
        for total, parts in view.tables:
            hidden = [p for p in parts if not view.shown(p)]
            small = len(hidden) == 1 or sum(view.cells[p] for p in hidden) < min_cell
            if view.shown(total) and hidden and small:
                leaks.append(f"{name}:{total} minus shown parts")
    outer = views[wide]
    for name, view in views.items():
        if name == wide:
            continue
        for key, value in view.cells.items():
            both = key in outer.cells and view.shown(key) and outer.shown(key)
            if both and 0 < outer.cells[key] - value < min_cell:
                leaks.append(f"{wide}:{key} minus {name}:{key}")
    return leaks
