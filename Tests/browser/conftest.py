# Shared fixtures: a headless Chromium per test, the server's URL, sign-in, the
# API as a script sees it, and the browser console (which must stay clean).
import json
import os
import re
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("TIENDO_URL", "http://127.0.0.1:8080")
SHOTS = os.environ.get("SCREENSHOTS", os.path.join(os.path.dirname(__file__), "..", "..", "docs", "screenshots"))


def _binary(*names):
    for n in names:
        for d in ("/usr/bin", "/usr/local/bin", "/usr/lib/chromium"):
            p = os.path.join(d, n)
            if os.path.exists(p):
                return p
    return None


@pytest.fixture
def browser():
    opts = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900", "--lang=vi"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chromium = _binary("chromium", "chromium-browser")
    if chromium:
        opts.binary_location = chromium
    driver_path = _binary("chromedriver")
    service = Service(driver_path) if driver_path else Service()
    d = webdriver.Chrome(service=service, options=opts)
    d.set_page_load_timeout(20)
    yield d
    d.quit()


def url(path):
    return BASE + path


def login(d, token):
    d.get(url("/login"))
    field = d.find_element(By.CSS_SELECTOR, "input[name=token]")
    # The input has a label, and the form posts: the token never reaches a URL.
    assert d.find_element(By.CSS_SELECTOR, "label[for=token]").text
    field.send_keys(token)
    submit(d, "form.login button[type=submit]")
    assert "/login" not in d.current_url
    assert token not in d.current_url


def console_errors(d, allow_status=()):
    """SEVERE console entries, except the HTTP status a test provoked on purpose."""
    out = []
    for e in d.get_log("browser"):
        if e.get("level") != "SEVERE":
            continue
        msg = e.get("message", "")
        if any(f"status of {s}" in msg for s in allow_status):
            continue
        out.append(msg)
    return out


def screenshot(d, name, width=1280):
    """A full-page PNG in docs/screenshots."""
    os.makedirs(SHOTS, exist_ok=True)
    height = d.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    d.set_window_size(width, min(max(int(height) + 20, 600), 4000))
    d.save_screenshot(os.path.join(SHOTS, name))
    d.set_window_size(1280, 900)


def api(path, token):
    req = urllib.request.Request(url(path), headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


def open_rows(d):
    """(task_id, period) pairs the clerk's batch form on / still offers."""
    tasks = [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, "form.batch input[name$='.task_id']")]
    periods = [e.get_attribute("value") for e in d.find_elements(By.CSS_SELECTOR, "form.batch input[name$='.period']")]
    return list(zip(tasks, periods))


def period_label(period):
    """2026-Q4 → Quý IV/2026, as a clerk types it."""
    m = re.fullmatch(r"(\d{4})-Q([1-4])", period)
    return f"Quý {['I', 'II', 'III', 'IV'][int(m.group(2)) - 1]}/{m.group(1)}" if m else period


def _replaced(old):
    """Like EC.staleness_of, but a node caught mid-navigation ("does not belong to the
    document", which chromedriver raises as a plain WebDriverException) also counts as gone."""
    def gone(_):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as e:
            if "does not belong to the document" in str(e):
                return True
            raise
    return gone


def submit(d, css):
    """Clicks a submit button and waits for the next page to replace this one."""
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(d, 15).until(_replaced(old))


def click(d, element):
    """Follows a link and waits for the next page."""
    old = d.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(d, 15).until(_replaced(old))
