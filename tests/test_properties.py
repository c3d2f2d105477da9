"""Properties over random settings: divergence is data, never a NaN or an error."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from optimizers import OPTIMIZERS, run
from surfaces import SURFACES


@st.composite
def settings_for(draw):
    opt = draw(st.sampled_from(list(OPTIMIZERS)))
    surface = draw(st.sampled_from(list(SURFACES)))
    hyper = {}
    for h in OPTIMIZERS[opt].all_hyperparams:
        if h.integer:
            hyper[h.key] = draw(st.integers(int(h.low), int(h.high)))
        elif h.log:
            exponent = draw(st.floats(np.log10(h.low), np.log10(h.high)))
            hyper[h.key] = float(min(max(10.0**exponent, h.low), h.high))
        else:
            hyper[h.key] = draw(st.floats(h.low, h.high))
    for c in OPTIMIZERS[opt].all_choices:
        hyper[c.key] = draw(st.sampled_from(c.options))
    s = SURFACES[surface]
    start = tuple(draw(st.floats(lo, hi)) for lo, hi in s.domain)
    return surface, opt, start, hyper


@settings(max_examples=60, deadline=None)
@given(settings_for(), st.integers(0, 300))
def test_any_setting_gives_finite_data(case, steps) -> None:
    surface, opt, start, hyper = case
    t = run(surface, opt, start=start, steps=steps, **hyper)
    assert t.points.shape == (steps + 1, SURFACES[surface].dim)
    assert np.all(np.isfinite(t.points)) and np.all(np.isfinite(t.values))
    assert np.all(np.isfinite(t.grad_norms))
    if t.diverged_at is not None:
        k = t.diverged_at
        assert 1 <= k <= steps
        assert np.all(t.points[k:] == t.points[k - 1])
