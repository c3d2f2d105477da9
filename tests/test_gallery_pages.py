"""Gallery lessons on other pages: their claims hold and are not vacuous, their
texts are in both languages, and each card's link opens its page showing it."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlencode

import pytest

from scenes import GALLERY
from scenes.gallery import pages
from scenes.gallery.pages import PAGE_LESSONS, PageLesson
from surfaces.graphs import GRAPHS
from ui import state
from ui.lesson_pages import target

from .apphelp import PAGES, Session

KEYS = list(PAGE_LESSONS)
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_keys_are_unique_across_the_gallery() -> None:
    assert not set(KEYS) & set(GALLERY)
    assert len(KEYS) >= 3


@pytest.mark.parametrize("key", KEYS)
def test_the_claim_holds(key: str) -> None:
    lesson = PAGE_LESSONS[key]
    assert isinstance(lesson, PageLesson) and lesson.key == key
    assert lesson.page in pages.PAGES
    assert lesson.claim()


GRAPH_KEYS = [k for k in KEYS if PAGE_LESSONS[k].page == "backprop"]


@pytest.mark.parametrize("key", GRAPH_KEYS)
def test_the_claim_fails_on_other_numbers(key: str, monkeypatch) -> None:
    """Other inputs to the lesson's graph break the claim: it checks numbers."""
    name = PAGE_LESSONS[key].setting["graph"]
    graph = GRAPHS[name]
    moved = replace(graph, defaults=tuple(v + 0.5 for v in graph.defaults))
    monkeypatch.setattr(pages, "GRAPHS", {**GRAPHS, name: moved})
    assert not PAGE_LESSONS[key].claim()


@pytest.mark.parametrize("key", KEYS)
def test_texts_in_both_languages(key: str) -> None:
    lesson = PAGE_LESSONS[key]
    for text in (lesson.title, lesson.picture, lesson.look_for, lesson.claim_text):
        assert set(text) == {"en", "zh"}
        assert CJK.search(text["zh"]) and not CJK.search(text["en"])


@pytest.mark.parametrize("key", KEYS)
def test_a_card_links_to_its_page_showing_it(key: str) -> None:
    lesson = PAGE_LESSONS[key]
    path, query = target(lesson, "zh")
    assert path in PAGES and query["lang"] == "zh"
    s = Session({"lang": "zh"})
    s.at.switch_page("pages/gallery.py").run()
    links = {(el.proto.page, el.proto.query_string) for el in s.at.get("page_link")}
    page = path.split("/")[-1].removesuffix(".py")
    assert (page, urlencode(query)) in links
    s.at.switch_page(path)
    for name, value in query.items():
        s.at.query_params[name] = value
    s.at.run()
    assert not s.at.exception
    assert not s.at.warning  # every value of the link was read
    if lesson.page == "backprop":
        assert s.at.session_state[state.BP_GRAPH] == lesson.setting["graph"]


def test_the_vanishing_claim_measures_a_real_gap() -> None:
    """Two variance-scaling starts differ by far less than 1 000x, so the
    claim's gap is the small start's doing."""
    X, y = pages.classification("moons", 200, 0.2, 0)
    split = pages.split_data(X, y, 0.25, 0)
    arch = pages.Architecture((16, 16, 16), "tanh")
    reports = pages.compare_inits(
        arch, split.X_train, split.y_train, ("he_normal", "glorot_normal"), 0
    )
    ratio = reports["glorot_normal"].grad_norms[0] / reports["he_normal"].grad_norms[0]
    assert 0.1 < ratio < 10


def test_the_map_lessons_claims_fail_on_other_numbers(monkeypatch) -> None:
    """Each map lesson's claim reads the numbers it names: moved, it fails."""
    from dataclasses import replace as swap

    from scenes.gallery import maps

    real = maps.curvature
    monkeypatch.setattr(
        maps,
        "curvature",
        lambda *a: swap(real(*a), eigenvalues=real(*a).eigenvalues * 1.2),
    )
    assert not maps._edge_claim()
    monkeypatch.setattr(maps, "curvature", real)
    best = maps.optimal_momentum
    monkeypatch.setattr(
        maps, "optimal_momentum", lambda *a: swap(best(*a), lr=3 * best(*a).lr)
    )
    assert not maps._kappa_claim()
    # A "random" search that tries the grid's own points never beats it.
    grid = maps.grid_and_random
    monkeypatch.setattr(maps, "grid_and_random", lambda *a: (grid(*a)[0], grid(*a)[0]))
    assert maps._search_wins() == 0
    monkeypatch.setattr(maps, "MOMENTUM", {"lr": 0.01, "momentum": 0.0})
    assert not maps._starts_claim()  # momentum 0 is GD: no start moves
