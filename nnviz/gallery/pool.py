"""Build items one by one or in worker processes, and stop everything at Ctrl-C within a couple of seconds.

    for item, result in run_items(todo, out, options, jobs=2, progress=None):
        ...   # result: a Built, or the exception that item raised

At Ctrl-C (SIGINT to the process group, or to this process alone) the item being built in each
worker raises KeyboardInterrupt, its temporary files are removed on the way out, and the worker
exits; queued items never start; a worker that does not stop within ``STOP_SECONDS`` is killed and
its scratch folder removed. Then ``KeyboardInterrupt`` reaches the caller, who keeps what had
finished (the manifest).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from nnviz.gallery.items import Item
from nnviz.gallery.options import BuildOptions
from nnviz.gallery.outputs import Built, build_item

STOP_SECONDS = 2.0
_busy = False  # in a worker: an item is being built (its clean-up must run)
_stopping = False


def run_items(todo: list[Item], out: Path, options: BuildOptions, jobs: int,
              progress: bool | None) -> Iterator[tuple[Item, Built | Exception]]:
    """Build ``todo``, ``jobs`` at a time; yields (item, what it built or the exception) as each finishes."""
    with progress_bar("gallery", len(todo), progress) as advance:
        results = _one_by_one(todo, out, options) if jobs == 1 or len(todo) <= 1 else \
            _in_workers(todo, out, options, jobs)
        for item, result in results:
            advance(item.key)
            yield item, result


@contextlib.contextmanager
def progress_bar(label: str, total: int, show: bool | None) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr (by default only when it is a terminal); yields ``advance(what)``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    show = console.is_terminal if show is None else show
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[current]}"))
    with Progress(*columns, console=console, transient=True, disable=not show) as bar:
        task = bar.add_task(label, total=total, current="")

        def advance(what: str) -> None:
            bar.update(task, current=what)
            bar.advance(task)

        yield advance


def _one_by_one(todo: list[Item], out: Path, options: BuildOptions) -> Iterator[tuple[Item, Built | Exception]]:
    for item in todo:
        try:
            result = build_item(item, out, options)
        except Exception as e:  # one broken item must not sink the gallery
            result = e
        yield item, result


def _in_workers(todo: list[Item], out: Path, options: BuildOptions,
                jobs: int) -> Iterator[tuple[Item, Built | Exception]]:
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_start_worker)
    started = time.time()
    futures = {}
    try:
        futures = {pool.submit(_work, item, str(out), options): item for item in todo}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as e:
                result = e
            yield futures[future], result
    except BaseException:  # Ctrl-C, or the caller stopped listening
        if _stop(pool):
            _remove_scratch(out, since=started)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> bool:
    """Stop every worker now: queued items never start, running ones clean up and exit, stragglers die.

    Returns whether a worker had to be killed (its scratch folder is then still there).
    """
    workers = list((getattr(pool, "_processes", None) or {}).values())
    # The pool's own thread cancels the queued items (cancelling them from here races with it marking
    # them failed when a worker exits: Python 3.11 then prints an InvalidStateError traceback).
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            try:
                os.kill(worker.pid, signal.SIGINT)  # the terminal sends it to the whole group; kill(1) does not
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + STOP_SECONDS
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    killed = [worker for worker in workers if worker.is_alive()]
    for worker in killed:
        worker.kill()
        worker.join(1.0)
    return bool(killed)


def _remove_scratch(out: Path, since: float) -> None:
    """The private folders (``.building-*``) that killed workers left, made by this build."""
    for folder in Path(out).rglob(".building-*"):
        if folder.is_dir() and folder.stat().st_mtime >= since - 1:
            shutil.rmtree(folder, ignore_errors=True)


# ---- in the worker processes -------------------------------------------------------------------
def _start_worker() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)
    # When one worker leaves, the pool counts itself broken and terminates the others (SIGTERM): they
    # must still remove their scratch files on the way out.
    signal.signal(signal.SIGTERM, _on_interrupt)
    if sys.platform.startswith("linux"):
        # Locks that libraries make in a worker (tqdm's, for manim's bars) are then unlinked at once:
        # a worker that must be killed leaves no semaphore for the resource tracker to warn about.
        multiprocessing.set_start_method("fork", force=True)


def _on_interrupt(signum, frame) -> None:
    global _stopping
    if _stopping:  # a second Ctrl-C must not cut the clean-up of the first short
        return
    _stopping = True
    if _busy:
        raise KeyboardInterrupt
    _exit_now()  # idle: nothing to clean up


def _work(item: Item, out: str, options: BuildOptions) -> Built:
    global _busy
    _busy = True
    try:
        return build_item(item, Path(out), options)
    except KeyboardInterrupt:
        _exit_now()  # its files are cleaned up; take no other item
    finally:
        _busy = False


def _exit_now() -> None:
    """Leave the worker at once, after multiprocessing's own exit clean-up (its semaphores, e.g. tqdm's
    lock, are released, so the resource tracker has no leak to report); the pool's queues are not
    joined (the main process is not reading them any more)."""
    from multiprocessing import util

    util._run_finalizers(0)
    os._exit(130)
