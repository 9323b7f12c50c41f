"""Lets the tests import pac_core from the repository root."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import os  # noqa: E402

import pytest  # noqa: E402

# AppTest runs the screens in this process: a test must see an exception, not the polite French sentence the
# screens' last handler shows users (ui/errors.py), nor Streamlit's redacted message. The browser tests' servers
# run without this (tests/browser/conftest.py), as users meet them.
os.environ["PAC_ERREURS"] = "details"
from streamlit import config as _streamlit_config  # noqa: E402

_streamlit_config.set_option("client.showErrorDetails", "full")

# The demo's hand-computed figures (pac_core/demo.py) stand at the end of October 2026: on this day the clock's
# last closed month is October 2026, and the demo is told up to it. Tests comparing figures pin it.
STORY_DAY = "2026-11-15"


@pytest.fixture(scope="module")
def story_day():
    """Pin the one clock (PAC_TODAY) to the day the demo's hand-computed figures are about, for a module
    (`pytestmark = pytest.mark.usefixtures("story_day")`) or a test; subprocesses inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAC_TODAY", STORY_DAY)
        yield STORY_DAY


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`-n`, `--dist loadgroup`) the browser tests run one after the other on one worker:
    their servers and Chromium then never compete with each other, while the other tests share the other cores."""
    browser = pytest.mark.xdist_group("browser")
    for item in items:
        if "browser" in item.path.relative_to(Path(__file__).parent).parts[:1]:
            item.add_marker(browser)
