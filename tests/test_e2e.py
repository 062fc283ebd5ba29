"""End-to-end test: the real app in a real browser, one test per tab of apps.REGISTRY.

For each tab: open it, click its first example, click its main button, wait until the output
is really on the page, check that no error toast appeared, and save a full-page screenshot.

    REQUIRE_E2E=1 python -m pytest -q tests/test_e2e.py
    E2E_SCREENSHOT_DIR=/tmp/e2e_shots python -m pytest -q tests/test_e2e.py   # keep the PNGs

Needs Debian's chromium (/usr/bin/chromium) and the `playwright` Python package; Playwright's
own browsers are never downloaded. Without them the module is skipped, unless REQUIRE_E2E=1
(CI), where a missing browser is a failure rather than a silent skip.

Adding a tab? Nothing to add here: the test reads BROWSER from the tab's apps/<slug>/cases.py
(its button, and what its output looks like), and `pytest -k <slug>` runs it.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import registered_specs, running_app, tab_cases  # conftest also puts the repo root on sys.path

# --- skip (or fail, with REQUIRE_E2E=1) when the browser tooling is missing -----------------

CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    sync_playwright = None


def _missing() -> str:
    if CHROMIUM is None:
        return "chromium not found (apt install chromium: /usr/bin/chromium)"
    if sync_playwright is None:
        return "python package playwright not installed (pip install -r requirements-dev.txt)"
    return ""


if _missing():
    if os.environ.get("REQUIRE_E2E") == "1":
        pytest.fail(f"{_missing()} (required because REQUIRE_E2E=1)", pytrace=False)
    pytest.skip(f"end-to-end test skipped: {_missing()}", allow_module_level=True)

# --- settings --------------------------------------------------------------------------------

START_TIMEOUT_S = 90      # first start imports torch and builds every tab
OUTPUT_TIMEOUT_MS = 60_000  # a CPU forward pass (plus the first model load) per tab
ACTION_TIMEOUT_MS = 15_000  # clicks and other quick things
# Sandboxes and CI have no GPU and no network: keep chromium quiet and offline.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Gradio shows gr.Error as a toast with this element (found by dumping the page's DOM).
ERROR_TOAST = '[data-testid="toast-body"].error'
# Toasts vanish after a few seconds, so a script in the page records every error toast it sees.
RECORD_ERROR_TOASTS = """
const seen = new Map();
window.__errorToasts = () => [...seen.values()];
new MutationObserver(() => {
  document.querySelectorAll('%s').forEach(el => {
    const text = el.querySelector('[data-testid="toast-text"]') || el;
    seen.set(el, text.innerText.trim());
  });
}).observe(document, {childList: true, subtree: true, characterData: true});
""" % ERROR_TOAST


# --- locators shared by the per-tab checks -----------------------------------------------------

def block(panel, label: str):
    """The component (Gradio `.block`) whose label contains `label`, inside this tab only:
    both tabs have look-alike components, so every lookup is scoped to the visible panel."""
    return panel.locator(".block").filter(
        has=panel.page.get_by_test_id("block-label").filter(has_text=label))


def wait_for_output(panel, locator):
    """Wait until `locator` is visible, but stop at once if an error toast shows up instead."""
    either = locator.or_(panel.page.locator(ERROR_TOAST))
    expect(either.first).to_be_visible(timeout=OUTPUT_TIMEOUT_MS)
    assert not error_toasts(panel.page), f"error toast: {error_toasts(panel.page)}"


def error_toasts(page) -> list[str]:
    return page.evaluate("window.__errorToasts()")


# --- what a tab's BROWSER declaration asks for (shared.spec.BrowserRun) -----------------------

def find(panel, where):
    """A CSS selector inside the tab, or (block label, CSS selector inside that block)."""
    if isinstance(where, tuple):
        label, css = where
        return block(panel, label).locator(css)
    return panel.locator(where)


def check_outputs(panel, run):
    for label, wants in run.outputs.items():
        for want in wants if isinstance(wants, list) else [wants]:
            css, text = want if isinstance(want, tuple) else (want, None)
            locator = block(panel, label).locator(css).first
            wait_for_output(panel, locator)
            if text is not None:
                expect(locator).to_have_text(re.compile(text))
    for pattern in run.texts:
        expect(panel.get_by_test_id("markdown").filter(has_text=re.compile(pattern)).first).to_be_visible(
            timeout=OUTPUT_TIMEOUT_MS)
    for label, pattern in run.values.items():
        box = panel.locator(".block").filter(has=panel.page.get_by_text(label, exact=True))
        expect(box.locator("textarea, input").first).to_have_value(re.compile(pattern), timeout=OUTPUT_TIMEOUT_MS)
    if run.then is not None:
        run.then(panel)


# --- fixtures: the app as a subprocess, one browser, a fresh page per test ---------------------

@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    log = tmp_path_factory.mktemp("e2e_app") / "app.log"
    env = dict(os.environ, APP_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    with running_app(log, env, START_TIMEOUT_S) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    # executable_path: Debian's chromium, so Playwright never downloads a browser of its own.
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    # English page whatever the machine's language: the checks below look for English labels.
    page = browser.new_page(locale="en-US", viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.add_init_script(RECORD_ERROR_TOASTS)
    page.goto(app_url)
    yield page
    page.close()


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e_screenshots")


def save_screenshot(page, name: str, folder: Path):
    path = folder / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    if os.environ.get("E2E_SCREENSHOT_DIR"):
        copy_to = Path(os.environ["E2E_SCREENSHOT_DIR"])
        copy_to.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, copy_to / path.name)
    print(f"screenshot: {path}")


# --- the test ------------------------------------------------------------------------------

def run_tab(page, spec, run):
    page.get_by_role("tab", name=spec.title, exact=True).click()
    panel = page.locator(f"#tab-{spec.slug}")
    expect(panel).to_be_visible()
    # The first gr.Examples entry: a thumbnail, or the first row when examples have two inputs.
    panel.locator("button.gallery-item, tr.tr-body").first.click()
    loaded = find(panel, run.loaded) if run.loaded else panel.get_by_test_id("image").locator("img")
    expect(loaded.first).to_be_visible(timeout=OUTPUT_TIMEOUT_MS)  # the example has loaded
    panel.get_by_role("button", name=run.button, exact=True).click()
    check_outputs(panel, run)


@pytest.mark.parametrize("spec", registered_specs(), ids=lambda spec: spec.slug)
def test_tab_runs_its_first_example(page, spec, screenshot_dir):
    run = tab_cases(spec).BROWSER
    try:
        run_tab(page, spec, run)
    finally:  # a screenshot also when it failed: it shows what the page looked like
        save_screenshot(page, spec.slug, screenshot_dir)
    assert error_toasts(page) == [], "the app showed an error toast"
