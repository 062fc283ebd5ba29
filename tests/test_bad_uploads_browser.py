"""Bad files through the browser, not the API: every file input of every tab (found on the page,
accordions opened, not listed by hand) gets a text file, an empty file, a corrupt one, a
too-large one and a truncated one, under the extension the input accepts; then every button of
the tab is pressed. Whatever the page shows must be one short line with no internals: no
"Could not preprocess ... component at index", no server path, no exception name.

    REQUIRE_E2E=1 python -m pytest -q tests/test_bad_uploads_browser.py
    python -m pytest -q -k classify      # includes this tab's run

Same browser, app and skip rules as tests/test_e2e.py.
"""

import re

import pytest

import test_e2e as e2e  # skips this module (or fails it, with REQUIRE_E2E=1) without a browser
from conftest import ROOT, registered_specs
from test_e2e import app_url, browser  # noqa: F401 (fixtures)

# What must never reach a person: Gradio's preprocessing error, paths, exception names, tracebacks.
INTERNALS = re.compile(r"Could not (pre|post)process|component at index|/tmp/|/gradio/|Traceback|"
                       r"\b[A-Z]\w*(Error|Exception)\b|ImageData|FileData|pydantic", re.IGNORECASE)
RECORD_TOASTS = """
const seen = new Map();
window.__toasts = () => [...seen.values()];
new MutationObserver(() => document.querySelectorAll('[data-testid="toast-text"]').forEach(
  el => seen.set(el, el.innerText.trim()))).observe(document, {childList: true, subtree: true});
"""
PHOTO = ROOT / "apps" / "classify" / "examples" / "chelsea.jpg"
SPEECH = ROOT / "apps" / "asr" / "examples" / "librivox_dashwood.wav"


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    """{extension: [files]}: each bad kind under each extension an input may accept. The
    truncated file comes last: it may decode in part, and then the input shows it."""
    folder = tmp_path_factory.mktemp("bad_uploads")
    made = {}
    for ext, real in (("png", PHOTO), ("wav", SPEECH), ("zip", None)):
        files = []
        for kind, data in (("text", b"not what its name says\n"), ("empty", b""),
                           ("corrupt", b"\x89PNG\r\n\x1a\n" + b"junk" * 64 if ext == "png" else b"RIFF" + b"junk" * 64),
                           ("too_large", b"\0" * (21 * 2**20))):
            path = folder / f"{kind}.{ext}"
            path.write_bytes(data)
            files.append(path)
        if real is not None:
            path = folder / f"truncated.{'jpg' if ext == 'png' else ext}"
            path.write_bytes(real.read_bytes()[:3000])
            files.append(path)
        made[ext] = files
    return made


def extension(accept: str | None) -> str:
    accept = accept or ""
    return "wav" if "audio" in accept else "zip" if ".zip" in accept else "png"


def open_tab(page, url: str, spec):
    page.goto(url)
    page.get_by_role("tab", name=spec.title, exact=True).click()
    panel = page.locator(f"#tab-{spec.slug}")
    e2e.expect(panel).to_be_visible()
    for _ in range(3):  # closed accordions hide inputs; one may open late, or inside another
        closed = [accordion for accordion in panel.locator(".label-wrap").all()
                  if accordion.is_visible() and "open" not in (accordion.get_attribute("class") or "")]
        if not closed:
            break
        for accordion in closed:
            accordion.click()
        page.wait_for_timeout(300)
    return panel


def file_inputs(panel) -> list:
    """The tab's file inputs (Playwright locators); a table's CSV import is not ours."""
    return [i for i in panel.locator("input[type=file]").all() if ".csv" not in (i.get_attribute("accept") or "")]


def press_every_button(page, panel):
    for button in panel.locator("button.lg").all():  # gr.Button; not icons, tabs or the link button
        if button.is_visible() and button.is_enabled() and button.inner_text().strip() != "Stop":
            button.click()
            page.wait_for_timeout(300)


@pytest.mark.parametrize("spec", registered_specs(), ids=lambda spec: spec.slug)
def test_bad_files_in_the_browser_get_one_clear_line(browser, app_url, bad_files, spec):  # noqa: F811
    page = browser.new_page(locale="en-US", viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(e2e.ACTION_TIMEOUT_MS)
    page.add_init_script(RECORD_TOASTS)
    try:
        accepts = [i.get_attribute("accept") for i in file_inputs(open_tab(page, app_url, spec))]
        assert accepts, f"the {spec.slug} tab has no file input"  # every tab today takes a file
        for index, accept in enumerate(accepts):
            panel = open_tab(page, app_url, spec)
            for path in bad_files[extension(accept)]:
                inputs = file_inputs(panel)
                if index >= len(inputs):  # the last file decoded in part and replaced the drop zone
                    panel = open_tab(page, app_url, spec)
                    inputs = file_inputs(panel)
                before = len(page.evaluate("window.__toasts()"))
                inputs[index].set_input_files(path)
                page.wait_for_timeout(800)
                press_every_button(page, panel)
                page.wait_for_timeout(1500)
                shown = page.evaluate("window.__toasts()")[before:]
                where = f"{spec.slug}, file input {index + 1} ({accept}), {path.name}"
                assert shown, f"{where}: nothing told the person what was wrong"
                for text in shown:
                    assert not INTERNALS.search(text), f"{where}: internals shown: {text!r}"
                    assert "\n" not in text and len(text) <= 400, f"{where}: not one short line: {text!r}"
        body = page.locator("body").inner_text()
        assert not INTERNALS.search(body), f"{spec.slug}: internals on the page: {INTERNALS.search(body)[0]!r}"
    finally:
        page.close()


def test_the_browser_message_is_the_apis_in_russian_too(browser, app_url, bad_files):  # noqa: F811
    """The same words as the API gives (tests/test_bad_inputs.py), in the browser's language."""
    classify = next(spec for spec in registered_specs() if spec.slug == "classify")
    page = browser.new_page(locale="ru-RU", viewport={"width": 1280, "height": 720})
    page.add_init_script(RECORD_TOASTS)
    try:
        page.goto(app_url)
        page.get_by_role("tab", name="Классификация", exact=True).click()
        panel = page.locator(f"#tab-{classify.slug}")
        panel.locator("input[type=file]").first.set_input_files(bad_files["png"][0])
        page.wait_for_timeout(800)
        panel.get_by_role("button", name="Классифицировать", exact=True).click()
        e2e.expect(page.get_by_test_id("toast-text").first).to_be_visible()
        assert page.evaluate("window.__toasts()") == [
            "файл не удаётся прочитать как изображение (он повреждён или это не PNG/JPEG/WebP/GIF/BMP/TIFF)."]
    finally:
        page.close()
