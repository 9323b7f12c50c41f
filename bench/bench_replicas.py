"""Benchmark: PAC Pilot on 1, 2 and 3 servers behind nginx, on one PostgreSQL base (issue 21). A benchmark, not a
test: it prints what it measured.

1. Load: for 1 server with 4 sessions, then 1, 2 and 3 servers with 12 sessions, sessions walk the screens through
   nginx for `--minutes` each, looking at each screen `--pause` seconds, with two kinds of client one after the other:
   - « protocole »: each session speaks Streamlit's own websocket protocol, as its frontend does (a rerun of the
     screen's page asked, the server's messages read up to the end of the run), with no browser: the time the
     servers take, which is what replicas change;
   - « navigateur »: Chromium, one context per session, clicking the screen's link in the sidebar as people do,
     timed from the click until the browser has received the end of the run it started and shows the page at rest:
     the whole path, the rendering included — but the 12 browsers run on the same 2 cores as the servers, where
     they would run on 12 people's computers.
   Every session comes from an address of its own (X-Forwarded-For, read by nginx's realip module as behind a load
   balancer), so that ip_hash spreads the sessions over the servers as it spreads people; from 127.0.0.1 alone, they
   would all go to one server. p50 / p95 per line (goal: p95 at 3 servers and 12 sessions ≤ 1,5 × p95 at one server
   and 4 sessions), the machine's CPU used, and each server's share of it.
2. Import to wall: a wall opened through nginx; a command-line import; seconds until the wall shows it (goal ≤ 60).
3. kill -9 of the server that is importing (an import clicked on its Données page): the import is whole or absent
   in PostgreSQL, and the other servers keep serving.
4. PostgreSQL restarted while the sessions run (`--restart`, Debian's pg_ctlcluster by default): screens that
   failed during and after, and whether an import made afterwards reaches the wall (the servers reconnect).

    python bench/bench_replicas.py --pg postgresql://postgres:motdepasse@127.0.0.1/postgres
    python bench/bench_replicas.py --pg … --minutes 1 --sessions 6      # shorter
    python bench/bench_replicas.py --pg … --pause 0                     # clicks without a stop: a stress test
"""

import argparse
import asyncio
import collections
import contextlib
import datetime
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DROPZONE, Server  # noqa: E402
from tests.browser.test_replicas_in_browser import NGINX, nginx_config  # noqa: E402
from tests.builders import workbook  # noqa: E402

# The screens walked, by the titles of their links in the sidebar: people move from screen to screen by clicking
# there, in one Streamlit session (a click is a rerun, not a new page load).
SCREENS = ["Actions", "Canaux & ROI", "Pipeline", "Responsables", "Cette semaine", "Revue mensuelle",
           "Vue d'ensemble"]
CLIENTS = ("protocole", "navigateur")
READY = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'
NNBSP, NBSP = "\u202f", "\u00a0"
# The session's address, as a load balancer in front of nginx would pass it (see the docstring).
REAL_IP = "set_real_ip_from 127.0.0.1;\nreal_ip_header X-Forwarded-For;\n"


def address(session: int) -> dict:
    """Session n's own address; ip_hash reads an IPv4 address's first three bytes."""
    return {"X-Forwarded-For": f"10.{session // 250}.{session % 250 + 1}.7"}


def new_database(admin: str) -> str:
    import psycopg

    name = f"pac_bench_replicas_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))


def drop_database(admin: str, url: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {urlsplit(url).path.strip('/')} WITH (FORCE)")


class Farm:
    """`count` servers on the base and nginx in front of them."""

    def __init__(self, url: str, count: int, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.servers = []
        for n in range(count):
            self.servers.append(Server(url, folder / f"serveur-{n + 1}.log"))
            self.servers[-1].wait_ready()
        from tests.browser.conftest import _free_port

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = nginx_config(self.servers, self.port, folder / "nginx")
        config.write_text(config.read_text().replace("http {\n", "http {\n" + REAL_IP, 1))
        self.nginx = subprocess.Popen([NGINX, "-p", str(folder / "nginx"), "-c", str(config), "-g", "daemon off;"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        time.sleep(1)

    def stop(self) -> None:
        self.nginx.terminate()
        self.nginx.wait(timeout=10)
        for server in self.servers:
            if server.process.poll() is None:
                server.stop()


def run_ended(payload) -> bool:
    """Whether a websocket frame the browser received is the server's message that a page's run has ended."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if isinstance(payload, str):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "script_finished" and message.script_finished in (
        ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR)


async def session(browser, base: str, until: float, times: list, errors: list, start: int, pause: float) -> None:
    """One person walking the screens through nginx until `until`, looking at each for `pause` seconds; timed from
    the click on a screen's link in the sidebar to the moment the browser has received the end of the run it started
    and shows the page at rest."""
    context = await browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 720},
                                        extra_http_headers=address(start))
    page = await context.new_page()
    ended = asyncio.Event()  # set when the end of a run reaches the browser (its websocket, read as it receives it)
    page.on("websocket", lambda socket: socket.on(
        "framereceived", lambda payload: ended.set() if run_ended(payload) else None))
    try:
        await page.goto(base)
        await page.wait_for_selector(READY, timeout=120_000)
        step = start
        while time.monotonic() < until:
            screen = SCREENS[step % len(SCREENS)]
            step += 1
            try:
                link = page.locator('[data-testid="stSidebarNav"] a', has_text=screen).first
                await link.wait_for(timeout=60_000)
                ended.clear()
                started = time.monotonic()
                await link.click()
                await asyncio.wait_for(ended.wait(), timeout=60)
                await page.wait_for_selector(READY, timeout=60_000)
                times.append(time.monotonic() - started)
                if await page.locator('[data-testid="stException"]').count():
                    errors.append(screen)
                await asyncio.sleep(pause)
            except Exception as exc:  # noqa: BLE001 — counted, the walk goes on from a fresh load
                errors.append(f"{screen}: {type(exc).__name__}")
                await asyncio.sleep(1)
                with contextlib.suppress(Exception):
                    await page.goto(base)
                    await page.wait_for_selector(READY, timeout=120_000)
    finally:
        await context.close()


async def protocol_session(base: str, until: float, times: list, errors: list, start: int, pause: float) -> None:
    """One person walking the screens as Streamlit's frontend asks for them, on its websocket, with no browser: a
    screen's time runs from the request of its page's run to the server's message that the run has ended."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    stream = f"ws://{urlsplit(base).netloc}/_stcore/stream"
    async with connect(stream, origin=base, subprotocols=["streamlit"], max_size=None,
                       additional_headers=address(start)) as websocket:
        pages = {}

        async def run(page: str) -> bool:
            """Runs the page (its script hash; "" the default one); True if it showed an error."""
            request = BackMsg()
            request.rerun_script.page_script_hash = page
            await websocket.send(request.SerializeToString())
            failed = False
            while True:
                message = ForwardMsg()
                message.ParseFromString(await websocket.recv())
                kind = message.WhichOneof("type")
                if kind == "navigation":
                    pages.update((link.page_name, link.page_script_hash) for link in message.navigation.app_pages)
                elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                    failed = True
                elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return failed or message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY

        await run("")
        step = start
        while time.monotonic() < until:
            screen = SCREENS[step % len(SCREENS)]
            step += 1
            started = time.monotonic()
            if await asyncio.wait_for(run(pages[screen]), timeout=60):
                errors.append(screen)
            times.append(time.monotonic() - started)
            await asyncio.sleep(pause)


async def load(base: str, sessions: int, seconds: float, pause: float, client: str = "navigateur",
               during=None) -> tuple[list, list]:
    """`sessions` sessions of the client (« navigateur » or « protocole ») for `seconds`; their screens' times and
    errors."""
    from playwright.async_api import async_playwright

    times, errors = [], []
    until = time.monotonic() + seconds
    async with contextlib.AsyncExitStack() as stack:
        if client == "protocole":  # no browser, nor Playwright's driver, beside the servers
            walks = [protocol_session(base, until, times, errors, n, pause) for n in range(sessions)]
        else:
            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            walks = [session(browser, base, until, times, errors, n, pause) for n in range(sessions)]
        if during is not None:
            walks.append(during())
        outcomes = await asyncio.gather(*walks, return_exceptions=True)
        errors += [f"session : {type(outcome).__name__}" for outcome in outcomes if isinstance(outcome, Exception)]
    return times, errors


def machine_cpu() -> tuple[float, float]:
    """(busy, total) seconds of all cores since boot, from /proc/stat."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK"), sum(ticks) / os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """Seconds of CPU the process has used (user + system)."""
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


def percentile(values: list, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def october_fix(folder: Path, revenue: int) -> Path:
    return workbook(folder / f"realise-octobre-{revenue}.xlsx", {"Réalisé": [
        ["ID action", "Indicateur", "Période", "Réalisé"], ["WEB", "Chiffre d'affaires", "oct. 2026", revenue]]})


def amount(value: int) -> str:
    return f"{value:,}".replace(",", NNBSP) + f"{NBSP}€"


async def import_to_wall(farm: Farm, url: str, folder: Path, revenue: int, company: int) -> float:
    """Seconds from a command-line import to the wall (through nginx) showing its figure."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = await browser.new_page(viewport={"width": 1920, "height": 1080})
        await page.goto(f"{farm.url}/mural?embed=true&ecrans=chiffres&duree=10")
        await page.wait_for_selector(".pac-wall .pac-headline", timeout=60_000)
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "pac_core", "--db", url, "import",
                               str(october_fix(folder, revenue))], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(done.stderr)
        await page.get_by_text(amount(company)).wait_for(timeout=180_000)
        seen = time.monotonic() - started
        await browser.close()
    return seen


def state(url: str) -> tuple[list, float]:
    from pac_core.store import open_store

    with open_store(url) as store:
        return (store.query("SELECT import_id FROM history.imports WHERE undone_at IS NULL ORDER BY 1")
                ["import_id"].tolist(),
                float(store.scalar("SELECT coalesce(sum(value), 0) FROM results WHERE action_id LIKE 'K%'")))


async def kill_during_import(farm: Farm, url: str, folder: Path) -> str:
    """An import of 3 000 new actions clicked on server 1's own page, server 1 killed right after the click."""
    from playwright.async_api import async_playwright

    months = ["janv. 2026", "févr. 2026", "mars 2026", "avr. 2026", "mai 2026", "juin 2026"]
    rows = [[f"K{n}", "CA", *[n + m for m in range(6)]] for n in range(3000)]
    actions = [["ID action", "Nom"], *[[f"K{n}", f"K {n}"] for n in range(3000)]]
    big = workbook(folder / "gros.xlsx", {"Actions": actions, "Réalisé": [["ID action", "Indicateur", *months], *rows]})
    total = float(sum(sum(row[2:]) for row in rows))
    before = state(url)
    victim = farm.servers[0]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = await browser.new_page()
        await page.goto(f"{victim.url}/donnees")
        await page.wait_for_selector(READY, timeout=60_000)
        await page.locator(DROPZONE).set_input_files(str(big))
        await page.get_by_text("Fichier valide : prêt à importer.").wait_for(timeout=120_000)
        await page.wait_for_selector(READY, timeout=60_000)
        await page.locator(".st-key-importer button").click()
        await asyncio.sleep(0.3)
        os.kill(victim.process.pid, signal.SIGKILL)
        victim.process.wait()
        others = []
        for server in farm.servers[1:]:
            other = await browser.new_page()
            started = time.monotonic()
            await other.goto(f"{server.url}/actions")
            await other.wait_for_selector(READY, timeout=60_000)
            others.append(time.monotonic() - started)
        await browser.close()
    after = state(url)
    if after == before:
        verdict = "absent"
    elif len(after[0]) == len(before[0]) + 1 and after[1] == before[1] + total:
        verdict = "entier"
    else:
        verdict = f"INCOHÉRENT ({before} → {after})"
    if verdict == "entier":  # taken back, so that the next figures are the demo's
        from pac_core.store import open_store

        with open_store(url) as store:
            store.undo(after[0][-1], user="bench")
    served = ", ".join(f"{seconds:.1f} s" for seconds in others).replace(".", ",")
    return f"import {verdict} (lignes perdues : 0) ; les autres serveurs répondent ({served})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("PAC_TEST_POSTGRES"),
                        help="adresse d'un serveur PostgreSQL dont l'utilisateur peut créer une base")
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--minutes", type=float, default=2)
    parser.add_argument("--pause", type=float, default=3,
                        help="secondes passées sur chaque écran avant le clic suivant (0 : clics sans arrêt)")
    parser.add_argument("--restart", default="pg_ctlcluster 15 main restart",
                        help="commande qui redémarre PostgreSQL (vide : pas de redémarrage)")
    args = parser.parse_args()
    if not args.pg:
        raise SystemExit("Donnez l'adresse d'un serveur PostgreSQL : --pg postgresql://… (ou PAC_TEST_POSTGRES).")
    os.environ.setdefault("PAC_TODAY", "2026-11-15")  # the demo's story day: the figures below are its own
    os.environ["PAC_PROXIES"] = "127.0.0.1"
    folder = Path(tempfile.mkdtemp(prefix="pac-bench-replicas-"))
    url = new_database(args.pg)
    seconds = args.minutes * 60
    minutes = f"{args.minutes:g}".replace(".", ",")
    pause = f"{args.pause:g}".replace(".", ",")
    print(f"Base {urlsplit(url).path.strip('/')} ; {minutes} min par ligne ; {pause} s sur chaque écran ; "
          f"{os.cpu_count()} cœurs ; "
          f"PAC_PG_POLL={os.environ.get('PAC_PG_POLL', '5')} s.")
    print(f"{'client':<12}{'serveurs':>9}{'sessions':>10}{'écrans':>8}{'p50':>8}{'p95':>8}{'erreurs':>9}"
          f"{'CPU machine':>13}  part de chaque serveur")
    p95 = {}
    try:
        for count, sessions in ((1, 4), (1, args.sessions), (2, args.sessions), (3, args.sessions)):
            farm = Farm(url, count, folder / f"ferme-{count}-{sessions}")
            try:
                for client in CLIENTS:
                    before = (*machine_cpu(), *[process_cpu(server.process.pid) for server in farm.servers])
                    times, errors = asyncio.run(load(farm.url, sessions, seconds, args.pause, client))
                    after = (*machine_cpu(), *[process_cpu(server.process.pid) for server in farm.servers])
                    busy, total, *served = [late - early for late, early in zip(after, before)]
                    p95[(client, count, sessions)] = percentile(times, 0.95)
                    shares = " / ".join(f"{used / total:.0%}" for used in served)
                    line = (f"{client:<12}{count:>9}{sessions:>10}{len(times):>8}{percentile(times, 0.5):>7.2f}s"
                            f"{p95[(client, count, sessions)]:>7.2f}s{len(errors):>9}{busy / total:>12.0%}"
                            f"  {shares}")
                    print(line.replace(".", ","))
                    if errors:
                        kinds = collections.Counter(errors).most_common(3)
                        print("    erreurs : " + ", ".join(f"{kind} ×{n}" for kind, n in kinds))
            finally:
                farm.stop()
        for client in CLIENTS:
            ratio = p95[(client, 3, args.sessions)] / p95[(client, 1, 4)]
            print(f"{client} : p95 à 3 serveurs et {args.sessions} sessions / p95 à 1 serveur et 4 sessions : "
                  f"{ratio:.2f} (objectif ≤ 1,5)".replace(".", ","))

        farm = Farm(url, 3, folder / "ferme-pannes")
        try:
            delay = asyncio.run(import_to_wall(farm, url, folder, 33_900, 166_800))
            print(f"Import en ligne de commande → mur (par nginx) : {delay:.1f} s (objectif ≤ 60 s)".replace(".", ","))
            print("kill -9 du serveur qui importe : " + asyncio.run(kill_during_import(farm, url, folder)))
        finally:
            farm.stop()

        if args.restart:
            farm = Farm(url, 3, folder / "ferme-redemarrage")
            try:
                async def restart_midway():
                    await asyncio.sleep(seconds / 3)
                    subprocess.run(args.restart.split(), check=True, capture_output=True)
                    print(f"  PostgreSQL redémarré à {datetime.datetime.now():%H:%M:%S}")

                times, errors = asyncio.run(load(farm.url, min(args.sessions, 6), seconds, args.pause,
                                                 "navigateur", restart_midway))
                print(f"PostgreSQL redémarré pendant la charge : {len(times)} écrans, {len(errors)} en erreur "
                      f"({', '.join(errors[:4]) or 'aucun'}), p95 {percentile(times, 0.95):.2f} s".replace(".", ","))
                delay = asyncio.run(import_to_wall(farm, url, folder, 43_900, 176_800))
                print(f"Après le redémarrage, import → mur : {delay:.1f} s (les serveurs se sont reconnectés)"
                      .replace(".", ","))
            finally:
                farm.stop()
    finally:
        drop_database(args.pg, url)


if __name__ == "__main__":
    main()
