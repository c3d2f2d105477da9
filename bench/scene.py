"""A big scene, 12 mixed runs x 5 000 steps: host and server costs; prints a table.

    python bench/scene.py [--repeat 5]

Host side: Scene.play() warm, the map's figure (viz.contour_spec from
ui.data.play(scene).paths()), its JSON bytes and frames. Server side: an
AppTest rerun of the playground on that scene, against an AppTest rerun of
bench/trivial_app.py in the same process. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

from table import print_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # scenes/ is not an installed package

from scenes import Scene  # noqa: E402
from surfaces import SURFACES  # noqa: E402

STEPS = 5_000
# The URL form: what a teacher's link would hold.
QUERY = {
    "s": "valley",
    "n": str(STEPS),
    "r1": "gd,lr:0.05",
    "r2": "gd,lr:0.02",
    "r3": "gd,lr:0.1",
    "r4": "momentum,lr:0.02",
    "r5": "nesterov,lr:0.02",
    "r6": "adam,lr:0.05",
    "r7": "rmsprop,lr:0.02",
    "r8": "adagrad,lr:0.5",
    "r9": "bfgs",
    "r10": "lbfgs",
    "r11": "nelder_mead",
    "r12": "pso",
}


def timed_ms(fn) -> float:
    t = time.perf_counter()
    fn()
    return 1e3 * (time.perf_counter() - t)


def median_ms(fn, repeat: int) -> float:
    return statistics.median(timed_ms(fn) for _ in range(repeat))


def host(scene: Scene, repeat: int) -> list[tuple]:
    from ui import data
    from ui.figures import figure_look
    from viz import contour_spec, to_json

    surface = SURFACES[scene.surface]
    grid = data.grid(scene, 100)
    look, start = figure_look(scene, "en"), scene.start_point()
    rows: list[tuple] = [
        ("runs in the scene", len(scene.runs), "d"),
        ("steps per run", scene.steps, "d"),
        ("Scene.play(), first call, compiles included (ms)", timed_ms(scene.play)),
        ("Scene.play(), warm (ms)", median_ms(scene.play, repeat)),
    ]
    paths = data.play(scene, "en").paths()
    rows.append(
        (
            "ui.data.play(scene).paths(), warm (ms)",
            median_ms(lambda: data.play(scene, "en").paths(), repeat),
        )
    )

    def figure() -> dict:
        return contour_spec(surface, grid, paths, start, scene.steps, look=look)

    spec = figure()
    rows.append(("contour_spec build (ms)", median_ms(figure, repeat)))
    rows.append(("to_json(figure) (ms)", median_ms(lambda: to_json(spec), repeat)))
    rows.append(("to_json(figure) payload (KB)", len(to_json(spec)) / 1e3))
    rows.append(("frames in the figure", len(spec.get("frames", [])), "d"))
    rows.append(("traces in the figure", len(spec.get("data", [])), "d"))
    return rows


def apptest(repeat: int) -> list[tuple]:
    from streamlit.testing.v1 import AppTest

    lab = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    lab.query_params.update(QUERY)
    first = timed_ms(lab.run)
    if lab.exception:
        raise RuntimeError(lab.exception[0].message)
    lab_ms = median_ms(lab.run, repeat)
    sent = sum(len(el.proto.json) for el in lab.get("bidi_component"))
    # A learning-rate move of run 1, as the browser sends it.
    values = [0.07, 0.05]  # run 1 is GD at 0.05; 0.07 is the next option
    moves = []
    for i in range(repeat + 1):
        slider = lab.select_slider(key="w.r0.lr").set_value(values[i % 2])
        moves.append(timed_ms(slider.run))
    move_ms = statistics.median(moves[1:])

    trivial = AppTest.from_file(str(ROOT / "bench" / "trivial_app.py"))
    trivial.run()
    # A few ms each, so more of them: the median is steadier.
    trivial_ms = median_ms(trivial.run, 3 * repeat)
    scale = [1.05, 1.0]
    trivial_moves = [
        timed_ms(trivial.slider(key="scale").set_value(scale[i % 2]).run)
        for i in range(3 * repeat)
    ]
    trivial_move_ms = statistics.median(trivial_moves)
    return [
        ("AppTest first run of the page, this scene (ms)", first),
        (f"AppTest rerun, this scene, median of {repeat} (ms)", lab_ms),
        (f"AppTest rerun after run 1's lr move, median of {repeat} (ms)", move_ms),
        ("chart components' JSON in a rerun, every chart (KB)", sent / 1e3),
        (f"AppTest rerun, trivial page, median of {3 * repeat} (ms)", trivial_ms),
        (
            f"AppTest rerun after a slider move, trivial, median of {3 * repeat} (ms)",
            trivial_move_ms,
        ),
        ("ratio rerun scene / trivial", lab_ms / trivial_ms, ".1f"),
        ("ratio lr move scene / trivial move", move_ms / trivial_move_ms, ".1f"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    # Bare-mode st.cache_data (ui.data.grid) warns on every call.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    scene, notices = Scene.parse_query(QUERY)
    if notices or len(scene.runs) != len(QUERY) - 2:
        raise RuntimeError(f"the scene did not parse as written: {notices}")
    rows = host(scene, repeat) + apptest(repeat)
    print_table(rows, digits=".4g")


if __name__ == "__main__":
    main()
