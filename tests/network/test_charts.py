"""The SVG chart: plain data in, escaped markup out."""

from portal.network.charts import Bar, horizontal_bar_chart, suppress_small


def test_bars_are_proportional_and_labels_escaped():
    svg = horizontal_bar_chart(
        [Bar("Mongolia", 10), Bar("<script>", 5, display="<5")],
        title="Members & countries",
        width=500,
        label_width=100,
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert '<title id="chart-title">Members &amp; countries</title>' in svg
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    # plot width = 500 - 100 - 60 = 340: the largest bar fills it, half is half.
    assert 'width="340"' in svg
    assert 'width="170"' in svg
    assert "&lt;5" in svg
    assert svg.count("bar-withheld") == 1


def test_an_empty_chart_is_still_valid_svg():
    svg = horizontal_bar_chart([], title="Nothing yet")
    assert svg.count("<svg") == 1 and "<rect" not in svg


def test_small_cells_are_suppressed():
    assert suppress_small(0, minimum=5) == "0"
    assert suppress_small(4, minimum=5) == "<5"
    assert suppress_small(5, minimum=5) == "5"
