"""Progress: a bar on the terminal for long stages, silent when output is not a terminal."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

# progress(advance, total=None): advance the bar; a stage first reports its total with advance 0.
Progress = Callable[..., None]


def no_progress(advance: int = 0, total: int | None = None) -> None:
    return None


@contextlib.contextmanager
def progress_bar(description: str) -> Iterator[Progress]:
    """Yield a progress callback drawing a bar on stderr when it is a terminal."""
    if not sys.stderr.isatty() or os.environ.get("NEWSFACTS_NO_PROGRESS"):
        yield no_progress
        return
    # lazy: rich loads only when a terminal shows progress
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=None)

        def advance(step: int = 0, total: int | None = None) -> None:
            if total is not None:
                bar.update(task, total=total)
            if step:
                bar.advance(task, step)

        yield advance
