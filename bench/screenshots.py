"""The explorer's screenshots in ``docs/``: ``parley serve`` on the bundled data set (an
actor's page) and on a generated build of 10,000 events (the network of a process), in
headless Chromium (Debian's chromium and chromium-driver, driven by Selenium).

    python bench/screenshots.py [--docs docs]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

import parley

HERE = Path(__file__).parent
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--enable-unsafe-swiftshader", "--window-size=1300,860", "--hide-scrollbars")


def _browser() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp()}")
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def _shoot(graph: Path, path: str, target: Path, browser: webdriver.Chrome) -> None:
    server = parley.make_server(graph=graph, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser.get(f"http://127.0.0.1:{server.port}{path}")
        time.sleep(2)  # sigma draws on the next frames
        browser.save_screenshot(str(target))
        print(f"wrote {target}")
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the folder to write the screenshots into")
    docs = parser.parse_args().docs.resolve()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        parley.build(out=folder / "bundled")
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--events", "10000", "--format", "csv",
                        "--out", str(folder / "data")], check=True, capture_output=True)
        parley.build([folder / "data"], out=folder / "large")
        browser = _browser()
        try:
            _shoot(folder / "bundled" / "kg.trig", "/actor/turkiye", docs / "explorer-actor.png", browser)
            _shoot(folder / "large" / "kg.trig", "/network?process=process-14&measure=betweenness",
                   docs / "explorer-network.png", browser)
        finally:
            browser.quit()


if __name__ == "__main__":
    main()
