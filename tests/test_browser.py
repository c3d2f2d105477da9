"""In a real browser: the chart shows, sliders repaint the path, divergence is calm."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

IDLE = "[data-test-script-state='notRunning']"
CONTOUR = ".js-plotly-plot"


# The first optimizer's path is the first trace with meta 'path'; its x arrives
# as {dtype, bdata}, so compare the JSON of what was sent.
PATH_X = (
    "() => JSON.stringify(document.querySelector('.js-plotly-plot')"
    ".data.find((t) => t.meta === 'path').x)"
)


def path_x(page: Page) -> str:
    return page.evaluate(PATH_X)


def open_app(page: Page, app_url: str, requests: list[str]) -> None:
    page.on("request", lambda r: requests.append(r.url))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(app_url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(CONTOUR, timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').data?.length > 3",
        timeout=30_000,
    )


def lr_slider(page: Page, run: int = 0):
    """The learning-rate slider of a run's panel (its container's key class)."""
    return page.locator(f".st-key-runpanel{run}").get_by_role("slider").first


def nudge_learning_rate(page: Page) -> None:
    """One step right on GD's learning rate; returns once the new path is drawn."""
    before = path_x(page)
    slider = lr_slider(page)
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"(old) => ({PATH_X})() !== old", arg=before, timeout=30_000)
    page.wait_for_selector(IDLE)


def test_chart_slider_and_divergence(page: Page, app_url: str) -> None:
    requests: list[str] = []
    open_app(page, app_url, requests)
    expect(page.locator(CONTOUR).first).to_be_visible()
    before = path_x(page)
    nudge_learning_rate(page)
    assert path_x(page) != before

    lr_slider(page).press("End")  # the largest learning rate: GD flies off the valley
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot').data"
        ".some((t) => t.meta === 'path' && /diverged/.test(t.name))",
        timeout=30_000,
    )
    page.wait_for_selector(IDLE)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0

    hosts = {
        urlparse(u).hostname
        for u in requests
        if urlparse(u).scheme in ("http", "https", "ws", "wss")
    }
    assert hosts <= {"127.0.0.1", "localhost"}, hosts


def plot_point(page: Page, x: float, y: float, index: int = 0) -> tuple[float, float]:
    """Page pixel of data point (x, y) on the index-th chart."""
    return tuple(
        page.evaluate(
            """([x, y, i]) => {
                const el = document.querySelectorAll('.js-plotly-plot')[i];
                const xa = el._fullLayout.xaxis, ya = el._fullLayout.yaxis;
                const box = el.getBoundingClientRect();
                return [box.left + xa._offset + xa.d2p(x),
                        box.top + ya._offset + ya.d2p(y)];
            }""",
            [x, y, index],
        )
    )


def x_range(page: Page) -> list[float]:
    return page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range"
    )


def test_click_on_the_map_moves_the_start(page: Page, app_url: str) -> None:
    open_app(page, app_url, [])
    before = path_x(page)
    px, py = plot_point(page, 1.0, -1.5)
    page.mouse.click(px, py)
    page.wait_for_function(f"(old) => ({PATH_X})() !== old", arg=before, timeout=30_000)
    page.wait_for_selector(IDLE)
    start_x = page.get_by_label("x", exact=True).input_value()
    start_y = page.get_by_label("y", exact=True).input_value()
    assert abs(float(start_x) - 1.0) < 0.05 and abs(float(start_y) + 1.5) < 0.05
    first = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData"
        ".find((t) => t.meta === 'path').x[0]"
    )
    assert abs(first - 1.0) < 0.05


def test_zoom_survives_a_slider_move(page: Page, app_url: str) -> None:
    open_app(page, app_url, [])
    x0, y0 = plot_point(page, -1.0, 1.0)
    x1, y1 = plot_point(page, 1.0, -1.0)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=5)
    page.mouse.move(x1, y1, steps=5)
    page.mouse.up()
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range[0]"
        " > -2"
    )
    zoomed = x_range(page)
    nudge_learning_rate(page)
    assert x_range(page) == pytest.approx(zoomed)
    assert zoomed[0] > -2 and zoomed[1] < 2  # really zoomed in from [-3, 3]
    # The contour layer behind follows the zoom of the paths in front.
    behind = page.evaluate(
        "() => document.querySelector('.descent-lab-back')._fullLayout.xaxis.range"
    )
    assert behind == pytest.approx(zoomed)


def test_3d_camera_survives_a_slider_move(page: Page, app_url: str) -> None:
    open_app(page, app_url, [])
    page.locator("label", has_text="3-D view").click()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".some((el) => el._fullLayout && el._fullLayout.scene)",
        timeout=60_000,
    )
    page.wait_for_selector(IDLE)
    camera = (
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".find((el) => el._fullLayout.scene)._fullLayout.scene.camera.eye"
    )
    scene = page.locator(".descent-lab-chart").nth(1)  # contour, then 3-D
    scene.scroll_into_view_if_needed()
    box = scene.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 120, cy + 30, steps=8)
    page.mouse.up()
    page.wait_for_function(f"() => ({camera})().x !== 1.25", timeout=30_000)
    rotated = page.evaluate(camera)
    nudge_learning_rate(page)
    after = page.evaluate(camera)
    assert after == pytest.approx(rotated)


def test_switching_surface_resets_the_view(page: Page, app_url: str) -> None:
    open_app(page, app_url, [])
    # Keyed widgets carry the class st-key-<key>.
    page.locator("[data-testid='stSelectbox']", has_text="Surface").click()
    page.keyboard.type("Rosenbrock")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')._fullLayout"
        ".uirevision === 'rosenbrock'",
        timeout=30_000,
    )
    page.wait_for_selector(IDLE)
    # Rosenbrock's box is x in [-2, 2], y in [-1, 3]: no range left over from
    # the valley's [-3, 3] (Plotly.react alone would keep it).
    assert x_range(page) == pytest.approx([-2, 2])
    behind = page.evaluate(
        "() => document.querySelector('.descent-lab-back')._fullLayout.xaxis.range"
    )
    assert behind == pytest.approx([-2, 2])


CURRENT_FRAME = (
    "() => Number(document.querySelector('.js-plotly-plot')._fullLayout._currentFrame)"
)


def test_unrelated_rerun_keeps_a_playing_animation(page: Page, app_url: str) -> None:
    open_app(page, app_url, [])
    page.locator(".descent-lab-play").first.click()
    page.wait_for_function(f"() => ({CURRENT_FRAME})() > 2", timeout=10_000)
    page.wait_for_function(f"() => ({CURRENT_FRAME})() < 150", timeout=10_000)
    before = page.evaluate(CURRENT_FRAME)
    # Opening a run's settings reruns the page and leaves the figure as it is.
    page.locator(".st-key-runpanel0").get_by_text("Settings").click()
    page.wait_for_selector(IDLE)
    page.wait_for_function(  # the rerun happened: the settings' sliders are drawn
        "() => document.querySelectorAll('.st-key-runpanel0 [role=slider],"
        " .st-key-runpanel0 input[type=range]').length > 1",
        timeout=30_000,
    )
    page.wait_for_function(
        f"(old) => ({CURRENT_FRAME})() > old", arg=before, timeout=10_000
    )
    assert page.evaluate(CURRENT_FRAME) >= before  # it went on, not from 0


def test_click_on_a_heatmap_cell(page: Page, heatmap_url: str) -> None:
    page.goto(heatmap_url)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')?._fullLayout?.xaxis"
    )
    px, py = plot_point(page, 30, 2)  # the cell at column x=30, row y=2
    page.mouse.click(px, py)
    expect(page.get_by_text("picked: 30,2")).to_be_visible(timeout=30_000)


def test_step_slider_scrubs_the_markers(page: Page, app_url: str) -> None:
    open_app(page, app_url, [])
    marker_x = (
        "() => document.querySelector('.js-plotly-plot')._fullData"
        ".filter((t) => t.mode === 'markers' && t.showlegend === false)[0].x[0]"
    )
    start = float(page.get_by_label("x", exact=True).input_value())
    assert abs(page.evaluate(marker_x) - start) > 0.5  # the last step is shown
    step = page.locator(".descent-lab-step").first
    step.focus()
    step.press("Home")  # scrub to step 0
    page.wait_for_function(f"(s) => Math.abs(({marker_x})() - s) < 1e-6", arg=start)
    expect(page.locator(".descent-lab-label").first).to_have_text("step 0")
