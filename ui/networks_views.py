"""The networks page's outputs: the title, the training (cached, with a note
while a new loop compiles), and the curves beside the decision boundary with
its step slider. The comparisons are in ``ui/networks_sections.py``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from surfaces.datasets import classification
from surfaces.network import Architecture, Split, data_box, split_data
from surfaces.network.boundary import probability_grid
from surfaces.network.history import History
from surfaces.network.train import is_compiled, train
from ui import state
from ui.chart import chart
from ui.figures import chart_texts, figure_look, plotly_locale
from ui.names import dataset_name
from ui.networks_settings import (
    NetSettings,
    can_compare,
    decay_kinds,
    run_call,
    shown_kind,
)
from ui.texts import t
from viz.network import WORDS, Curve, curves_spec
from viz.network_boundary import boundary_spec, square_box

GRID = 100  # the boundary's grid: GRID × GRID points over the data's box


def arch(s: NetSettings) -> Architecture:
    return Architecture(s.hidden, s.activation)


@st.cache_data(max_entries=8, show_spinner=False)
def split(kind: str, n: int, noise: float, seed: int, val: float) -> Split:
    X, y = classification(kind, n, noise, seed)
    return split_data(X, y, val, seed)


def data(s: NetSettings) -> Split:
    return split(s.data, s.points, s.noise, s.data_seed, s.val_fraction)


@st.cache_data(max_entries=16, show_spinner=False)
def _train(s: NetSettings, kind: str | None) -> History:
    """One run (a 32-32 net's History is ~5 MB: 16 of them at most)."""
    key, settings = run_call(s, kind)
    return train(
        data(s),
        key,
        arch=arch(s),
        steps=s.steps,
        batch_size=s.batch,
        init=s.init,
        init_seed=s.init_seed,
        sigma=s.sigma,
        patience=s.patience or None,
        **settings,
    )


@dataclass
class Runs:
    """The page's run, and the other decay kind's when comparing."""

    main: History
    kind: str | None  # the page's decay kind (None: the method has no λ)
    other: History | None = None
    other_kind: str | None = None


def run_key(s: NetSettings) -> NetSettings:
    """The settings a run depends on (the page's switches do not count)."""
    return NetSettings(**{**vars(s), "compare_decay": False, "compare_inits": False})


def title(s: NetSettings, lang: str) -> None:
    a = arch(s)
    sizes = " → ".join(str(n) for n in a.sizes)
    act = "ReLU" if s.activation == "relu" else s.activation
    with st.container(key="dl-title"):
        st.markdown(
            t(
                "nn_title",
                lang,
                sizes=sizes,
                activation=act,
                n=a.n_params,
                data=dataset_name(s.data, lang),
            )
        )


def train_runs(s: NetSettings, lang: str) -> Runs | None:
    """Train (or fetch) the page's run, and the other kind's when comparing;
    says so while a new loop compiles. None, with a message, if refused."""
    kind = shown_kind(s)
    others = [k for k in ("l2", "decoupled") if k != kind]
    wanted = [kind] + (others if s.compare_decay and can_compare(s) else [])
    note = st.empty()
    fresh = [k for k in wanted if not _compiled(s, k)]
    if fresh:
        note.info(t("nn_compiling", lang), icon=":material/hourglass_top:")
    try:
        found = [_train(run_key(s), k) for k in wanted]
    except (KeyError, TypeError, ValueError) as err:
        note.empty()
        message = str(err.args[0]) if err.args else type(err).__name__
        st.error(t("nn_refused_run", lang, message=message))
        return None
    note.empty()
    runs = Runs(found[0], kind)
    if len(found) > 1:
        runs.other, runs.other_kind = found[1], wanted[1]
    return runs


def _compiled(s: NetSettings, kind: str | None) -> bool:
    key, settings = run_call(s, kind)
    return is_compiled(data(s), key, arch(s), **settings)


def words(lang: str) -> dict[str, str]:
    return {k: t(f"nn_fig_{k}", lang) for k in WORDS}


def show(spec: dict, key: str, lang: str) -> None:
    chart(spec, key=key, texts=chart_texts(lang), locale=plotly_locale(lang))


def kind_label(kind: str | None, lang: str) -> str:
    """A decay kind in a legend: short ("ℓ2", "decoupled")."""
    return t(f"nn_kind_{kind}", lang) if kind else ""


def curves_and_boundary(s: NetSettings, runs: Runs, lang: str) -> None:
    """The curves (left) and the boundary at the chosen step (right)."""
    look = figure_look(state.scene(), lang)
    h = runs.main
    if h.diverged_at is not None:
        st.warning(t("nn_diverged", lang, step=h.diverged_at))
    left, right = st.columns(2)
    with right:
        above = st.container()  # the figure, drawn once the slider is read
        kept, theta = h.params_at(step_slider(h, lang))
        sp = data(s)
        box = square_box(data_box(np.concatenate([sp.X_train, sp.X_val])))
        grid = probability_grid(arch(s), theta, box, GRID)
        spec = boundary_spec(grid, sp, kept, words(lang), look)
        with above:
            st.markdown(
                t(
                    "nn_step_metrics",
                    lang,
                    step=kept,
                    train=f"{h.train_acc[kept]:.0%}",
                    val=f"{h.val_acc[kept]:.0%}",
                )
            )
            show(spec, "nn_boundary", lang)
        st.caption(t("nn_boundary_note", lang))
    with left:
        curves = [Curve(h)]
        if runs.other is not None:
            curves = [
                Curve(h, kind_label(runs.kind, lang)),
                Curve(runs.other, kind_label(runs.other_kind, lang), "dash"),
            ]
        show(curves_spec(curves, kept, words(lang), look), "nn_curves", lang)
        st.caption(summary(s, h, lang))


def step_slider(h: History, lang: str) -> int:
    """The steps whose weights are kept (every step of a run of up to 500)."""
    options = [int(k) for k in h.snapshot_steps]
    if options[-1] != h.steps:
        options.append(h.steps)
    wanted = st.session_state.get(state.NN_STEP)
    shown = (
        options[-1] if wanted is None else min(options, key=lambda k: abs(k - wanted))
    )
    state.seed(state.W_NN_STEP, shown)

    def moved() -> None:
        value = int(st.session_state[state.W_NN_STEP])
        st.session_state[state.NN_STEP] = None if value == options[-1] else value

    st.select_slider(t("nn_step", lang), options, key=state.W_NN_STEP, on_change=moved)
    return shown


def summary(s: NetSettings, h: History, lang: str) -> str:
    best = t("nn_best", lang, step=h.best_step, loss=f"{h.val_loss[h.best_step]:.3g}")
    if not s.patience:
        stop = t("nn_stop_off", lang)
    elif h.stopped_at is None:
        stop = t("nn_not_stopped", lang, patience=s.patience, steps=h.steps)
    else:
        stop = t(
            "nn_stopped",
            lang,
            patience=s.patience,
            stop=h.stopped_at,
            kept=h.restored_step,
        )
    if h.batches_per_epoch == 1:
        batches = t("nn_full_batch_note", lang)
    else:
        epochs = h.steps / h.batches_per_epoch
        batches = t(
            "nn_epochs",
            lang,
            k=h.batch_size,
            per=h.batches_per_epoch,
            epochs=f"{epochs:.3g}",
            steps=h.steps,
        )
    return ("" if lang == "zh" else " ").join((best, stop, batches))


def warm(s: NetSettings | None = None) -> None:
    """Train the page's run at ``s`` (its defaults), both decay kinds where
    the method has them: the server's warm-up calls this, so a class opening
    the page compiles nothing."""
    s = run_key(s or NetSettings())
    for kind in {shown_kind(s), *decay_kinds(s.method)}:
        _train(s, kind)
