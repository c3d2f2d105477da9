"""The two-parameter page (a data surface with mini-batches) in the browser;
prints a table.

    python bench/data.py [--moves 12]

Starts `streamlit run app.py` and `streamlit run bench/trivial_app.py` and
times key press -> the new path painted (bench/browser.py's Mover) on a
logistic-regression scene with a mini-batch run and a full-batch run: on run
1's learning rate and on its batch size K, alternating with the trivial
page's slider (a, b, a, b, ...), each move from a settled page. The target is
the playground's: data page / trivial <= 1.2. Also the server's own time per
rerun is in bench/core.py. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics

import serve
from browser import THREE, Mover, first_chart, open_trivial, settle, start_server
from playwright.sync_api import Browser, sync_playwright
from table import print_table

VIEWPORT = {"width": 1400, "height": 1000}
SCENE = (
    "s=logistic_regression&n=200&p=n_points:60"
    "&r1=gd,lr:0.5,batch_size:6,seed:1&r2=gd,lr:0.3"
)


def open_data(browser: Browser, url: str, which: int) -> Mover:
    """The data page, with run 1's ``which``-th slider (0: lr, 1: K) to move."""
    page = browser.new_page(viewport=VIEWPORT)
    first_chart(page, url)
    settle(page)
    slider = page.locator(".st-key-runpanel0").get_by_role("slider").nth(which)
    return Mover(page, slider)


def paired(a: Mover, b: Mover, moves: int) -> tuple[float, float]:
    a.move(), b.move()  # warm-up, not counted
    ours, theirs = [], []
    for _ in range(moves):
        ours.append(a.move())
        theirs.append(b.move())
    return statistics.median(ours), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=12)
    moves = parser.parse_args().moves
    lab, lab_url = start_server("app.py")
    trivial, trivial_url = start_server("bench/trivial_app.py")
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"), args=serve.CHROMIUM_ARGS
            )
            trivial_page = open_trivial(browser, trivial_url)
            pages = (
                (THREE, 0, "playground's default scene, learning rate"),
                (SCENE, 0, "learning rate"),
                (SCENE, 1, "batch size K"),
            )
            for scene, which, name in pages:
                data = open_data(browser, f"{lab_url}/?{scene}", which)
                ours, theirs = paired(data, trivial_page, moves)
                rows += [
                    (f"key -> path painted, {name} (ms)", ours),
                    ("key -> path painted, trivial page, same run (ms)", theirs),
                    (
                        f"ratio / trivial, {name}",
                        ours / theirs,
                        ".2f",
                    ),
                ]
                data.page.close()
            browser.close()
    finally:
        serve.stop(lab)
        serve.stop(trivial)
    print(f"Data page in chromium, medians of {moves} moves")
    print_table(rows)


if __name__ == "__main__":
    main()
