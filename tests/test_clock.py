"""The one clock: PAC_TODAY pins the day, PAC_TZ is the zone of every time a person reads, stored times are UTC."""

import datetime as dt
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest

from pac_core import clock
from pac_core import formatting as fmt
from pac_core.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_pac_today_pins_the_day_and_keeps_the_time_of_day(monkeypatch):
    monkeypatch.setenv("PAC_TODAY", "2027-03-15")
    monkeypatch.setenv("PAC_TZ", "Europe/Paris")
    now = clock.now()
    assert clock.today() == dt.date(2027, 3, 15) == now.date()
    assert now.tzinfo.key == "Europe/Paris"
    real = dt.datetime.now(zoneinfo.ZoneInfo("Europe/Paris"))
    assert abs((now.replace(year=real.year, month=real.month, day=real.day) - real).total_seconds()) < 60


def test_unset_the_clock_is_the_real_date_in_the_company_zone(monkeypatch):
    monkeypatch.delenv("PAC_TODAY", raising=False)
    monkeypatch.setenv("PAC_TZ", "Pacific/Kiritimati")  # UTC+14: often another day than UTC
    before = dt.datetime.now(zoneinfo.ZoneInfo("Pacific/Kiritimati")).date()
    assert clock.today() in (before, before + dt.timedelta(days=1))


@pytest.mark.parametrize("today, closed", [
    ("2026-12-04", "2026-11-01"), ("2027-01-15", "2026-12-01"), ("2027-01-01", "2026-12-01"),
    ("2027-02-28", "2027-01-01"), ("2028-02-29", "2028-01-01"), ("2027-03-01", "2027-02-01"),
    ("2027-07-01", "2027-06-01"), ("2027-12-31", "2027-11-01"),
])
def test_the_last_closed_month_is_the_one_before_today(monkeypatch, today, closed):
    monkeypatch.setenv("PAC_TODAY", today)
    assert clock.last_closed_month() == dt.date.fromisoformat(closed)
    assert clock.last_closed_month(dt.date.fromisoformat(today)) == dt.date.fromisoformat(closed)


def test_stored_utc_times_are_read_in_the_company_zone(monkeypatch):
    stored = dt.datetime(2026, 12, 4, 13, 30)  # UTC, as the store keeps it
    monkeypatch.setenv("PAC_TZ", "Europe/Paris")
    assert fmt.local_time(stored) == "04/12/2026 à 14:30"
    assert fmt.local_time(dt.datetime(2026, 7, 1, 22, 15)) == "02/07/2026 à 00:15"  # summer time: next day
    assert fmt.local_date(dt.datetime(2026, 7, 1, 22, 15)) == "02/07/2026"
    assert fmt.local_time(None) == fmt.local_time(float("nan")) == "—"
    monkeypatch.setenv("PAC_TZ", "America/Guadeloupe")
    assert fmt.local_time(stored) == "04/12/2026 à 09:30"


@pytest.mark.parametrize("variable, value, words", [
    ("PAC_TODAY", "demain", "PAC_TODAY=2027-03-15"),
    ("PAC_TODAY", "2027-02-30", "PAC_TODAY=2027-03-15"),
    ("PAC_TODAY", "15/03/2027", "AAAA-MM-JJ"),
    ("PAC_TZ", "Paris", "PAC_TZ=Europe/Paris"),
    ("PAC_TZ", "../../etc/passwd", "PAC_TZ=Europe/Paris"),
])
def test_an_unreadable_setting_is_refused_with_one_french_sentence(monkeypatch, variable, value, words):
    monkeypatch.setenv(variable, value)
    with pytest.raises(clock.ClockError) as refused:
        clock.check()
    assert f"La variable {variable} vaut « {value} »" in str(refused.value) and words in str(refused.value)


def run_cli(*args, env):
    return subprocess.run([sys.executable, "-m", "pac_core", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


def test_the_cli_refuses_to_start_on_a_bad_setting(tmp_path):
    db = tmp_path / "pac.duckdb"
    done = run_cli("summary", "--db", str(db), env={"PAC_TODAY": "2027-13-01"})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("La variable PAC_TODAY vaut « 2027-13-01 »")
    assert not db.exists()
    done = run_cli("imports", "--db", str(db), env={"PAC_TZ": "Mars/Olympus"})
    assert done.returncode == 2 and "PAC_TZ=Europe/Paris" in done.stderr and not db.exists()


def test_the_demo_of_a_pinned_day_reports_its_last_closed_month(tmp_path):
    """The issue's own check: on 15 March 2027 the demo stands at the end of February 2027."""
    db = str(tmp_path / "essai.duckdb")
    assert run_cli("demo", "--db", db, env={"PAC_TODAY": "2027-03-15"}).returncode == 0
    done = run_cli("summary", "--db", db, "--json", env={"PAC_TODAY": "2027-03-15"})
    assert done.returncode == 0, done.stderr
    assert '"as_of": "2027-02"' in done.stdout


def test_stored_times_are_utc_whatever_the_server_zone(tmp_path):
    """DuckDB's current_timestamp follows the machine's zone: a server set to Paris must still store UTC."""
    script = ("import sys; from pac_core.store import Store; s = Store(sys.argv[1]); "
              "print(s.scalar('SELECT created_at FROM history.plan_versions').isoformat()); s.close()")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "pac.duckdb")], cwd=ROOT, text=True,
                          capture_output=True, env={**os.environ, "TZ": "Europe/Paris"}, timeout=120)
    assert done.returncode == 0, done.stderr
    stored = dt.datetime.fromisoformat(done.stdout.strip())
    assert abs((stored - dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)).total_seconds()) < 120


def test_an_import_is_listed_at_the_company_time(tmp_path, monkeypatch):
    from pac_core.demo_loader import load_demo
    from pac_core.display.data import history_frame
    from pac_core.imports import import_log

    monkeypatch.setenv("PAC_TZ", "Asia/Tokyo")  # UTC+9, no summer time
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        stored = store.scalar("SELECT imported_at FROM history.imports")
        shown = history_frame(import_log(store))
    assert shown["Quand"].tolist() == [(stored + dt.timedelta(hours=9)).strftime("%d/%m/%Y %H:%M")]


def test_on_a_pinned_day_an_import_is_dated_that_day(tmp_path, monkeypatch):
    """A demonstration on 15 March 2027 reads « mises à jour le 15/03/2027 », not the machine's real date."""
    from pac_core.demo_loader import load_demo
    from pac_core.freshness import freshness

    monkeypatch.setenv("PAC_TODAY", "2027-03-15")
    monkeypatch.setenv("PAC_TZ", "Europe/Paris")
    with Store(tmp_path / "pac.duckdb") as store:
        load_demo(store)
        changed = freshness(store).changed_at
    assert fmt.local_date(changed) == "15/03/2027"
