"""Does every tab fit a projector? Each tab at 1280x720, 1920x1080 and 390x844 (a phone), in
Chromium, against `python app.py` offline: click the first example, press the main button, wait
for the result, then measure. The current checkout and a baseline commit side by side, one run.

    python bench/layout.py                          # HEAD vs the commit before the layout work
    python bench/layout.py --baseline none --shots /tmp/shots   # this checkout only, keep PNGs

Per tab and size it prints:
  height   the page's height in px (one tall column = a lot of scrolling in class)
  fits     "yes" when the main input, the main button and the main result are all inside the
           first screen, with no scrolling at all; else how far below the screen the lowest is
  wide     "no" when the page scrolls sideways (the phone check)
The main input, button and result are those of the tab's apps/<slug>/cases.py BROWSER
(shared.spec.BrowserRun: input, button, result).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import free_port, registered_specs, tab_cases  # noqa: E402

BASELINE = "37db0ea"  # issue 15's last commit: the layout before issue 16's projector work
SIZES = [(1280, 720), (1920, 1080), (390, 844)]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def start_app(folder: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, APP_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", APP_RESULT_CACHE_MB="0")
    process = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=folder, env=env,
                               stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(240):
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.5)
    raise SystemExit(f"the app in {folder} did not start: see {log}")


MEASURE = """([input, button, result]) => {
  const box = el => el ? el.getBoundingClientRect() : null;
  const boxes = [box(input), box(button), box(result)];
  return {height: document.documentElement.scrollHeight,
          wide: document.documentElement.scrollWidth > window.innerWidth + 1,
          bottoms: boxes.map(b => b ? Math.round(b.bottom) : null)};
}"""


def measure(page, url: str, spec, width: int, height: int, shots: Path | None, name: str) -> dict:
    run = tab_cases(spec).BROWSER
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{url}?tab={spec.slug}")
    panel = page.locator(f"#tab-{spec.slug}")
    panel.wait_for(state="visible")
    panel.locator("button.gallery-item, tr.tr-body").first.click()
    time.sleep(2.5)  # the example's files arrive
    button = panel.get_by_role("button", name=run.button, exact=True).first
    button.click()
    labels = panel.page.locator("[data-testid=block-label], [data-testid=block-info]")

    def labelled(label):  # the block whose label (an image's tag, a textbox's title) starts so
        return panel.locator(".block").filter(has=labels.filter(has_text=label)).first

    result = labelled(run.result or next(iter(run.outputs)))
    main_input = labelled(run.input) if run.input else panel.locator(".block:has(input[type=file])").first
    try:
        result.locator("img, .legend-item, textarea, [data-testid=label-output-value]").first.wait_for(
            state="visible", timeout=60_000)
    except Exception:
        pass  # the baseline may label its result otherwise: measured all the same
    time.sleep(1)
    page.evaluate("window.scrollTo(0, 0)")
    handles = [main_input, button, result]
    elements = [h.element_handle(timeout=2000) if h.count() else None for h in handles]
    numbers = page.evaluate(MEASURE, elements)
    if shots:
        page.screenshot(path=shots / f"{name}-{spec.slug}-{width}x{height}.png")
        page.screenshot(path=shots / f"{name}-{spec.slug}-{width}x{height}-full.png", full_page=True)
    bottoms = numbers["bottoms"]
    lowest = max((b for b in bottoms if b is not None), default=None)
    if None in bottoms:
        fits = "n/a"
    else:
        fits = "yes" if lowest <= height else f"+{lowest - height}px"
    return {"height": numbers["height"], "fits": fits, "wide": "no" if numbers["wide"] else "-"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="a commit, or 'none'")
    parser.add_argument("--shots", type=Path, help="keep screenshots in this folder")
    parser.add_argument("--tabs", help="comma-separated slugs (default: every tab)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    specs = [s for s in registered_specs() if not args.tabs or s.slug in args.tabs.split(",")]
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="layout_"))
    apps = {"now": ROOT}
    if args.baseline != "none":
        subprocess.run(["git", "worktree", "add", "--detach", str(scratch / "baseline"), args.baseline],
                       cwd=ROOT, check=True, capture_output=True)
        apps = {"before": scratch / "baseline", "now": ROOT}
    processes, rows = [], {}
    try:
        urls = {}
        for name, folder in apps.items():
            process, urls[name] = start_app(folder, scratch / f"{name}.log")
            processes.append(process)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(locale="en-US")
            page.set_default_timeout(20_000)
            for spec in specs:
                for width, height in SIZES:
                    for name, url in urls.items():
                        rows[spec.slug, width, height, name] = measure(page, url, spec, width, height,
                                                                        args.shots, name)
            browser.close()
    finally:
        for process in processes:
            process.terminate()
        if args.baseline != "none":
            subprocess.run(["git", "worktree", "remove", "--force", str(scratch / "baseline")], cwd=ROOT)
    names = list(apps)
    print("| tab | size | " + " | ".join(f"height {n} | fits {n} | wide {n}" for n in names) + " |")
    print("| --- | --- | " + " | ".join("---: | --- | ---" for _ in names) + " |")
    for spec in specs:
        for width, height in SIZES:
            cells = " | ".join(f"{r['height']} | {r['fits']} | {r['wide']}"
                               for r in (rows[spec.slug, width, height, n] for n in names))
            print(f"| {spec.slug} | {width}x{height} | {cells} |")


if __name__ == "__main__":
    main()
