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


@pytest.fixture
def pg_url():
    """The address of a new, empty PostgreSQL database on the test server ($PAC_TEST_POSTGRES, an address whose
    user may create databases), dropped afterwards. Skipped without a server, except in CI ($PAC_REQUIRE_POSTGRES),
    where .ci/run starts Debian's PostgreSQL."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    admin = os.environ.get("PAC_TEST_POSTGRES")
    if not admin:
        if os.environ.get("PAC_REQUIRE_POSTGRES"):
            pytest.fail("PAC_TEST_POSTGRES n'est pas donné : ces tests demandent un serveur PostgreSQL en CI.")
        pytest.skip("pas de serveur PostgreSQL de test (PAC_TEST_POSTGRES)")
    import psycopg

    name = f"pac_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def same_in_postgres(store) -> None:
    """What a PostgreSQL store's server holds equals what another server opening the base reads (every history
    table, every current table): nothing a write did stayed in one server's memory."""
    from pac_core.postgres.tables import local_tables
    from pac_core.store import CURRENT_TABLES, open_store

    with open_store(store.url, read_only=True) as other:
        for name in [f"history.{table}" for table in local_tables(store._con)] + [f"main.{t}" for t in CURRENT_TABLES]:
            mine, theirs = (s.query(f"SELECT * FROM {name} ORDER BY ALL") for s in (store, other))
            assert mine.equals(theirs), name


@pytest.fixture(params=["duckdb", "postgresql"])
def any_store(request, tmp_path):
    """A store on a DuckDB file, then on PostgreSQL: the store's specification holds for both. After a test on
    PostgreSQL, another server's view of the base is compared with this one's."""
    from pac_core.store import open_store

    target = tmp_path / "pac.duckdb" if request.param == "duckdb" else request.getfixturevalue("pg_url")
    opened = open_store(target)
    try:
        yield opened
        if request.param == "postgresql" and not opened.closed:
            same_in_postgres(opened)
    finally:
        if not opened.closed:
            opened.close()
