"""The explorer in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven by Selenium against ``parley serve`` on loopback. Each test leaves a screenshot in
its temporary folder. Without the browser, these tests skip and say why."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from helpers import served
from parley.network.tables import read_tables
from parley.pipeline import build
from parley.sparql.run import query
from parley.web.network_view import neighbourhood

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # the test extras are not installed
    webdriver = None

pytestmark = pytest.mark.skipif(
    webdriver is None or CHROMIUM is None or DRIVER is None,
    reason="needs selenium (pip install 'parley[test]') and Debian's chromium and chromium-driver "
           "(apt-get install chromium chromium-driver; .ci/run installs them)")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--enable-unsafe-swiftshader", "--window-size=1300,900")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("project")
    build(out=folder / "out")
    with served(folder / "out" / "kg.trig") as url:
        yield url, folder / "out" / "kg.trig"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="parley-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver, condition, seconds: float = 20):
    return WebDriverWait(driver, seconds).until(condition)


def errors(driver) -> list[str]:
    """What the page logged as errors (a missing asset, a script that threw)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_search_an_actor_and_follow_it_to_its_page(site, browser, tmp_path):
    url, _ = site
    browser.get(url + "/")
    box = browser.find_element(By.ID, "search")
    box.send_keys("Fidan")
    box.submit()
    wait(browser, expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "a.hit")))
    hits = browser.find_elements(By.CSS_SELECTOR, "a.hit")
    assert [hit.text for hit in hits] == ["Hakan Fidan", "Fidan and Kalın host Umerov in Ankara"]
    assert [kind.text for kind in browser.find_elements(By.CSS_SELECTOR, "ul.hits .kind")] == ["ACTOR", "EVENT"]
    hits[0].click()
    wait(browser, expected_conditions.title_contains("Hakan Fidan"))
    browser.save_screenshot(str(tmp_path / "actor.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Hakan Fidan")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.participations tbody tr")
    cells = [cell.text for cell in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[:5] == ["2026-01-01", "Fidan and Kalın host Umerov in Ankara", "held", "host", "Türkiye"]
    assert cells[5] == "data/russia-ukraine.yaml:187"
    assert cells[6] == "Hürriyet Daily News 2026-01-02"
    posts = browser.find_element(By.CSS_SELECTOR, "table.posts tbody").text
    assert "Minister of Foreign Affairs" in posts and "2025-06-05, 2026-01-01" in posts
    assert not errors(browser)


def test_a_source_behind_a_participation_opens_its_page(site, browser, tmp_path):
    url, _ = site
    browser.get(url + "/actor/hakan-fidan")
    browser.find_element(By.CSS_SELECTOR, "table.participations a.source").click()
    wait(browser, expected_conditions.title_contains("Fidan, Kalın host"))
    browser.save_screenshot(str(tmp_path / "source.png"))
    cited = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ul.plain a")]
    assert "Fidan and Kalın host Umerov in Ankara" in cited and "Hakan Fidan" in cited


def test_the_process_page_shows_its_timeline_and_who_took_part(site, browser, tmp_path):
    url, graph = site
    browser.get(url + "/process/russia-ukraine-peace-talks")
    browser.save_screenshot(str(tmp_path / "process.png"))
    entries = browser.find_elements(By.CSS_SELECTOR, "ol.timeline > li")
    tables = read_tables(graph)
    expected = {*tables.events.query("process == 'russia-ukraine-peace-talks'")["id"],
                *tables.agreements.query("process == 'russia-ukraine-peace-talks'")["id"]}
    shown = [entry.find_element(By.CSS_SELECTOR, ".what a").get_attribute("href").rsplit("/", 1)[1]
             for entry in entries]
    assert sorted(shown) == sorted(expected) and len(shown) == 8
    dates = [entry.find_element(By.CSS_SELECTOR, ".when").text for entry in entries]
    assert dates[0] == "2022" and dates[-1] == "undated" and dates[:-1] == sorted(dates[:-1])
    actors = {row.find_elements(By.TAG_NAME, "td")[0].text: row.find_elements(By.TAG_NAME, "td")[1].text
              for row in browser.find_elements(By.CSS_SELECTOR, "table.actors tbody tr")}
    assert actors["Türkiye"] == "host, mediator, proposer" and actors["Russia"] == "party"


def test_the_agreement_page_shows_its_status_history_and_parties(site, browser, tmp_path):
    url, _ = site
    browser.get(url + "/agreement/black-sea-grain-initiative")
    browser.save_screenshot(str(tmp_path / "agreement.png"))
    statuses = [row.text.split()[:2] for row in browser.find_elements(By.CSS_SELECTOR, "table.statuses tbody tr")]
    assert statuses == [["2022-07-22", "signed"], ["2023-07-17", "terminated"]]
    roles = sorted(tuple(td.text for td in row.find_elements(By.TAG_NAME, "td")[1:3])
                   for row in browser.find_elements(By.CSS_SELECTOR, "table.participations tbody tr"))
    assert roles == [("Russia", "party"), ("Türkiye", "mediator"), ("Ukraine", "party"), ("United Nations", "mediator")]
    # Russia's part rests on no text: the page says it is the curator's
    sources = {row.find_elements(By.TAG_NAME, "td")[1].text: row.find_elements(By.TAG_NAME, "td")[5].text
               for row in browser.find_elements(By.CSS_SELECTOR, "table.participations tbody tr")}
    assert sources["Russia"] == "curator's general knowledge"
    assert sources["Türkiye"] == "Hürriyet Daily News 2026-01-02; rki.news 2025-06-05"


def test_a_library_query_runs_from_its_form(site, browser, tmp_path):
    url, graph = site
    browser.get(url + "/queries")
    browser.find_element(By.LINK_TEXT, "mediators").click()
    wait(browser, expected_conditions.presence_of_element_located((By.ID, "param-process")))
    browser.find_element(By.ID, "param-process").send_keys("russia-ukraine-peace-talks")
    browser.find_element(By.ID, "run").click()
    wait(browser, expected_conditions.presence_of_element_located((By.ID, "row-count")))
    browser.save_screenshot(str(tmp_path / "query.png"))
    expected = query("mediators", {"process": "russia-ukraine-peace-talks"}, graph=graph)
    assert browser.find_element(By.ID, "row-count").text == f"{len(expected)} rows"
    shown = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr:first-child td")]
    assert shown[1:4] == [expected[0]["actor"], expected[0]["name"], expected[0]["role"]]
    shown_sparql = browser.find_element(By.CSS_SELECTOR, "pre.sparql").get_attribute("textContent")
    assert "SELECT DISTINCT (<https://w3id.org/parley/id/process/russia-ukraine-peace-talks> AS ?process)" in shown_sparql
    assert browser.find_element(By.CSS_SELECTOR, "a.download").get_attribute("href").endswith(
        "/queries/mediators.csv?process=russia-ukraine-peace-talks&run=1")


def test_the_network_view_draws_the_neighbourhood(site, browser, tmp_path):
    url, graph = site
    browser.get(url + "/network?process=russia-ukraine-peace-talks&measure=betweenness")
    container = wait(browser, expected_conditions.presence_of_element_located(
        (By.CSS_SELECTOR, "#network[data-nodes]")))
    browser.save_screenshot(str(tmp_path / "network.png"))
    expected = neighbourhood(read_tables(graph), process="russia-ukraine-peace-talks", measure="betweenness")
    assert int(container.get_attribute("data-nodes")) == len(expected["nodes"]) == 4
    assert int(container.get_attribute("data-edges")) == len(expected["edges"])
    assert browser.find_elements(By.CSS_SELECTOR, "#network canvas")
    assert not errors(browser)
    slider = browser.find_element(By.ID, "until")
    browser.execute_script("arguments[0].value = 0; arguments[0].dispatchEvent(new Event('input'));", slider)
    earliest = expected["dates"][0]
    assert browser.find_element(By.ID, "until-date").text == earliest
    visible = sum(1 for node in expected["nodes"] if node["dates"] and node["dates"][0] <= earliest)
    assert browser.find_element(By.ID, "node-count").text == str(visible) and visible < 4
    browser.save_screenshot(str(tmp_path / "network-earliest.png"))


def test_clicking_a_node_opens_the_actors_page(site, browser):
    url, _ = site
    browser.get(url + "/network?actor=turkiye")
    wait(browser, expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#network[data-nodes]")))
    x, y = browser.execute_script("""
        var r = window.parleyNetwork.renderer, p = r.framedGraphToViewport(r.getNodeDisplayData('ukraine'));
        return [p.x, p.y];""")
    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas.sigma-mouse")
    box = canvas.rect  # offsets count from the canvas's centre
    ActionChains(browser).move_to_element_with_offset(canvas, int(x - box["width"] / 2), int(y - box["height"] / 2)) \
        .click().perform()
    wait(browser, expected_conditions.title_contains("Ukraine"))
    assert browser.current_url.endswith("/actor/ukraine")



def test_the_screenshots_script_takes_the_actor_page_and_a_large_network(tmp_path):
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, str(repo / "bench" / "screenshots.py"), "--docs", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    for name in ("explorer-actor.png", "explorer-network.png"):
        picture = (tmp_path / name).read_bytes()
        assert picture[:8] == b"\x89PNG\r\n\x1a\n" and len(picture) > 30_000, name
    assert run.stdout.splitlines() == [f"wrote {tmp_path / 'explorer-actor.png'}",
                                       f"wrote {tmp_path / 'explorer-network.png'}"]
