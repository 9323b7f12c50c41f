"""Browser tests: a real `streamlit run` server on a free port and a temporary database, driven by
Debian's Chromium through pytest-playwright (no browser download: its launch arguments point at
/usr/bin/chromium). Screenshots go to tests/screenshots/."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import STORY_DAY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PAC_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "tests" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--lang=fr-FR"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run serveur.py` (the screens behind PAC Pilot's own door) on `db`. The clock is pinned to the story day (the demo's hand-computed figures) unless
    `today` says otherwise; today=None follows the environment (PAC_TODAY as set, or the calendar)."""

    def __init__(self, db: Path, log: Path, today: str | None = STORY_DAY):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serveur.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=server_env(db, today),
            stdout=log.open("w"), stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{self.log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit not ready after {timeout} s:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def server_env(db: Path, today: str | None) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PAC_ERREURS"}  # errors as users meet them
    env["PAC_DB"] = str(db)
    if today is not None:
        env["PAC_TODAY"] = today
    return env


@pytest.fixture(scope="session")
def chromium_path():
    if not Path(CHROMIUM).exists():
        if os.environ.get("PAC_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required here but {CHROMIUM} is missing (apt-get install chromium).")
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium to run the browser tests")
    return CHROMIUM


def serving(directory: Path, today: str | None = STORY_DAY):
    """A server on a fresh demo database in `directory`, stopped when the fixture ends."""
    running = Server(directory / "pac.duckdb", directory / "streamlit.log", today)
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    yield from serving(tmp_path_factory.mktemp("server"))


@pytest.fixture(scope="session")
def todays_server(tmp_path_factory):
    """A server whose clock is the environment's (the calendar, or PAC_TODAY as the run sets it): the demo follows."""
    yield from serving(tmp_path_factory.mktemp("today"), today=None)


@pytest.fixture
def own_server(tmp_path):
    """A server of its own, on a fresh demo database: for tests that import, so that the shared server keeps
    the demo figures the other browser tests check."""
    yield from serving(tmp_path)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    """pytest-playwright launches Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 1920, "height": 1080}}


def wait_for_app(page) -> None:
    """Streamlit's own readiness signals: connected, and the script finished running."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)


def settle(page) -> None:
    """Wait for the reruns a click starts (one may follow another) and fail on any exception shown."""
    wait_for_app(page)
    page.wait_for_timeout(400)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("erreur inattendue (référence").count() == 0  # the screens' last handler (ui/errors.py)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


DROPZONE = '[data-testid="stFileUploaderDropzoneInput"]'


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
