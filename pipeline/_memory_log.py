"""A per-window memory log of the flow process, for benchmarks (off unless
NEWSFLOW_MEMORY_LOG names a file): after each load window's writes, one JSON line with the
process's VmRSS, glibc's heap figures (`mallinfo2`), DuckDB's own accounting by tag and its
temporary files, Python's object count and, with NEWSFLOW_MEMORY_LOG_TRACE=1, the lines whose
Python allocations grew most since the first window (`tracemalloc`; slow)."""

from __future__ import annotations

import ctypes
import gc
import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

from newsflow import storage
from newsflow.settings import memory_log

_STARTED = time.monotonic()
_STATE: dict[str, Any] = {"windows": 0, "first": None}


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]  # fmt: skip


def _mallinfo() -> dict[str, float]:
    try:
        call = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return {}
    call.restype = _MallInfo2
    info = call()
    mb = 1 << 20
    return {
        "heap_mb": round(info.arena / mb, 1),
        "mmap_mb": round(info.hblkhd / mb, 1),
        "in_use_mb": round(info.uordblks / mb, 1),
        "free_mb": round(info.fordblks / mb, 1),
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def enabled() -> bool:
    return memory_log()[0] is not None


def window_done(store: storage.Store, articles: int, rss_before_mb: float) -> None:
    """Append this window's figures (inside the window, after its writes)."""
    target, tracing = memory_log()
    if target is None:
        return
    if tracing and not tracemalloc.is_tracing():
        tracemalloc.start(1)
    _STATE["windows"] += 1
    line: dict[str, Any] = {
        "window": _STATE["windows"],
        "t": round(time.monotonic() - _STARTED, 1),
        "articles": articles,
        "rss_before_mb": round(rss_before_mb, 1),
        "rss_mb": round(_rss_mb(), 1),
        "malloc": _mallinfo(),
        "duckdb": storage.memory_accounting(store),
        "gc_objects": len(gc.get_objects()),
    }
    if tracing:
        snapshot = tracemalloc.take_snapshot()
        line["traced_mb"] = round(tracemalloc.get_traced_memory()[0] / (1 << 20), 1)
        if _STATE["first"] is None:
            _STATE["first"] = snapshot
        elif _STATE["windows"] % 10 == 0:
            top = snapshot.compare_to(_STATE["first"], "lineno")[:12]
            line["growth"] = [f"{s.size_diff / 1024:+.0f} KiB {s.count_diff:+d} {s.traceback}"
                              for s in top]  # fmt: skip
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


def rss_mb() -> float:
    return _rss_mb() if enabled() else 0.0
