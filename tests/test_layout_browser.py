"""The projector layout and presenter mode, in the real app and a real browser.

- At 1280x720 (a common projector) and 1920x1080, after a tab's first example has run, its main
  input, main button and main result are all on the first screen, with no scrolling.
- At 390x844 (a phone) no tab scrolls sideways and its main button can be reached and pressed.
- Presenter mode (?present=1, or the toggle) hides lecture texts and settings, makes the type
  larger, combines with a deep link, and survives a reload.

The main input, button and result of a tab are those its apps/<slug>/cases.py BROWSER names.
Fixtures and settings come from tests/test_e2e.py (same browser, same skip rules).
`python bench/layout.py` measures the same things for every size, with page heights.
"""

import re

import pytest

import test_e2e as e2e  # skips this module (or fails it, with REQUIRE_E2E=1) without a browser
from conftest import registered_specs, tab_cases
from test_e2e import app_url, browser, expect  # noqa: F401 (fixtures)

MAIN_PARTS = """([input, button, result]) => [input, button, result].map(el => {
  const box = el.getBoundingClientRect();
  return {top: Math.round(box.top), bottom: Math.round(box.bottom), left: Math.round(box.left),
          right: Math.round(box.right)};
})"""


def labelled(panel, label: str):
    """The block whose label (an image's tag, or a textbox's title) starts with `label`."""
    labels = panel.page.locator("[data-testid=block-label], [data-testid=block-info]").filter(
        has_text=label)
    return panel.locator(".block").filter(has=labels).first


def main_parts(page, spec):
    """The tab's main input, button and result (Playwright locators)."""
    run = tab_cases(spec).BROWSER
    panel = page.locator(f"#tab-{spec.slug}")
    main_input = labelled(panel, run.input) if run.input else panel.locator(".block:has(input[type=file])").first
    button = panel.get_by_role("button", name=run.button, exact=True).first
    result = labelled(panel, run.result or next(iter(run.outputs)))
    return main_input, button, result


@pytest.fixture
def new_page(browser, app_url):
    pages = []

    def make(width, height, query=""):
        page = browser.new_page(locale="en-US", viewport={"width": width, "height": height})
        page.set_default_timeout(e2e.ACTION_TIMEOUT_MS)
        page.add_init_script(e2e.RECORD_ERROR_TOASTS)
        page.goto(app_url + query)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("spec", registered_specs(), ids=lambda spec: spec.slug)
def test_input_button_and_result_share_the_first_screen(new_page, spec, size, tmp_path):
    width, height = size
    page = new_page(width, height)
    try:
        e2e.run_tab(page, spec, tab_cases(spec).BROWSER)
        page.evaluate("window.scrollTo(0, 0)")
        boxes = page.evaluate(MAIN_PARTS, [part.element_handle() for part in main_parts(page, spec)])
    finally:
        e2e.save_screenshot(page, f"{spec.slug}-{width}x{height}", tmp_path)
    for name, box in zip(("input", "button", "result"), boxes):
        assert 0 <= box["top"] and box["bottom"] <= height, f"the main {name} is off the first screen: {box}"
        assert box["right"] <= width, f"the main {name} is cut off on the right: {box}"
    assert e2e.error_toasts(page) == []


@pytest.mark.parametrize("spec", registered_specs(), ids=lambda spec: spec.slug)
def test_a_phone_never_scrolls_sideways_and_reaches_the_button(new_page, spec):
    page = new_page(390, 844, f"?tab={spec.slug}")
    panel = page.locator(f"#tab-{spec.slug}")
    expect(panel).to_be_visible(timeout=30_000)  # the link selects the tab once the page has loaded: slow under CI load
    _, button, _ = main_parts(page, spec)
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page is {wide} px wide on a 390 px phone"


def test_presenter_mode_from_a_link_hides_the_lecture_and_settings_and_runs(new_page):
    page = new_page(1280, 720, "?tab=classify&example=1&run=1&present=1")
    panel = page.locator("#tab-classify")
    expect(panel.get_by_test_id("label-output-value")).to_have_text(re.compile(r"\w"),
                                                                   timeout=e2e.OUTPUT_TIMEOUT_MS)
    expect(page.locator("body")).to_have_class(re.compile(r"\bpresent\b"))
    for hidden in (".lecture-text", ".advanced"):
        expect(panel.locator(hidden).first).to_be_hidden()
    button = panel.get_by_role("button", name="Classify", exact=True)
    info = panel.get_by_test_id("markdown").filter(has_text="ms for preprocessing").locator("p").first
    sizes = [part.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") for part in (button, info)]
    page.get_by_role("button", name="Presenter mode").click()  # the toggle: back to the lecture view
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bpresent\b"))
    expect(panel.locator(".lecture-text").first).to_be_visible()
    assert "present=1" not in page.url
    # Gradio's buttons ease into their new size: wait for it, then compare (26 > 26 was read mid-way)
    button.evaluate("(el, big) => new Promise(done => { const t = setInterval(() => { if (parseFloat("
                    "getComputedStyle(el).fontSize) < big) { clearInterval(t); done(); } }, 50); "
                    "setTimeout(() => { clearInterval(t); done(); }, 5000); })", sizes[0])
    assert sizes[0] > button.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"), "the button's type"
    assert sizes[1] > info.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"), "the result line's type"
    assert e2e.error_toasts(page) == []


def test_the_toggle_turns_presenter_mode_on_and_a_reload_keeps_it(new_page):
    page = new_page(1280, 720, "?tab=classify")
    page.get_by_role("button", name="Presenter mode").click()
    expect(page.locator("body")).to_have_class(re.compile(r"\bpresent\b"))
    assert "present=1" in page.url and "tab=classify" in page.url
    page.reload()
    expect(page.locator("#tab-classify")).to_be_visible()
    expect(page.locator("body")).to_have_class(re.compile(r"\bpresent\b"))
    expect(page.locator("#tab-classify .lecture-text").first).to_be_hidden()
