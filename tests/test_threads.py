"""Work spread over two cores gives the same answer, and still answers when no thread can start."""

import threading

import pytest

from pac_core.threads import Background, map_in_threads


def no_thread_starts(monkeypatch):
    def refuse(self):
        raise RuntimeError("can't start new thread")
    monkeypatch.setattr(threading.Thread, "start", refuse)


def test_map_in_threads_keeps_the_order_of_its_items():
    assert map_in_threads(lambda n: n * n, [3, 1, 2]) == [9, 1, 4]


def test_map_in_threads_works_in_the_calling_thread_when_none_can_start(monkeypatch):
    no_thread_starts(monkeypatch)
    assert map_in_threads(lambda n: n + 1, [1, 2]) == [2, 3]


def test_background_hands_back_its_result_or_its_exception():
    assert Background(sum, [1, 2, 3]).result() == 6
    with pytest.raises(ZeroDivisionError):
        Background(lambda: 1 / 0).result()


def test_background_computes_in_the_calling_thread_when_none_can_start(monkeypatch):
    no_thread_starts(monkeypatch)
    assert Background(max, [4, 9, 2]).result() == 9
