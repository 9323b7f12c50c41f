"""The machine's other core, for work done in C that releases the GIL (Arrow's kernels, numpy, hashing).

A thread may fail to start (the bounded parser runs under a memory ceiling where a thread's stack does not
fit): the work is then done in the calling thread, slower but the same.
"""

import threading
from concurrent.futures import ThreadPoolExecutor


def map_in_threads(function, items: list) -> list:
    """[function(item) for item in items], one thread per item."""
    try:
        with ThreadPoolExecutor(max_workers=len(items)) as pool:
            return list(pool.map(function, items))
    except RuntimeError as exc:
        if "thread" not in str(exc):
            raise
        return [function(item) for item in items]


class Background:
    """function(*args) started in a thread now; result() waits for it (or computes it, if no thread started)."""

    def __init__(self, function, *args):
        self._call, self._value, self._error = (function, args), None, None
        self._thread = threading.Thread(target=self._run, daemon=True)
        try:
            self._thread.start()
        except RuntimeError:
            self._thread = None

    def _run(self):
        function, args = self._call
        try:
            self._value = function(*args)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def result(self):
        if self._thread is None:
            function, args = self._call
            return function(*args)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value
