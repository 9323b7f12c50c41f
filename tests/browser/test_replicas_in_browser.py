"""Two app servers on one PostgreSQL base behind Debian's nginx (deploy/nginx-pac-pilot.conf, ports changed): a wall
opened through nginx and one opened on the other server both show an import made on one server's Données page, then
one made from the command line while they serve — without anyone touching them."""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser import conftest
from tests.browser.conftest import ROOT, Server, _free_port
from tests.browser.test_wall_in_browser import NBSP, NNBSP, import_october_revenue, open_wall
from tests.builders import workbook

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(servers: list[Server], port: int, prefix: Path) -> Path:
    """The README's nginx configuration, with this test's ports and a prefix of its own (no root files touched)."""
    text = (ROOT / "deploy" / "nginx-pac-pilot.conf").read_text()
    upstream = "".join(f"    server 127.0.0.1:{server.port} max_fails=2 fail_timeout=10s;\n" for server in servers)
    text = re.sub(r"(    server 127\.0\.0\.1:850\d[^\n]*\n)+", upstream, text)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    config = prefix / "nginx.conf"
    config.write_text(f"pid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log;\nevents {{}}\nhttp {{\n"
                      f"access_log {prefix}/logs/access.log;\nclient_body_temp_path {prefix}/tmp;\n"
                      f"proxy_temp_path {prefix}/tmp;\n{text}\n}}\n")
    return config


@pytest.fixture
def replicas(pg_url, tmp_path, chromium_path, monkeypatch):
    if not Path(NGINX).exists():
        if os.environ.get("PAC_REQUIRE_POSTGRES"):
            pytest.fail("nginx est requis ici (apt-get install nginx).")
        pytest.skip("pas de nginx sur cette machine")
    monkeypatch.setenv("PAC_PG_POLL", "2")
    monkeypatch.setenv("PAC_PROXIES", "127.0.0.1")
    servers = []
    try:
        for name in ("a", "b"):  # one after the other: the first fills the empty base with the demo
            servers.append(Server(pg_url, tmp_path / f"serveur-{name}.log"))
            servers[-1].wait_ready()
        port = _free_port()
        proxy = subprocess.Popen([NGINX, "-p", str(tmp_path / "nginx"), "-c",
                                  str(nginx_config(servers, port, tmp_path / "nginx")), "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    assert answer.read().decode().strip() == "ok"
                    break
            except OSError:
                assert time.monotonic() < deadline and proxy.poll() is None, "nginx ne répond pas"
                time.sleep(0.2)
        yield servers, f"http://127.0.0.1:{port}"
        proxy.terminate()
        proxy.wait(timeout=10)
    finally:
        for server in servers:
            server.stop()


def test_an_import_on_one_server_shows_on_every_wall_through_nginx(replicas, context, tmp_path, pg_url):
    (first, second), proxied = replicas
    through_nginx, on_second, office = context.new_page(), context.new_page(), context.new_page()
    for wall, url in ((through_nginx, proxied), (on_second, second.url)):
        wall.set_viewport_size({"width": 1280, "height": 720})
        open_wall(wall, url, "ecrans=chiffres&duree=5")
        wall.evaluate("window.__sameDocument = true")
        assert "Données à fin octobre 2026" in wall.locator(".pac-wall").inner_text()

    import_october_revenue(office, first.url, tmp_path, "33 900 €", 2)  # on the first server's Données page
    imported = time.monotonic()
    for wall in (through_nginx, on_second):
        wall.get_by_text(f"166{NNBSP}800{NBSP}€").wait_for(timeout=60_000)  # 146 800 + 20 000
    seen_after = time.monotonic() - imported
    assert seen_after < 60

    # The command line writes beside the two running servers (no drop folder with PostgreSQL).
    second_fix = workbook(tmp_path / "realise-octobre-2.xlsx", {"Réalisé": [
        ["ID action", "Indicateur", "Période", "Réalisé"],
        ["WEB", "Chiffre d'affaires", "oct. 2026", "43 900 €"]]})  # +10 000 more
    done = subprocess.run([sys.executable, "-m", "pac_core", "--db", pg_url, "import", str(second_fix)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PAC_TODAY": "2026-11-15"})
    assert done.returncode == 0, done.stderr
    assert "Import n° 3 enregistré" in done.stdout
    for wall in (through_nginx, on_second):
        wall.get_by_text(f"176{NNBSP}800{NBSP}€").wait_for(timeout=60_000)
        assert wall.evaluate("window.__sameDocument") is True  # redrawn in place, never reloaded
        assert wall.locator('[data-testid="stException"]').count() == 0
    through_nginx.screenshot(path=str(conftest.SCREENSHOTS / "replicas-mur-par-nginx-1280x720.png"))
    through_nginx.close()  # nginx logs a websocket when it ends
    deadline = time.monotonic() + 10
    while "/_stcore/stream" not in (tmp_path / "nginx" / "logs" / "access.log").read_text():
        assert time.monotonic() < deadline, "le websocket du mur n'est pas passé par nginx"
        time.sleep(0.2)
