"""The playground's summary table writes numbers a line cannot break inside."""

from __future__ import annotations

import pytest

from ui.data import shown


@pytest.mark.parametrize(
    ("value", "spec", "text"),
    [
        (8.33895e-10, ".6g", "8.33895e\u221210"),
        (-3.5, ".3g", "\u22123.5"),
        (-2.5e-07, ".3g", "\u22122.5e\u221207"),
        (0.00525653, ".6g", "0.00525653"),
        (1.2e20, ".3g", "1.2e+20"),
    ],
)
def test_a_number_keeps_its_value_with_a_minus_sign(value, spec, text) -> None:
    assert shown(value, spec) == text
    assert "-" not in shown(value, spec)
    assert float(shown(value, spec).replace("\u2212", "-")) == float(f"{value:{spec}}")
