"""Parallel batches: map a pure per-batch function over batches, in order, a bounded number in flight.

Per-document work (normalize, extract) is a pure function of a batch of rows, so it can run on
worker processes or a Dask cluster while the parent process keeps every warehouse write. The
parent submits at most `window` batches ahead of the one it is writing, so memory stays bounded
however large the corpus is, and results come back in submission order, so the warehouse ends up
identical to a single-process run.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Maps a per-batch function over batches lazily and in order; the builtin `map` is the serial one.
BatchMap = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]


class FutureLike(Protocol):
    """What both concurrent.futures and Prefect futures offer."""

    def result(self) -> Any: ...


def windowed_map(
    submit: Callable[[T], FutureLike], items: Iterable[T], window: int
) -> Iterator[Any]:
    """Results of `submit(item).result()` in item order, with at most `window` items in flight."""
    in_flight: deque[FutureLike] = deque()
    for item in items:
        in_flight.append(submit(item))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def submitting(submit: Callable[[T], FutureLike], window: int) -> BatchMap:
    """A BatchMap that ignores the local function and submits each batch with `submit`."""

    def mapper(_fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        return windowed_map(submit, batches, window)

    return mapper


# Modules imported once in the fork server, so every worker process starts with them loaded
# instead of importing and loading them itself. "__main__" is the calling program (the
# `newsfacts` command, a script): a worker would otherwise import it again on start.
WORKER_PRELOAD = ["__main__", "newsfacts.worker_preload"]

_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(workers: int) -> ProcessPoolExecutor:
    """The pool of `workers` processes, started on first use."""
    pool = _pools.get(workers)
    if pool is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(WORKER_PRELOAD)
        pool = _pools[workers] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return pool


def process_map(workers: int, window: int) -> BatchMap:
    """A BatchMap over `workers` local processes, kept until the end of the enclosing
    `worker_processes` block (started on first use if that block did not start them).

    The processes are forked from a fork server that has imported WORKER_PRELOAD, and they serve
    every stage of a run. Workers run pure per-batch functions only: they never open the
    warehouse or call Prefect.
    """

    def mapper(fn: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        return windowed_map(lambda batch: _pool(workers).submit(fn, batch), batches, window)

    return mapper


def _ready() -> None:
    """A no-op task: submitting one per worker makes the pool start its processes now."""


@contextlib.contextmanager
def worker_processes(workers: int) -> Iterator[None]:
    """Start `workers` worker processes in the background (if more than one), and shut down
    every pool `process_map` used inside the block when it ends.

    Starting them at once lets the fork server load its modules while the run ingests files,
    instead of when the first batch is ready.
    """
    if workers > 1:
        for _ in range(workers):
            _pool(workers).submit(_ready)
    try:
        yield
    finally:
        while _pools:
            _pools.popitem()[1].shutdown(cancel_futures=True)
