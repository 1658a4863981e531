from portal.reporting.disclosure import PRIMARY, SECONDARY, View, recoverable_counts, suppress


def test_small_counts_are_hidden():
    views = {"all": View(cells={"participants": 40, "gender:woman": 3, "gender:man": 37})}
    suppress(views, min_cell=5, wide="all")
    assert views["all"].hidden["gender:woman"] == PRIMARY
    assert views["all"].display("gender:woman", 5) == "<5"


def test_one_hidden_cell_in_a_table_with_its_total_hides_another():
    view = View(
        cells={"participants": 40, "gender:woman": 3, "gender:man": 30, "gender:another": 7},
        tables=[("participants", ["gender:woman", "gender:man", "gender:another"])],
    )
    views = {"all": view}
    suppress(views, min_cell=5, wide="all")
    # Woman + another = 10: woman keeps 0..4, another (at least 5) keeps 6..10.
    assert view.hidden == {"gender:woman": PRIMARY, "gender:another": SECONDARY}
    assert view.display("gender:another", 5) == "\u00b7"
    assert recoverable_counts(views, min_cell=5, wide="all") == []


def test_a_year_cannot_pin_a_small_cell_of_all_years():
    """All years' count is at most the sum of the years': a shown year bounds a hidden cell."""
    views = {
        "all": View(cells={"participants": 60, "country:MN": 12}),
        "2025": View(cells={"participants": 50, "country:MN": 9}),
        "2024": View(cells={"participants": 10, "country:MN": 3}),
    }
    # Shown 12 and 9 would put 2024's hidden "<5" at 3 or 4, not anywhere in 0..4.
    suppress(views, min_cell=5, wide="all")
    assert views["2024"].hidden["country:MN"] == PRIMARY
    assert not views["2025"].shown("country:MN") or not views["all"].shown("country:MN")
    assert recoverable_counts(views, min_cell=5, wide="all") == []


def test_headline_cells_kept_are_not_hidden_for_others():
    view = View(
        cells={"participants": 23, "completed": 20, "gender:woman": 11, "gender:man": 12},
        tables=[("participants", ["gender:woman", "gender:man"])],
        bounded=[("completed", "participants")],
    )
    suppress({"all": view}, min_cell=5, wide="all", keep=frozenset({"participants", "completed"}))
    assert view.hidden == {}
