"""XLA CPU settings for the runners' scans; imported before any JAX array exists.

They only take effect if set before the backend starts, which is why both
packages import this module first. Each must be known to jaxlib (an unknown
one aborts the process), hence the upper bound on jax in pyproject.toml. A
setting already in XLA_FLAGS is left as the user gave it.

- ``xla_cpu_small_while_loop_byte_threshold``: XLA's CPU backend compiles a
  while loop's body into one function only while it is under a size
  threshold (about 1 kB); the scan bodies of Adam, BFGS, particle swarm or
  Nelder-Mead are larger and then pay ~1-2 µs of dispatch per step. Raising
  it halved every 500-step run (bench/zoo.py: 4 optimizers x 500 steps
  2.2 -> 1.1 ms, BFGS 1.2 -> 0.5 ms) and shortened compiles.
- ``xla_cpu_use_multi_output_fusion``: lets one loop compute several of a
  step's outputs that share their inputs (the point, value, gradient and
  marks of a hyperparameter map's cells) instead of one pass over the cells
  each: a 256 x 256 map 0.145 -> 0.125 s (bench/sweep.py). Single runs
  barely change, but Nelder-Mead's and the genetic algorithm's 500 steps take
  0.3 and 1 ms longer (bench/zoo.py: 0.85 -> 1.1 and 2.5 -> 3.5 ms).
- One XLA CPU device per core (up to 8): a hyperparameter map or a basins
  grid splits its cells across them (optimizers/sweep.py), since one scan
  runs on one core and the client runs one device's executions one after
  another (measured: a 256 x 256 map 0.70 -> 0.52 s with 2 devices on 2 busy
  cores). Every other computation stays on the first device.
"""

import os

_EXTRA = "xla_backend_extra_options"
_OPTIONS = (
    "xla_cpu_small_while_loop_byte_threshold=1000000",
    "xla_cpu_use_multi_output_fusion=true",
)
_DEVICES = "xla_force_host_platform_device_count"


def _add(flag: str, name: str) -> None:
    flags = os.environ.get("XLA_FLAGS", "")
    if name not in flags:
        os.environ["XLA_FLAGS"] = f"{flags} {flag}".strip()


_add(f"--{_EXTRA}={','.join(_OPTIONS)}", _EXTRA)
_add(f"--{_DEVICES}={max(1, min(os.cpu_count() or 1, 8))}", _DEVICES)
