from portal.reporting.charts import bar_chart_svg, shares_by_year_svg


def test_bar_chart_escapes_labels_and_scales_to_the_largest():
    svg = str(bar_chart_svg([("<script>x</script>", 10), ("Mongolia", 5)], title="By country"))
    assert svg.startswith("<svg")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'aria-label="By country"' in svg
    assert svg.count("<rect") == 2
    # Scaled to the largest value: the bar of 10 is twice as wide as the bar of 5.
    widths = [float(chunk.split('"')[0]) for chunk in svg.split(' width="')[1:]]
    assert widths[0] == 2 * widths[1]


def test_shares_chart_draws_targets_and_skips_missing_values():
    svg = str(
        shares_by_year_svg(
            [(2025, 44.0, None), (2026, 41.0, 33.0)],
            title="Shares",
            first_label="Women",
            second_label="Youth",
            first_target={2025: 40},
            target_label="target",
        )
    )
    assert ">2025<" in svg and ">2026<" in svg
    # Bars: 2025 women, 2026 women and youth (2025 youth has no value), plus two legend keys.
    assert svg.count('<rect x="') == 3 + 2
    assert svg.count('stroke="#a3122a" stroke-width="3"') == 1 + 1  # one target tick + legend
