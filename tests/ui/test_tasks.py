"""The window's one background-task helper (app.ui.tasks): answers come back on the GUI thread,
errors too, a closing owner drops its answers without waiting, and the list's queue skips the
requests a newer one made stale."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from app.ui.tasks import Task, TaskQueue, cancel_tasks, run_task, running_tasks

pytestmark = pytest.mark.gui

WAIT = 5_000


def test_the_result_is_delivered_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    ran_on: list[int] = []
    delivered_on: list[int] = []
    results: list[int] = []

    def work() -> int:
        ran_on.append(threading.get_ident())
        return 42

    def done(value: int) -> None:
        delivered_on.append(threading.get_ident())
        results.append(value)

    task = run_task(work, on_done=done, name="test-result")
    with qtbot.waitSignal(task.finished, timeout=WAIT):
        pass
    assert results == [42]
    assert ran_on and ran_on[0] != gui
    assert delivered_on == [gui]
    assert task.done and not task.cancelled


def test_an_error_is_delivered_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    errors: list[tuple[BaseException, int]] = []

    def work() -> int:
        raise ValueError("the store is locked")

    task = run_task(work, on_done=lambda _v: pytest.fail("no result expected"),
                    on_error=lambda exc: errors.append((exc, threading.get_ident())),
                    name="test-error")
    with qtbot.waitSignal(task.failed, timeout=WAIT) as failed:
        pass
    [(error, thread)] = errors
    assert isinstance(error, ValueError) and str(error) == "the store is locked"
    assert failed.args[0] is error and thread == gui


def test_an_error_without_a_handler_is_logged(qtbot: QtBot,
                                              caplog: pytest.LogCaptureFixture) -> None:
    def work() -> None:
        raise RuntimeError("boom")

    task = run_task(work, name="test-logged")
    with qtbot.waitSignal(task.finished, timeout=WAIT):
        pass
    assert any("test-logged" in r.getMessage() and r.exc_info for r in caplog.records)


def test_cancel_tasks_drops_the_answer_and_returns_at_once(qtbot: QtBot) -> None:
    owner = QObject()
    release = threading.Event()
    started = threading.Event()
    answers: list[object] = []

    def blocked() -> str:
        started.set()
        release.wait(WAIT / 1000)
        return "too late"

    task = run_task(blocked, owner=owner, on_done=answers.append, on_error=answers.append,
                    name="test-cancel")
    assert started.wait(WAIT / 1000)
    assert running_tasks(owner) == [task]
    begin = time.monotonic()
    assert cancel_tasks(owner) == 1
    assert time.monotonic() - begin < 0.5  # the function is still blocked: nobody waited
    assert task.cancelled and task.done and running_tasks(owner) == []
    assert not task.wait(0)  # still running
    release.set()
    assert task.wait(WAIT / 1000)
    with qtbot.assertNotEmitted(task.succeeded, wait=200):
        pass
    assert answers == []
    assert cancel_tasks(owner) == 0


def test_a_task_queue_runs_in_order_and_skips_stale_keys(qtbot: QtBot) -> None:
    tasks = TaskQueue("test-queue")
    gate = threading.Event()
    started = threading.Event()
    ran: list[str] = []
    answers: list[str] = []

    def job(label: str, wait: bool = False) -> Callable[[], str]:
        def run() -> str:
            if wait:
                started.set()
                gate.wait(WAIT / 1000)
            ran.append(label)
            return label
        return run

    tasks.submit(job("first", wait=True), key=1, on_done=answers.append)  # runs, holds the queue
    assert started.wait(WAIT / 1000)
    tasks.submit(job("stale"), key=2, on_done=answers.append)  # made stale by key 3
    tasks.submit(job("newest"), key=3, on_done=answers.append)
    tasks.submit(job("same key"), key=3, on_done=answers.append)  # the newest key: not stale
    gate.set()
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=WAIT)
    assert ran == ["first", "newest", "same key"]
    assert answers == ["first", "newest", "same key"]
    tasks.stop()
    assert tasks.wait(WAIT / 1000)


def test_a_task_queue_delivers_errors(qtbot: QtBot) -> None:
    tasks = TaskQueue("test-queue-errors")
    errors: list[BaseException] = []

    def broken() -> None:
        raise LookupError("no such dossier")

    tasks.submit(broken, key=1, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert isinstance(errors[0], LookupError)
    tasks.stop()


def test_stopping_a_task_queue_does_not_block_and_drops_the_answers(qtbot: QtBot) -> None:
    tasks = TaskQueue("test-queue-stop")
    release = threading.Event()
    started = threading.Event()
    answers: list[str] = []

    def blocked() -> str:
        started.set()
        release.wait(WAIT / 1000)
        return "late"

    tasks.submit(blocked, key=1, on_done=answers.append)
    tasks.submit(lambda: "queued", key=1, on_done=answers.append)
    assert started.wait(WAIT / 1000)
    begin = time.monotonic()
    tasks.stop()
    assert time.monotonic() - begin < 0.5  # the running function is still blocked
    assert tasks.stopped
    tasks.submit(lambda: "after", key=2, on_done=answers.append)  # ignored
    release.set()
    assert tasks.wait(WAIT / 1000)
    qtbot.wait(100)  # let any (wrongly) queued answer arrive
    assert answers == []


def test_a_task_object_runs_once(qtbot: QtBot) -> None:
    calls: list[int] = []
    task: Task[int] = Task(lambda: calls.append(1) or len(calls), name="test-once")
    with qtbot.waitSignal(task.succeeded, timeout=WAIT) as done:
        task.start()
        task.start()
    assert done.args == [1] and calls == [1]
