"""Deep learning, live: one Gradio app, one tab per demo of apps.REGISTRY.

    python app.py                 # http://127.0.0.1:7860
    python app.py --port 8000     # or GRADIO_SERVER_PORT=8000; --host / GRADIO_SERVER_NAME
    APP_OFFLINE=1 python app.py   # force the embedded models (no network needed at all)
    PRELOAD=1 python app.py       # load every tab's default model at start (ZeroGPU, demos)
    python app.py --prefetch      # before class: cache every hub model, then exit
"""

import argparse
import logging
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no telemetry unless asked for

from shared.memory import tune_memory  # noqa: E402

tune_memory()  # before torch is imported and any thread allocates: see shared/memory.py

from shared.gradio_internals import cache_images_atomically, check_version, events  # noqa: E402

check_version()  # shared/gradio_internals.py was written against one Gradio: stop on another

import gradio as gr  # noqa: E402

from apps import REGISTRY  # noqa: E402
from shared.device import configure_cpu_threads  # noqa: E402
from shared.handlers import serve_plainly  # noqa: E402
from shared.i18n import browser_i18n, finish_translation, localize, t  # noqa: E402
from shared.layout import CSS, LOAD_JS, header, lecture_bar  # noqa: E402
from shared.links import copy_link_button, wire_links  # noqa: E402
from shared.models import CACHE, default_choice  # noqa: E402
from shared.system import prefetch, report  # noqa: E402
from shared.ui import guard_inputs  # noqa: E402

TITLE = "Deep learning, live"


def build_demo(registry=REGISTRY) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        header(TITLE, "Core ideas of a deep-learning course, one tab each. Every tab works offline on "
                      "embedded models; online it uses hub models.")  # with the presenter-mode toggle
        links = {}  # slug -> the components a deep link may set (shared/links.py)
        with gr.Tabs() as tabs:
            for spec in registry:
                with gr.Tab(t(spec.title, context="tab"), id=spec.slug, elem_id=f"tab-{spec.slug}"):
                    link_button, link_box = lecture_bar(spec)  # the lecture text, folded; "Copy link"
                    first_event = len(events(demo))
                    link = spec.build_ui()
                    # Errors as one clear line, results in the person's language, APP_REMOTE,
                    # results shared between people: done here for every handler of the tab
                    # (shared/handlers.py), so that tabs register plain functions.
                    serve_plainly(demo, spec.slug, first_event)
                    if link is not None:
                        links[spec.slug] = link
                        copy_link_button(spec.slug, link, link_button, link_box)
                    else:
                        link_button.visible = False
            with gr.Tab(t("System"), id="system", elem_id="tab-system") as system_tab:
                system_panel(registry, system_tab)
        wire_links(demo, tabs, links)  # ?tab=...&example=...&model=...&seed=...&run=1
    guard_inputs(demo)  # out-of-range numbers, unknown choices: one short line naming the argument
    finish_translation(demo)  # what gr.I18n misses: examples tables' headers, input checks' messages
    # Each event sets its own concurrency_limit; the queue bounds how many may wait.
    demo.queue(max_size=int(os.environ.get("APP_QUEUE_SIZE", "64")), default_concurrency_limit=1)
    return demo


def system_panel(registry, tab: gr.Tab):
    """Is this machine ready for class? Device, versions, and every model's offline readiness."""
    gr.Markdown(t("Before a lecture without Wi-Fi, run `python app.py --prefetch` once with the network "
                  "on: it caches every hub model, and afterwards the app serves them offline too."))
    refresh = gr.Button(t("Refresh"))
    info = gr.Markdown(elem_id="system-report")

    def system():
        """Is this app ready to serve? The device, library versions, and for every tab's models whether they load offline now.

        Returns:
            a Markdown report.
        """
        return localize(report(registry))

    refresh.click(system, None, info, api_name="system")
    tab.select(system, None, info, api_visibility="private")  # fresh on every visit


def preload(registry=REGISTRY):
    """Load every tab's default model now rather than on first use (and keep them all: the
    cache must hold at least one model per tab, or the last tabs would evict the first)."""
    CACHE.max_models = max(CACHE.max_models, sum(1 for spec in registry if spec.models))
    for spec in registry:
        if spec.models:
            with CACHE.use(default_choice(spec.models)):
                pass


cache_images_atomically()  # a Gradio race under load (shared/gradio_internals.py)
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
configure_cpu_threads()
demo = build_demo()  # module-level, as Hugging Face Spaces and `gradio app.py` expect
# Options every launch uses (python app.py, the tests): uploads capped, errors shown as text,
# the UI in the browser's language (shared/i18n.py: the catalogues and what building the page
# added). Gradio keeps each browser session's copy of the page's settings (~0.9 MB here,
# measured) for its 10,000 most recent sessions: up to 9 GB on a busy Space. APP_SESSIONS
# (default 500, ~450 MB) bounds it; the oldest session beyond it starts afresh on its next click.
LAUNCH_OPTIONS = {"max_file_size": os.environ.get("APP_MAX_FILE_SIZE", "20mb"), "show_error": True,
                  "i18n": browser_i18n(), "state_session_capacity": int(os.environ.get("APP_SESSIONS", "500")),
                  "css": CSS, "js": LOAD_JS,  # the projector layout and presenter mode: shared/layout.py
                  # Gradio's MCP server: every public endpoint is a tool for an AI assistant, described by
                  # its handler's docstring, at /gradio_api/mcp/ (APP_MCP=0 turns it off)
                  "mcp_server": os.environ.get("APP_MCP", "1") != "0"}
if os.environ.get("PRELOAD") == "1":
    preload()


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    parser.add_argument("--share", action="store_true", help="ask Gradio for a public share link")
    parser.add_argument("--prefetch", action="store_true",
                        help="download every hub model into the local cache, then exit (needs the network)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.prefetch:
        failed = prefetch(REGISTRY)
        raise SystemExit(f"could not fetch: {', '.join(failed)}" if failed else 0)
    for spec in REGISTRY:
        if spec.warm_up:
            spec.warm_up()  # e.g. clip embeds its gallery for the hub model in the background
    demo.launch(server_name=args.host, server_port=args.port, share=args.share, **LAUNCH_OPTIONS)


if __name__ == "__main__":
    main()
