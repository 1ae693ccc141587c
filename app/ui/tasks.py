"""Work off the GUI thread: the window's one background-task helper.

:func:`run_task` runs a function on a worker thread and hands its result, or the exception it
raised, back to the GUI thread through a queued Qt signal. A task belongs to an owner (a window,
a dialog, a controller): :func:`cancel_tasks` at the owner's close drops every answer still to
come without waiting for the threads — a call the store or the network holds up finishes in the
background and its result is discarded. :class:`TaskQueue` runs tasks one after the other on one
thread (the dossier list's queries, newest request first), skipping those made stale by a newer
request.

Worker threads are plain Python threads (daemon): nothing to destroy in the wrong order when Qt
tears down. A worker holds no Qt object of a task, and never the last reference to anything: when
its function returns it hands the result (or the exception), and the function itself, under a job
number to one dispatcher living on the GUI thread, then lets go of them before signalling. So
whatever they hold (a dialog a lambda captured, the frames of a traceback) is released on the GUI
thread, and a dropped answer costs nothing.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")

Deliver = Callable[[Any, "BaseException | None"], None]

_LOCK = threading.Lock()
_NUMBERS = itertools.count(1)
# Answers still expected, by job number: what the dispatcher calls on the GUI thread. Dropping a
# job's entry drops its answer.
_EXPECTED: dict[int, Deliver] = {}
# Jobs done, by number: (result, error, function), left by the worker for the GUI thread to take.
_DONE: dict[int, tuple[Any, BaseException | None, Any]] = {}
# Tasks still running, per owner: what cancel_tasks drops.
_BY_OWNER: weakref.WeakKeyDictionary[QObject, set[Task[Any]]] = weakref.WeakKeyDictionary()
_SKIPPED = object()  # a queued job skipped as stale: its entry goes, nothing is delivered


class _Dispatcher(QObject):
    """Lives on the GUI thread; workers emit, it delivers there (queued connection)."""

    answered = Signal(object)  # job number: its answer waits in _DONE

    def __init__(self) -> None:
        super().__init__()
        self.answered.connect(self._on_answered)

    def _on_answered(self, job: int) -> None:
        with _LOCK:
            done = _DONE.pop(job, None)
            deliver = _EXPECTED.pop(job, None)
        if done is None:
            return
        result, error, _fn = done
        if deliver is not None and result is not _SKIPPED:
            deliver(result, error)


_dispatcher: _Dispatcher | None = None


def _get_dispatcher() -> _Dispatcher:
    """The dispatcher, created on first use (by the GUI thread, which starts the tasks)."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
        app = QCoreApplication.instance()
        if app is not None and _dispatcher.thread() != app.thread():
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


def _expect(deliver: Deliver) -> int:
    job = next(_NUMBERS)
    with _LOCK:
        _EXPECTED[job] = deliver
    return job


def _drop(job: int) -> None:
    with _LOCK:
        _EXPECTED.pop(job, None)


def _signal(dispatcher: _Dispatcher, job: int) -> None:
    """From a worker, once the job's answer is in _DONE: the GUI thread takes it."""
    try:
        dispatcher.answered.emit(job)
    except RuntimeError:  # the application is gone
        return


def _call(fn: Callable[[], Any]) -> tuple[Any, BaseException | None]:
    try:
        return fn(), None
    except Exception as exc:  # handed to the GUI thread, never raised in the worker
        return None, exc


def _run_one(dispatcher: _Dispatcher, job: int, box: list[Callable[[], Any]]) -> None:
    fn = box.pop()
    result, error = _call(fn)
    with _LOCK:
        _DONE[job] = (result, error, fn)  # the GUI thread lets go of them, even if dropped
    del fn, result, error
    _signal(dispatcher, job)


class Task(QObject, Generic[T]):
    """One function run off the GUI thread, its answer delivered on the GUI thread.

    Signals:
        succeeded(object): the function's result.
        failed(object): the exception it raised.
        finished(): after either, and when cancelled.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn: Callable[[], T], *, name: str = "task",
                 owner: QObject | None = None) -> None:
        super().__init__()
        self._fn: Callable[[], T] | None = fn
        self._name = name
        self._owner = weakref.ref(owner) if owner is not None else None
        self._job = 0
        self._cancelled = False
        self._done = False
        self._thread: threading.Thread | None = None

    @property
    def name(self) -> str:
        return self._name

    @property
    def done(self) -> bool:
        """The answer was delivered, or the task was cancelled."""
        return self._done

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def start(self) -> Task[T]:
        """Start the worker thread (once)."""
        if self._thread is not None or self._fn is None:
            return self
        owner = self._owner() if self._owner is not None else None
        if owner is not None:
            with _LOCK:
                _BY_OWNER.setdefault(owner, set()).add(self)
        self._job = _expect(self._deliver)  # holds the task until answered or dropped
        box: list[Callable[[], Any]] = [self._fn]  # emptied by the worker: see _run_one
        self._fn = None
        self._thread = threading.Thread(target=_run_one, args=(_get_dispatcher(), self._job, box),
                                        name=self._name, daemon=True)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Drop the answer to come (the function itself is not interrupted)."""
        if self._done:
            return
        self._cancelled = True
        _drop(self._job)
        self._finish()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the function returned (shutdown paths, tests): True if it did."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _deliver(self, result: object, error: BaseException | None) -> None:
        if self._done:
            return
        try:
            if error is None:
                self.succeeded.emit(result)
            else:
                self.failed.emit(error)
        finally:
            self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        owner = self._owner() if self._owner is not None else None
        if owner is not None:
            with _LOCK:
                running = _BY_OWNER.get(owner)
                if running is not None:
                    running.discard(self)
        self.finished.emit()


def run_task(fn: Callable[[], T], *, owner: QObject | None = None,
             on_done: Callable[[T], object] | None = None,
             on_error: Callable[[BaseException], object] | None = None,
             name: str = "task") -> Task[T]:
    """Run ``fn()`` on a worker thread; call ``on_done(result)`` or ``on_error(exception)`` on
    the GUI thread, unless the task (or its owner's tasks) was cancelled first.

    Without ``on_error`` an exception is logged with its traceback. Call it from the GUI thread.
    """
    task: Task[T] = Task(fn, name=name, owner=owner)
    if on_done is not None:
        task.succeeded.connect(on_done)
    if on_error is not None:
        task.failed.connect(on_error)
    else:
        task.failed.connect(lambda exc: log.error("background task %s failed", name,
                                                  exc_info=(type(exc), exc, exc.__traceback__)))
    return task.start()


def running_tasks(owner: QObject) -> list[Task[Any]]:
    """The tasks of ``owner`` whose answer has not been delivered yet."""
    with _LOCK:
        return list(_BY_OWNER.get(owner, ()))


def cancel_tasks(owner: QObject) -> int:
    """Drop the answers still to come of ``owner``'s tasks, without waiting: how many."""
    tasks = running_tasks(owner)
    for task in tasks:
        task.cancel()
    return len(tasks)


class _QueueState:
    """What a queue's worker reads: the newest key submitted, and whether it was stopped."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latest = 0
        self.stopped = False


_Item = tuple[int, list[Callable[[], Any]], int]  # job number, [function], key


def _serve(dispatcher: _Dispatcher, jobs: queue.Queue[_Item | None], state: _QueueState) -> None:
    """A queue's worker: run the jobs in turn, skipping the stale ones, until stopped. Like
    :func:`_run_one`, it leaves each job's function and answer to the GUI thread."""
    while True:
        item = jobs.get()
        if item is None:
            return
        job, box, key = item
        del item
        fn = box.pop()
        with state.lock:
            skip = state.stopped or key < state.latest
        result, error = (_SKIPPED, None) if skip else _call(fn)
        with _LOCK:
            _DONE[job] = (result, error, fn)
        del fn, result, error
        _signal(dispatcher, job)


class TaskQueue(QObject):
    """Tasks run one after the other on one worker thread, answers on the GUI thread.

    ``submit(fn, key=n)``: a task whose key is lower than the newest submitted one is skipped
    when its turn comes (a query made stale by a newer one). :meth:`stop` drops what is queued
    and every answer still to come, without waiting (unless given a timeout).
    """

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.Queue[_Item | None] = queue.Queue()
        self._state = _QueueState()
        self._expected: set[int] = set()
        self._thread = threading.Thread(target=_serve,
                                        args=(_get_dispatcher(), self._jobs, self._state),
                                        name=name, daemon=True)
        self._thread.start()

    @property
    def stopped(self) -> bool:
        return self._state.stopped

    def submit(self, fn: Callable[[], T], *, key: int = 0,
               on_done: Callable[[T], object] | None = None,
               on_error: Callable[[BaseException], object] | None = None) -> None:
        """Queue ``fn``; its answer goes to ``on_done`` or ``on_error`` on the GUI thread
        (without ``on_error`` an exception is logged)."""
        if self._state.stopped:
            return
        with self._state.lock:
            self._state.latest = max(self._state.latest, key)
        job = 0

        def deliver(result: Any, error: BaseException | None) -> None:
            self._expected.discard(job)
            if error is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("queued task failed", exc_info=(type(error), error,
                                                          error.__traceback__))

        job = _expect(deliver)
        self._expected.add(job)
        self._jobs.put((job, [fn], key))

    def stop(self, timeout: float = 0.0) -> None:
        """Deliver nothing more and let the worker end; the task it runs, if any, finishes in
        the background (waited for up to ``timeout`` seconds)."""
        with self._state.lock:
            self._state.stopped = True
        for job in self._expected:
            _drop(job)
        self._expected.clear()
        try:  # what is still queued goes here, on the GUI thread
            while True:
                self._jobs.get_nowait()
        except queue.Empty:
            pass
        self._jobs.put(None)
        if timeout > 0:
            self._thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """After :meth:`stop`: block until the worker ended (tests): True if it did."""
        self._thread.join(timeout)
        return not self._thread.is_alive()
