"""XLA CPU setting for the runner's scans; imported before any JAX array exists.

XLA's CPU backend compiles a while loop's body into one function only while
it is under a size threshold (about 1 kB); the scan bodies of Adam, BFGS,
particle swarm or Nelder-Mead are larger and then pay ~1-2 µs of dispatch
per step. Raising the threshold halved every 500-step run (bench/zoo.py:
4 optimizers x 500 steps 2.2 -> 1.1 ms, BFGS 1.2 -> 0.5 ms) and shortened
compiles. The option must be known to jaxlib (an unknown one aborts the
process), hence the upper bound on jax in pyproject.toml. It only takes
effect if set before the backend starts, which is why both packages import
this module first.
"""

import os

_OPTION = "xla_cpu_small_while_loop_byte_threshold"
_FLAG = f"--xla_backend_extra_options={_OPTION}=1000000"

if _OPTION not in os.environ.get(
    "XLA_FLAGS", ""
) and "xla_backend_extra_options" not in os.environ.get("XLA_FLAGS", ""):
    os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} {_FLAG}".strip()

# One XLA CPU device per core (up to 8): a hyperparameter map or a basins grid
# splits its cells across them (optimizers/sweep.py), since one scan runs on
# one core and the client runs one device's executions one after another
# (measured: a 256 x 256 map 0.70 -> 0.52 s with 2 devices on 2 busy cores).
# Every other computation stays on the first device.
_DEVICES = "xla_force_host_platform_device_count"
if _DEVICES not in os.environ.get("XLA_FLAGS", ""):
    _count = max(1, min(os.cpu_count() or 1, 8))
    os.environ["XLA_FLAGS"] = (
        f"{os.environ.get('XLA_FLAGS', '')} --{_DEVICES}={_count}".strip()
    )
