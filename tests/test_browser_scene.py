"""In a real browser: the scene on a projector, in Chinese, in its link, in the
exported file, under the keyboard, across pages; and one rerun per move.

Served by conftest's ``app_url`` (a real ``streamlit run app.py``); driven by
pytest-playwright's ``page`` in Debian's chromium at 1280×720. Screenshots go
to /tmp/browser_shots/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ui.texts import t

from .browserhelp import (
    FRONT,
    HEIGHT,
    IDLE,
    LINK_FIELD,
    SCROLLED,
    SHOTS,
    WIDTH,
    address,
    box,
    collapse_sidebar,
    default_scene,
    eventually,
    expand_sidebar,
    lesson_scene,
    nudge,
    open_scene,
    outside,
    paths,
    quiet,
    settled,
    sidebar_collapsed,
)

pytestmark = pytest.mark.browser


def scene_for(key: str, present: bool = False):
    return default_scene(present) if key == "default" else lesson_scene(key, present)


def shot(page: Page, name: str) -> str:
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    path = f"{SHOTS}/{name}.png"
    page.screenshot(path=path)
    return path


# --- 1. The map, its legend and the play bar fit a 1280×720 projector --------

# The plot area and the axes' full extent (ticks, tick labels, titles), the
# colour bar, the legend and the play bar with its step slider.
MAP_PARTS = {
    "plot area": f"{FRONT} .nsewdrag",
    "x axis with tick labels": f"{FRONT} .xaxislayer-above",
    "y axis with tick labels": f"{FRONT} .yaxislayer-above",
    "x axis title": f"{FRONT} .g-xtitle",
    "y axis title": f"{FRONT} .g-ytitle",
    "colour bar": ".descent-lab-back .colorbar",
    "legend": f"{FRONT} .legend",
    "play bar": ".descent-lab-controls",
    "step slider": ".descent-lab-step",
}
LAYOUTS = [
    ("default", False),
    ("default", True),
    ("many_minima", False),
    ("many_minima", True),
]


def parts_outside(page: Page, parts: dict[str, str]) -> dict[str, list[str]]:
    """Each part that is not drawn or leaves the viewport, and how."""
    failures = {}
    for name, selector in parts.items():
        b = box(page, selector)
        if b is None or b["width"] <= 0 or b["height"] <= 0:
            failures[name] = [f"not drawn ({selector})"]
        elif sides := outside(b):
            failures[name] = sides
    return failures


@pytest.mark.parametrize(
    ("scene_key", "present"),
    LAYOUTS,
    ids=[f"{k}-{'present' if p else 'normal'}" for k, p in LAYOUTS],
)
def test_the_map_fits_a_projector(
    page: Page, app_url: str, scene_key: str, present: bool
) -> None:
    open_scene(page, address(app_url, scene_for(scene_key, present)))
    if present:
        assert sidebar_collapsed(page), "presentation mode starts with a folded sidebar"
    collapse_sidebar(page)
    shot(page, f"fit-{scene_key}-{'present' if present else 'normal'}")
    assert page.evaluate(SCROLLED) == 0, "the page scrolled"
    parts = dict(MAP_PARTS)
    if scene_key == "default" and not present:
        for i in range(3):  # every run's learning rate, beside the map
            parts[f"run {i + 1} learning-rate slider"] = (
                f".st-key-runpanel{i} [data-testid='stSlider']"
            )
    failures = parts_outside(page, parts)
    assert not failures, f"outside the {WIDTH}×{HEIGHT} viewport: {failures}"


@pytest.mark.parametrize("present", [False, True], ids=["fold-normal", "open-present"])
def test_the_map_refits_when_the_sidebar_folds_or_opens(
    page: Page, app_url: str, present: bool
) -> None:
    """Folding or opening the sidebar changes the map's column, not the window."""
    open_scene(page, address(app_url, default_scene(present)))
    if present:
        expand_sidebar(page)  # it starts folded
    else:
        collapse_sidebar(page)
    shot(page, f"sidebar-{'opened-present' if present else 'folded-normal'}")
    column = box(page, ".descent-lab-chart")
    drawn = box(page, f"{FRONT} .main-svg")
    panel = box(page, ".st-key-runpanel0")
    problems = []
    if abs(drawn["width"] - column["width"]) > 1:
        problems.append(
            f"the figure is {drawn['width']:.0f} px wide in a column of "
            f"{column['width']:.0f} px"
        )
    if drawn["right"] > panel["left"] + 0.5:
        problems.append(
            f"the figure (right edge {drawn['right']:.0f}) covers the run panels "
            f"(left edge {panel['left']:.0f})"
        )
    if sides := outside(box(page, ".descent-lab-controls")):
        problems.append(f"the play bar leaves the viewport: {sides}")
    assert not problems, (
        "APP BUG (ui/assets/chart.js watchResize listens to window 'resize' only): "
        f"after {'opening' if present else 'folding'} the sidebar the chart is not "
        "redrawn for its new column: " + "; ".join(problems)
    )


# --- 2. Chinese: no English word on the page ----------------------------------

# Latin words a Chinese page may show: names of methods and people, surface
# names, math, file formats and keys; "English" (the language switch names both
# languages, as does its bilingual label "Language / 语言"); the product's name.
ALLOWED = {
    *("Adam", "AdamW", "AdaGrad", "Adagrad", "Adadelta", "Adamax", "Nadam"),
    *("AMSGrad", "RMSProp", "BFGS", "Nesterov", "Newton", "Nelder", "Mead"),
    "Hessian",  # a name, as the course writes it: Hessian 矩阵 (000)
    *("CMA", "ES"),
    *("Polyak", "Armijo", "Wolfe", "Lion", "Rastrigin", "Rosenbrock"),
    *("Himmelblau", "Beale", "Booth", "Ackley", "Styblinski", "Tang"),
    *("sin", "cos", "tan", "exp", "log", "ln", "min", "max", "argmin", "sgn"),
    *("HTML", "CSV", "JSON", "Ctrl"),
    *("English", "Language", "Descent", "Lab"),
}
WORD = re.compile(r"[A-Za-z]{2,}")

# The visible text of the main area and the sidebar without KaTeX (formulas)
# and Material icon ligatures, the SVG text of every chart (legend, axis
# titles, tick labels) and the summary table (a canvas; its cells are mirrored
# in a table for screen readers).
VISIBLE_TEXT = """() => {
  const hide = Array.from(document.querySelectorAll(
    '.katex, .katex-display, [data-testid="stIconMaterial"]'));
  const saved = hide.map((e) => e.getAttribute('style'));
  hide.forEach((e) => e.style.setProperty('display', 'none', 'important'));
  const parts = ['[data-testid="stMain"]', '[data-testid="stSidebar"]']
    .map((s) => (document.querySelector(s) || {}).innerText || '');
  hide.forEach((e, i) => saved[i] === null ? e.removeAttribute('style')
    : e.setAttribute('style', saved[i]));
  document.querySelectorAll('.js-plotly-plot .main-svg text')
    .forEach((e) => parts.push(e.textContent));
  document.querySelectorAll('[data-testid="stDataFrame"] table th, '
    + '[data-testid="stDataFrame"] table td')
    .forEach((e) => parts.push(e.textContent));
  return parts.join('\\n');
}"""


def english_words(text: str) -> dict[str, str]:
    """Each Latin word outside the allow-list, with the line it stands in."""
    found = {}
    for line in text.splitlines():
        for word in WORD.findall(line):
            if word not in ALLOWED:
                found.setdefault(word, line.strip()[:80])
    return found


@pytest.mark.parametrize("scene_key", ["default", "many_minima"])
def test_chinese_page_shows_no_english(
    page: Page, app_url: str, scene_key: str
) -> None:
    open_scene(page, address(app_url, scene_for(scene_key), lang="zh"))
    shot(page, f"zh-{scene_key}")
    text = page.evaluate(VISIBLE_TEXT)
    assert "梯度下降" in text  # really the Chinese page, really read
    words = english_words(text)
    assert not words, f"English words on the Chinese page ({scene_key}): {words}"


def test_chinese_page_shows_no_english_when_opened(page: Page, app_url: str) -> None:
    """What a teacher opens: every expander (run settings, export and load);
    what a hover shows: the tool bars of the charts and of the summary table."""
    open_scene(page, address(app_url, default_scene(), lang="zh"))
    page.evaluate(
        "() => document.querySelectorAll('details:not([open]) > summary')"
        ".forEach((s) => s.click())"
    )
    page.wait_for_function("() => !document.querySelector('details:not([open])')")
    quiet(page, 500)
    plot = box(page, f"{FRONT} .nsewdrag")
    page.mouse.move(plot["left"] + 40, plot["top"] + 40)
    page.wait_for_timeout(300)
    text = page.evaluate(VISIBLE_TEXT)
    # Shown on hover: the chart's tool bar, the summary table's tool bar.
    titles = page.evaluate(
        "() => Array.from(document.querySelectorAll('.modebar-btn'))"
        ".map((b) => b.getAttribute('data-title') || '').concat("
        "Array.from(document.querySelectorAll("
        "'[data-testid=\"stElementToolbar\"] button'))"
        ".map((b) => b.getAttribute('aria-label') || ''))"
    )
    page.locator(".descent-lab-loader").scroll_into_view_if_needed()  # the loader
    shot(page, "zh-opened-loader")
    words = english_words(text + "\n" + "\n".join(titles))
    assert not words, (
        "APP BUG: English on the Chinese page once the expanders are open and "
        f"in the tool bars' hover titles: {words}"
    )


# --- 3. A copied link reproduces the paths ------------------------------------


def test_a_copied_link_reproduces_the_paths(
    page: Page, app_url: str, browser: Browser
) -> None:
    open_scene(page, address(app_url, default_scene()))
    first = page.evaluate("location.href")
    history = page.evaluate("history.length")
    for _ in range(3):
        nudge(page)
    assert page.evaluate("history.length") == history, "a slider move added history"
    link = page.locator(LINK_FIELD).input_value()
    assert link == page.evaluate("location.href"), "the link field is not the address"
    assert link != first, "the address did not follow the slider"
    mine = paths(page)
    other = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:
        theirs = other.new_page()
        open_scene(theirs, link)
        assert paths(theirs) == mine, "the link draws other paths"
        assert theirs.locator(LINK_FIELD).input_value() == link
    finally:
        other.close()


# --- 4. "Copy link" over plain http -------------------------------------------

LAN_HOST = "classroom.lan"  # resolved to 127.0.0.1: plain http, not localhost

LINK_STATE = """() => {
  const f = document.querySelector('.descent-lab-link input');
  return {focused: document.activeElement === f, start: f.selectionStart,
          end: f.selectionEnd, value: f.value, href: location.href,
          status: document.querySelector('.descent-lab-link-status').textContent,
          secure: window.isSecureContext};
}"""


@pytest.fixture
def lan_browser(browser_type, browser_type_launch_args):
    """A chromium that takes classroom.lan for 127.0.0.1 (an insecure origin)."""
    args = [
        *browser_type_launch_args.get("args", []),
        f"--host-resolver-rules=MAP {LAN_HOST} 127.0.0.1",
    ]
    launched = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield launched
    launched.close()


@pytest.mark.parametrize("host", ["127.0.0.1", LAN_HOST])
def test_copy_link_copies_or_selects(
    request, app_url: str, browser: Browser, host: str
) -> None:
    which = request.getfixturevalue("lan_browser") if host == LAN_HOST else browser
    context = which.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    try:  # no clipboard permission granted
        page = context.new_page()
        page.goto(app_url.replace("127.0.0.1", host) + "/")
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_function(
            "() => document.querySelector('.descent-lab-link input')"
            "?.value.includes('?s=')",
            timeout=60_000,
        )
        page.locator(".descent-lab-link button").click()
        page.wait_for_function(
            "() => document.querySelector('.descent-lab-link-status').textContent"
        )
        s = page.evaluate(LINK_STATE)
        assert s["value"] == s["href"]
        selected = s["focused"] and s["start"] == 0 and s["end"] == len(s["value"])
        copied = s["status"] == t("link_copied", "en")
        if host == LAN_HOST:
            assert not s["secure"]  # the clipboard API is not there: the fallback
            assert selected, f"the address is not selected in its field: {s}"
            assert s["status"] == t("link_select", "en")
        else:
            assert copied or selected, f"neither copied nor selected: {s}"
    finally:
        context.close()


# --- 5. The exported HTML plays offline ---------------------------------------


@pytest.fixture(scope="module")
def exported(browser: Browser, app_url: str, tmp_path_factory) -> Path:
    """The HTML animation of the default scene, downloaded with its button."""
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, accept_downloads=True
    )
    try:
        page = context.new_page()
        open_scene(page, address(app_url, default_scene()))
        page.get_by_text(t("export", "en")).click()
        button = page.get_by_role("button", name=t("export_html", "en"))
        with page.expect_download(timeout=60_000) as download:
            button.click()
        path = tmp_path_factory.mktemp("export") / "descent-lab.html"
        download.value.save_as(path)
    finally:
        context.close()
    return path


def embedded_spec(html: str) -> dict:
    start = html.index("const spec = ") + len("const spec = ")
    end = html.index(";\nconst config", start)
    return json.loads(html[start:end])


FIGURE = "document.querySelector('#front')"  # the export's layer of paths


def open_offline(browser: Browser, path: Path):
    """The file in a new context where every network request is refused."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    attempted: list[str] = []
    context.on(
        "request",
        lambda r: None if r.url.startswith("file:") else attempted.append(r.url),
    )

    def refuse(route):
        if route.request.url.startswith("file:"):
            route.continue_()  # the file itself
        else:
            attempted.append(route.request.url)
            route.abort()

    context.route("**/*", refuse)
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    page.wait_for_function(f"() => {FIGURE}._transitionData?._frames?.length > 0")
    return context, page, attempted


def play_exported(page: Page, frames: list[dict]) -> None:
    """The play bar's ▶ (the app's own); returns once a few frames were shown."""
    page.locator(".descent-lab-play").click()
    names = [f["name"] for f in frames]
    page.wait_for_function(
        f"(names) => names.indexOf(String({FIGURE}._fullLayout._currentFrame)) > 3",
        arg=names,
        timeout=10_000,
    )


def test_exported_html_plays_offline(browser: Browser, exported: Path) -> None:
    spec = embedded_spec(exported.read_text(encoding="utf-8"))
    frames = spec["frames"]
    assert len(frames) > 1
    context, page, attempted = open_offline(browser, exported)
    try:
        assert page.evaluate(f"() => {FIGURE}._transitionData._frames.length") == len(
            frames
        )
        moved = frames[0]["traces"][0]  # a marker the frames move
        marker = f"() => {FIGURE}._fullData[{moved}].x[0]"
        before = page.evaluate(marker)
        assert page.evaluate(f"() => {FIGURE}._fullLayout._currentFrame") is None
        play_exported(page, frames)
        assert page.evaluate(marker) != before, "the marker did not move"
        assert not attempted, f"the exported page asked the network: {attempted}"
    finally:
        context.close()


def test_exported_html_keeps_its_map_while_playing(
    browser: Browser, exported: Path
) -> None:
    frames = embedded_spec(exported.read_text(encoding="utf-8"))["frames"]
    context, page, _ = open_offline(browser, exported)
    try:
        contours = "() => document.querySelectorAll('.contourlayer path').length"
        drawn = page.evaluate(contours)
        assert drawn > 0
        play_exported(page, frames)
        shot(page, "export-playing")
        assert page.evaluate(contours) == drawn, (
            "APP BUG (ui/export.py standalone_html): the play button "
            "(frames with redraw: false) wipes the contour map of the exported "
            f"animation: {drawn} contour paths before play, "
            f"{page.evaluate(contours)} while playing"
        )
    finally:
        context.close()


# --- 6. Keys: space plays and pauses, ← → step, not inside a control ------------

STEP = "() => Number(document.querySelector('.descent-lab-step').value)"
LABEL = "() => document.querySelector('.descent-lab-label').textContent"
NAMES = "() => document.querySelector('.descent-lab-controls').__names"


def label_of(page: Page, index: int) -> str:
    return f"step {page.evaluate(NAMES)[index]}"


def press_on_body(page: Page, key: str) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    assert page.evaluate("() => document.activeElement === document.body")
    page.keyboard.press(key)


def test_keys_play_pause_and_step(page: Page, app_url: str) -> None:
    open_scene(page, address(app_url, default_scene()))
    last = len(page.evaluate(NAMES)) - 1
    assert page.evaluate(STEP) == last
    press_on_body(page, "Space")  # play, from the start
    started = f"(last) => ({STEP})() >= 2 && ({STEP})() < last"
    assert eventually(page, started, last), "space did not start the animation"
    going = page.evaluate(STEP)
    advancing = f"(v) => ({STEP})() > v"
    assert eventually(page, advancing, going), "the animation does not advance"
    press_on_body(page, "Space")  # pause
    page.wait_for_timeout(200)
    paused = page.evaluate(STEP)
    page.wait_for_timeout(800)
    assert page.evaluate(STEP) == paused < last - 1, "space did not pause"
    assert page.evaluate(LABEL) == label_of(page, paused)

    press_on_body(page, "ArrowRight")
    assert page.evaluate(STEP) == paused + 1
    assert page.evaluate(LABEL) == label_of(page, paused + 1)
    press_on_body(page, "ArrowLeft")
    press_on_body(page, "ArrowLeft")
    assert page.evaluate(STEP) == paused - 1
    assert page.evaluate(LABEL) == label_of(page, paused - 1)
    shown = (
        "(name) => String(document.querySelector('.js-plotly-plot')"
        "._fullLayout._currentFrame) === name"
    )
    name = page.evaluate(NAMES)[paused - 1]
    assert eventually(page, shown, name), "the markers do not show the frame stepped to"


# Counts the keyboard's calls into the bar (the key handler's only way in).
SPY = """() => {
  window.__keyActions = 0;
  const bar = document.querySelector('.descent-lab-controls');
  const actions = bar.__actions;
  for (const name of ['step', 'toggle']) {
    const original = actions[name];
    actions[name] = (...args) => {
      window.__keyActions += 1;
      return original(...args);
    };
  }
}"""


def test_arrow_keys_in_a_control_do_not_step(page: Page, app_url: str) -> None:
    open_scene(page, address(app_url, default_scene()))
    press_on_body(page, "ArrowLeft")
    press_on_body(page, "ArrowLeft")
    at = page.evaluate(STEP)
    page.evaluate(SPY)
    press_on_body(page, "ArrowRight")  # the spy sees the keyboard's steps
    assert page.evaluate("window.__keyActions") == 1
    at += 1
    assert page.evaluate(STEP) == at
    fields = {
        "link field": page.locator(LINK_FIELD),
        "start x field": page.get_by_label("x", exact=True),
    }
    for name, field in fields.items():
        field.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__keyActions") == 1, f"→ in the {name} stepped"
        assert page.evaluate(STEP) == at, f"→ in the {name} moved the animation"
    # A slider's → moves the slider (a rerun draws a new figure at its last
    # step), never the animation.
    nudge(page)
    assert page.evaluate("window.__keyActions") == 1, "→ on a slider stepped"


# --- 7. About and back keep the scene -----------------------------------------


def nav(page: Page, key: str):
    return page.locator("[data-testid='stSidebarNavLink']", has_text=t(key, "en"))


def test_about_and_back_keep_the_scene(page: Page, app_url: str) -> None:
    open_scene(page, address(app_url, default_scene()))
    nudge(page)
    scene_url, drawn = page.url, paths(page)
    assert "lr:0.05" not in scene_url.split("&r2")[0]  # the move is in the address

    nav(page, "about").click()
    page.wait_for_url("**/about**")
    page.wait_for_selector(IDLE)
    nav(page, "playground").click()
    settled(page)
    expect(page, "Playground after About: another address").to_have_url(scene_url)
    assert paths(page) == drawn, "Playground after About draws other paths"

    nav(page, "about").click()
    page.wait_for_url("**/about**")
    page.wait_for_selector(IDLE)
    page.go_back()
    settled(page)
    expect(page, "Back from About: another address").to_have_url(scene_url)
    assert paths(page) == drawn, "Back from About draws other paths"


# --- 8. One rerun per slider move, none for the address -----------------------

WATCH_RUNS = """() => {
  window.__runs = [];
  const el = document.querySelector('[data-test-script-state]');
  new MutationObserver(() => {
    if (el.getAttribute('data-test-script-state') === 'running') {
      window.__runs.push(location.search);
    }
  }).observe(el, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def test_a_slider_move_is_one_rerun(page: Page, app_url: str) -> None:
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda f: sent.append(1)))
    open_scene(page, address(app_url, default_scene()))
    quiet(page, 500)
    page.evaluate(WATCH_RUNS)
    sent.clear()
    moves, addresses = 3, [page.url]
    for _ in range(moves):
        nudge(page)
        addresses.append(page.url)
    page.wait_for_timeout(2_000)  # a rerun caused by writing the address comes now
    page.wait_for_selector(IDLE)
    runs = page.evaluate("window.__runs")
    assert len(set(addresses)) == moves + 1, f"the address did not follow: {addresses}"
    assert len(runs) == moves, f"{len(runs)} script runs for {moves} moves: {runs}"
    assert len(sent) == moves, f"{len(sent)} messages to the server for {moves} moves"
