"""A Streamlit client without a browser: speaks the server's websocket protocol
(NOTES.md, "Driving the server"). Shared by bench/core.py, bench/load.py and
tests/test_load.py.

    client = Client("http://127.0.0.1:8501", key="w.r0.lr", query=QUERY)
    await client.open()  # connect, the first run; finds the widget's id
    move = await client.move(["0.07"])  # one slider move, until script_finished
    await client.close()

A move is sent as the browser sends it: a ``rerun_script`` BackMsg with the
moved widget's state (``string_array_value`` for a select_slider, a
``double_array_value`` for st.slider) and the ``fragment_id`` of the delta that
held the widget, then awaited until the server's ``script_finished``. Errors
are counted, never raised past ``open``/``move``: an exception, a closed
socket, a timeout, a ``script_finished`` with an error status, an exception
delta. After a closed socket or a timeout the client is dead (a late answer
would be taken for the next move's) and sends nothing more.

``crowd`` drives a hall of them: N clients open the page, then each moves the
slider every ``period`` seconds (never before its previous move's
script_finished) for a fixed window, with the server's CPU and RSS read from
/proc (summed over a hall's replicas). Every wait is bounded.

Loopback only: ``Client`` refuses any other host.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# The default scene, spelled out: run 1 is GD at lr 0.05 (0.07 is next).
QUERY = "s=valley&n=200&r1=gd,lr:0.05&r2=momentum,lr:0.02&r3=adam,lr:0.05"
LAB_WIDGET, LAB_VALUES = "w.r0.lr", (["0.07"], ["0.05"])  # select_slider: strings
TRIVIAL_WIDGET, TRIVIAL_VALUES = "scale", ([1.05], [1.0])  # st.slider: doubles

LOOPBACK = {"127.0.0.1", "::1"}  # addresses, not names: no lookup
STREAM = "/_stcore/stream"
REPLICA_HEADER = "X-Descent-Lab-Replica"  # hall.py's proxy names the replica
# ScriptFinishedStatus values that end a rerun well. FINISHED_EARLY_FOR_RERUN
# is no end: another run follows (st.rerun), and its script_finished counts.
DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
AGAIN = ForwardMsg.FINISHED_EARLY_FOR_RERUN


def loopback_stream(url: str) -> str:
    """``ws://host:port/_stcore/stream`` for an ``http://`` URL on loopback."""
    parts = urlsplit(url)
    if parts.hostname not in LOOPBACK:
        raise ValueError(f"loopback only, not {parts.hostname!r}")
    if parts.scheme not in ("http", "ws"):
        raise ValueError(f"plain http or ws only, not {parts.scheme!r}")
    return f"ws://{parts.netloc}{STREAM}"


def _pids(pid: int | Sequence[int]) -> Sequence[int]:
    return [pid] if isinstance(pid, int) else pid


def cpu_ms(pid: int | Sequence[int]) -> float:
    """User + system CPU a process (every thread) has used, in ms; for several
    processes (a hall's replicas), their sum."""
    total = 0
    for one in _pids(pid):
        with open(f"/proc/{one}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return 1e3 * total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int | Sequence[int]) -> float:
    """A process's resident memory now (VmRSS), in MB; several: their sum."""
    return sum(_rss_one(one) for one in _pids(pid))


def _rss_one(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


@dataclass
class Move:
    """One rerun request and its answer (``time.perf_counter`` seconds)."""

    sent: float
    first_delta: float | None = None
    finished: float | None = None  # None: never answered by script_finished
    error: str | None = None

    @property
    def latency_ms(self) -> float | None:
        """Send -> script_finished."""
        return None if self.finished is None else 1e3 * (self.finished - self.sent)

    @property
    def first_delta_ms(self) -> float | None:
        """Send -> the first delta (or script_finished if there was none)."""
        first = self.first_delta if self.first_delta is not None else self.finished
        return None if first is None else 1e3 * (first - self.sent)


@dataclass
class Client:
    """One browser tab's worth of protocol, driving one slider."""

    url: str
    key: str  # the widget's user key; its id ends with "-<key>"
    query: str = ""
    timeout: float = 60.0  # per run, seconds
    widget: str = ""
    fragment: str = ""
    page_hash: str = ""
    errors: collections.Counter = field(default_factory=collections.Counter)
    dead: bool = False
    sent: int = 0  # moves sent (the first run is not one)
    answered: int = 0  # moves answered by a script_finished
    served_by: str = ""  # a hall's replica (X-Descent-Lab-Replica), if any
    _ws: object = None

    @property
    def ready(self) -> bool:
        """The first run worked and nothing broke since."""
        return bool(self.widget) and not self.dead

    async def open(self) -> Move | None:
        """Connect and do the first run; finds the widget and its fragment.
        None (and an error counted) when that fails."""
        try:
            self._ws = await websockets.connect(
                loopback_stream(self.url),
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,  # a browser sends no pings (it answers them)
            )
        except Exception as e:
            self._fail(f"connect: {type(e).__name__}")
            return None
        self.served_by = self._ws.response.headers.get(REPLICA_HEADER, "")
        first = BackMsg()
        first.rerun_script.query_string = self.query
        run = await self._run(first, self._find_widget)
        if run.error is None and not self.widget:
            self._fail(f"no widget with key {self.key!r}")
        return None if self.dead else run

    async def move(self, value: list) -> Move:
        """Set the widget to ``value`` (a list: strings for a select_slider,
        floats for st.slider) and wait for the rerun's script_finished."""
        if self.dead:
            raise RuntimeError("this client is dead: open() failed or a run broke")
        back = BackMsg()
        back.rerun_script.query_string = self.query
        back.rerun_script.fragment_id = self.fragment
        state = back.rerun_script.widget_states.widgets.add()
        state.id = self.widget
        if isinstance(value[0], str):
            state.string_array_value.data.extend(value)
        else:
            state.double_array_value.data.extend(value)
        self.sent += 1
        run = await self._run(back)
        if run.finished is not None:
            self.answered += 1
        return run

    async def close(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):  # closing is no measurement
                await asyncio.wait_for(self._ws.close(), 5)
            self._ws = None
        self.dead = True

    def _fail(self, why: str) -> None:
        self.errors[why] += 1
        self.dead = True

    def _find_widget(self, msg: ForwardMsg) -> None:
        if msg.WhichOneof("type") != "delta":
            return
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        found = getattr(getattr(element, kind), "id", "") if kind else ""
        if isinstance(found, str) and found.endswith(f"-{self.key}"):
            self.widget, self.fragment = found, msg.delta.fragment_id

    async def _run(self, back: BackMsg, look=None) -> Move:
        """Send ``back``; read ForwardMsgs until the run's script_finished."""
        run = Move(sent=time.perf_counter())
        try:
            async with asyncio.timeout(self.timeout):
                await self._ws.send(back.SerializeToString())
                while True:
                    msg = ForwardMsg()
                    msg.ParseFromString(await self._ws.recv())
                    now = time.perf_counter()
                    if look is not None:
                        look(msg)
                    if self._read(msg, run, now):
                        return run
        except TimeoutError:
            run.error = "timeout"
        except websockets.exceptions.ConnectionClosed:
            run.error = "socket closed"
        except Exception as e:
            run.error = f"exception: {type(e).__name__}"
        self._fail(run.error)
        return run

    def _read(self, msg: ForwardMsg, run: Move, now: float) -> bool:
        """Notes one message; True when it ends the run."""
        kind = msg.WhichOneof("type")
        if kind == "delta":
            if run.first_delta is None:
                run.first_delta = now
            if (
                msg.delta.WhichOneof("type") == "new_element"
                and msg.delta.new_element.WhichOneof("type") == "exception"
            ):
                self._error(run, "exception delta")
        elif kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            # The browser sends the address the app wrote from now on.
            self.query = msg.page_info_changed.query_string
        elif kind == "session_event":
            event = msg.session_event.WhichOneof("type")
            if event == "script_compilation_exception":
                self._error(run, "script compilation exception")
        elif kind == "page_not_found":
            self._error(run, "page not found")
        elif kind == "script_finished":
            status = msg.script_finished
            if status == AGAIN:
                return False
            if status not in DONE:
                self._error(
                    run, f"status {ForwardMsg.ScriptFinishedStatus.Name(status)}"
                )
            run.finished = now
            return True
        return False

    def _error(self, run: Move, why: str) -> None:
        self.errors[why] += 1
        if run.error is None:
            run.error = why


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ranked = sorted(values)
    return ranked[max(0, math.ceil(q / 100 * len(ranked)) - 1)]


@dataclass
class Crowd:
    """What ``crowd`` measured. Times in ms, memory in MB, CPU in ms."""

    clients: int
    seconds: float
    opened: int  # clients whose first run worked
    setup_s: float  # connecting and first runs, before the window
    moves: list[Move]  # sent inside the window, answered or not
    sent: int
    answered: int
    errors: collections.Counter
    span_s: float  # window start -> the last answer
    cpu_window_ms: float = math.nan  # server, window start -> window end
    cpu_total_ms: float = math.nan  # server, window start -> last answer
    rss_mb: list[float] = field(default_factory=list)  # window start -> end
    driver_cpu_ms: float = math.nan  # this process, same span as cpu_total
    proxy_cpu_ms: float = math.nan  # ``proxy`` processes, same span as cpu_total
    # Sessions per replica that answered (a hall's header; "" without one).
    served_by: collections.Counter = field(default_factory=collections.Counter)

    @property
    def unanswered(self) -> int:
        return self.sent - self.answered

    @property
    def latencies(self) -> list[float]:
        return [m.latency_ms for m in self.moves if m.latency_ms is not None]

    @property
    def throughput(self) -> float:
        """Reruns answered per second, window start -> the last answer (the
        answers that come after the window count: at saturation they are
        most of them)."""
        return self.answered / self.span_s if self.span_s > 0 else math.nan

    @property
    def cpu_per_rerun_ms(self) -> float:
        return self.cpu_total_ms / self.answered if self.answered else math.nan


async def _idle(pid: int | Sequence[int], limit: float = 30.0) -> None:
    """Waits (at most ``limit`` s) until the server uses < 10 % of a core."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        before = cpu_ms(pid)
        await asyncio.sleep(0.5)
        if cpu_ms(pid) - before < 50:
            return


async def crowd(
    url: str,
    key: str,
    values: tuple,
    *,
    clients: int,
    seconds: float,
    query: str = "",
    period: float = 2.0,
    timeout: float = 60.0,
    pid: int | Sequence[int] | None = None,
    proxy: Sequence[int] = (),
    ramp: int = 8,
) -> Crowd:
    """``clients`` clients open the page (``ramp`` at a time, the first one
    alone: it compiles), then, for ``seconds``, each sends a move every
    ``period`` s, alternating ``values``, each only after the previous move's
    script_finished; client i starts i/clients of a period late. Moves sent
    inside the window are awaited (each at most ``timeout`` s). With ``pid``,
    the server's CPU (utime + stime) and RSS (VmRSS, every 0.25 s) are read
    over the window (``pid`` may list a hall's replicas: their sums), and the
    CPU of the ``proxy`` processes (nginx) over the same span."""
    group = [Client(url, key=key, query=query, timeout=timeout) for _ in range(clients)]
    began = time.perf_counter()
    gate = asyncio.Semaphore(ramp)

    async def open_one(client: Client) -> None:
        async with gate:
            await client.open()

    try:
        async with asyncio.timeout(timeout * (2 + clients / ramp)):
            await open_one(group[0])
            await asyncio.gather(*(open_one(c) for c in group[1:]))
    except TimeoutError:
        pass
    for client in group:
        if not client.ready and not client.dead:
            client._fail("setup timeout")
    setup_s = time.perf_counter() - began
    ready = [c for c in group if c.ready]
    if pid is not None:
        await _idle(pid)

    moves: list[Move] = []
    rss: list[float] = []
    start = time.perf_counter()
    end = start + seconds
    cpu0 = cpu_ms(pid) if pid is not None else math.nan
    driver0 = sum(os.times()[:2])
    proxy0 = cpu_ms(proxy) if proxy else math.nan
    cpu_window = math.nan

    async def pace(i: int, client: Client) -> None:
        await asyncio.sleep(period * i / max(1, len(ready)))
        turn = 0
        while not client.dead and time.perf_counter() < end:
            sent = time.perf_counter()
            moves.append(await client.move(values[turn % 2]))
            turn += 1
            wait = sent + period - time.perf_counter()
            if time.perf_counter() + max(0.0, wait) >= end:
                return
            await asyncio.sleep(max(0.0, wait))

    async def watch() -> None:
        nonlocal cpu_window
        while True:
            rss.append(rss_mb(pid))
            now = time.perf_counter()
            if math.isnan(cpu_window) and now >= end:
                cpu_window = cpu_ms(pid) - cpu0
            await asyncio.sleep(min(0.25, end - now) if now < end else 0.25)

    watcher = asyncio.create_task(watch()) if pid is not None else None
    errors: collections.Counter = collections.Counter()
    try:
        async with asyncio.timeout(seconds + timeout + 10):
            await asyncio.gather(*(pace(i, c) for i, c in enumerate(ready)))
    except TimeoutError:
        errors["window timeout"] += 1
    if watcher is not None:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    result = Crowd(
        clients=clients,
        seconds=seconds,
        opened=len(ready),
        setup_s=setup_s,
        moves=moves,
        sent=sum(c.sent for c in group),
        answered=sum(c.answered for c in group),
        errors=errors,
        span_s=max((m.finished for m in moves if m.finished), default=start) - start,
        driver_cpu_ms=1e3 * (sum(os.times()[:2]) - driver0),
        proxy_cpu_ms=cpu_ms(proxy) - proxy0 if proxy else math.nan,
    )
    if pid is not None:
        result.cpu_total_ms = cpu_ms(pid) - cpu0
        result.cpu_window_ms = (
            result.cpu_total_ms if math.isnan(cpu_window) else cpu_window
        )
        result.rss_mb = [*rss, rss_mb(pid)]
    await asyncio.gather(*(c.close() for c in group))
    for client in group:
        result.errors.update(client.errors)
        result.served_by[client.served_by] += 1
    return result
