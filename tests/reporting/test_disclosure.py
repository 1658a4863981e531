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
    assert view.hidden == {"gender:woman": PRIMARY, "gender:another": SECONDARY}
    assert view.display("gender:another", 5) == "\u00b7"
    assert recoverable_counts(views, min_cell=5, wide="all") == []


def test_a_difference_between_two_views_is_protected():
    views = {
        "all": View(cells={"participants": 60, "country:MN": 12}),
        "2025": View(cells={"participants": 50, "country:MN": 9}),
    }
    assert recoverable_counts(views, min_cell=5, wide="all") != []  # 12 - 9 = 3
    suppress(views, min_cell=5, wide="all")
    assert views["2025"].hidden["country:MN"] == SECONDARY
    assert recoverable_counts(views, min_cell=5, wide="all") == []
