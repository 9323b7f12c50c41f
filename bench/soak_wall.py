"""Soak the wall: a real server on a temporary database with the demo, the wall open in headless Chromium
(Debian's /usr/bin/chromium, never a downloaded browser) for --minutes, the server's memory sampled.

    python bench/soak_wall.py --minutes 30 --duree 20

Prints the server's resident memory (VmRSS from /proc) at start, every --every seconds and at the end, the
growth after warm-up, and how many slides the wall showed. Exit code 1 when the page raised an exception.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--duree", type=int, default=20, help="seconds per slide (the wall's ?duree=)")
    parser.add_argument("--every", type=float, default=60.0, help="seconds between two memory samples")
    parser.add_argument("--warmup", type=float, default=120.0, help="seconds before the growth is measured")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="pac-soak-"))
    server = Server(workdir / "pac.duckdb", workdir / "streamlit.log")
    slides, errors = set(), 0
    try:
        server.wait_ready()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="fr-FR")
            page.goto(f"{server.url}/mural?embed=true&duree={args.duree}")
            page.wait_for_selector(".pac-wall", timeout=60_000)
            start, samples, warm = time.monotonic(), [], None
            print(f"{'minute':>7} {'RSS MiB':>8} {'slides vus':>10}")
            next_sample = start
            while time.monotonic() - start < args.minutes * 60:
                now = time.monotonic()
                slides.add(page.evaluate("document.querySelector('.pac-wall')?.dataset.slide"))
                errors += page.locator('[data-testid="stException"]').count()
                if now >= next_sample:
                    rss = rss_mib(server.process.pid)
                    samples.append((now - start, rss))
                    if warm is None and now - start >= args.warmup:
                        warm = rss
                    print(f"{(now - start) / 60:7.1f} {rss:8.1f} {len(slides - {None}):10d}", flush=True)
                    next_sample += args.every
                page.wait_for_timeout(2000)
            end = rss_mib(server.process.pid)
            browser.close()
    finally:
        server.stop()
    first = samples[0][1]
    warm = warm if warm is not None else first
    print(f"RSS start {first:.1f} MiB, after warm-up {warm:.1f} MiB, end {end:.1f} MiB: "
          f"growth after warm-up {end - warm:+.1f} MiB over {(samples[-1][0] - args.warmup) / 60:.1f} min "
          f"({(end - warm) / max((samples[-1][0] - args.warmup) / 3600, 1e-9):+.1f} MiB/h)")
    print(f"slides seen: {', '.join(sorted(s for s in slides if s))}; page exceptions: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
