"""Every place this app reaches into Gradio's internals, in one module. Nothing else does.

Each piece says what it works around and where upstream stands. They were written against
the Gradio in TESTED_WITH; check_version() stops the app at start-up on any other version
(APP_ANY_GRADIO=1 overrides), because any of them may break silently on an upgrade.
tests/test_gradio_internals.py, and the tests it names, exercise each one, so an upgrade
shows which broke.

Prefer Gradio's public API wherever it does the job: component subclasses marked
`is_template` (shared/components.py), gr.cache, gr.Progress, gr.I18n, gr.Error.
"""

import inspect
import os
import tempfile
from importlib.metadata import version
from pathlib import Path

import gradio as gr
from gradio import processing_utils
from gradio.context import LocalContext

TESTED_WITH = "6.31.0"


def check_version():
    """Stop with one clear line when the installed Gradio is not the one this module was tested with."""
    installed = version("gradio")
    if installed != TESTED_WITH and os.environ.get("APP_ANY_GRADIO") != "1":
        raise SystemExit(f"this app was tested with gradio=={TESTED_WITH}, but {installed} is installed: "
                         f"pip install -r requirements.txt, or set APP_ANY_GRADIO=1 to try anyway "
                         "(shared/gradio_internals.py lists what may break).")


# --- 1. Output images cached atomically ---------------------------------------------------------
# Gradio names a cached output image after its content and writes it in place: when two users
# get the same image at once (the same example), one request can serve the file while another
# rewrites it, and the browser gets a cut-off image (bench/load_test.py: ~0.3 % of calls under
# 50 users). No upstream issue found (searched 2026-12-06). Here the bytes go to a temporary
# file in the same folder, and os.replace swaps it in whole.

def _save_pil_to_cache(img, cache_dir: str, name: str = "image", format: str = "webp") -> str:
    data = processing_utils.encode_pil_to_bytes(img, format)
    folder = Path(cache_dir) / processing_utils.hash_bytes(data)
    folder.mkdir(exist_ok=True, parents=True)
    target = (folder / f"{name}.{format}").resolve()
    fd, staging = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(staging, target)
    return str(target)


def cache_images_atomically():
    processing_utils.save_pil_to_cache = _save_pil_to_cache


# --- 2. Has Gradio dropped this event? (Stop, Job.cancel()) --------------------------------------
# Gradio stops a generator only between two yields and a plain function not at all (upstream
# gradio-app/gradio#8503, #6724); it has no public "was I cancelled?" flag. Its queue's list of
# running jobs loses a cancelled event at once, so shared/jobs.py asks that list.

def current_event() -> tuple[object, str | None]:
    """(the running Blocks' queue, this event's id), or (None, None) outside an event."""
    return getattr(LocalContext.blocks.get(None), "_queue", None), LocalContext.event_id.get(None)


def is_running(queue, event_id: str) -> bool:
    return event_id in [event._id for job in list(queue.active_jobs) if job for event in job]


# --- 3. Cross-cutting behaviour for every event (app.py) -----------------------------------------
# Gradio has no middleware for event functions; app.py wraps each tab's handlers once (friendly
# errors, APP_REMOTE, translated results) so that tabs can register plain functions. The wrapper
# keeps the signature (functools.wraps) and generator-ness, which is all Gradio read from it.

def replace_event_function(event, fn):
    """Make a registered event (an entry of demo.fns) call `fn` instead of its own function."""
    event.fn = fn


def events(demo: gr.Blocks) -> list:
    """Every registered event of `demo`, in the order they were made."""
    return list(demo.fns.values())


def parameter_names(event) -> list[str]:
    """The handler's parameter names, one per input, as the API documents them."""
    return list(inspect.signature(event.fn).parameters)


def tab_being_built() -> str | None:
    """The id of the gr.Tab whose `with` block is open (app.py gives each tab its slug), or None.
    Gradio keeps the open block in gradio.context, which it documents nowhere."""
    block = gr.context.Context.block
    while block is not None and not isinstance(block, gr.Tab):
        block = block.parent
    return getattr(block, "id", None)


# --- 3b. gr.cache's content hash ---------------------------------------------------------------
# shared/handlers.py keys its one-lock-per-call on the very hash gr.cache keys its results on
# (PIL images, arrays and dicts hashed by content); Gradio exports gr.cache but not the hash.

def content_hash(value) -> str:
    from gradio.caching import cache_hash

    return cache_hash(value)


# --- 4. localize() inside input checks -------------------------------------------------------
# Gradio runs a component's preprocess (our image and number checks) before the handler, while
# LocalContext.request is still unset, so a message made there could not know the person's
# language. No upstream issue found (searched 2026-12-06). Set it for the whole event.

def know_the_request_in_preprocess(demo: gr.Blocks):
    process_api = demo.process_api

    async def process_api_knowing_the_request(*args, **kwargs):
        request = kwargs.get("request")
        token = LocalContext.request.set(request[0] if isinstance(request, list) and request else request)
        try:
            return await process_api(*args, **kwargs)
        finally:
            LocalContext.request.reset(token)

    demo.process_api = process_api_knowing_the_request


def request_headers() -> dict:
    """The headers of the request being handled ({} outside an event)."""
    request = LocalContext.request.get(None)
    return getattr(request, "headers", None) or {}


# --- 5. Examples tables: no untranslated header row ----------------------------------------------
# Gradio 6.31 shows an examples table's header as the raw i18n key ("__i18n__{...}") instead
# of the translated label. No upstream issue found (searched 2026-12-06). The inputs right
# above carry the same labels, translated, so the header row is dropped.

def drop_translated_example_headers(demo: gr.Blocks):
    from gradio.i18n import I18nData

    for block in demo.blocks.values():
        if isinstance(block, gr.Dataset) and any(isinstance(h, I18nData) for h in block.headers or []):
            block.headers = []


# --- 6. Input checks that name the argument -------------------------------------------------------
# Gradio refuses a slider value out of range or a dropdown value not among its choices, but the
# message names no input and quotes the value whole (a 10,000-character model name comes back
# whole), and NaN and infinity pass its range check. No upstream issue found (searched
# 2026-12-06), and no public hook runs before preprocess (an event's validator= runs after it).

def wrap_preprocess(component, check):
    """Run check(payload, gradio_preprocess) instead of the component's own preprocess."""
    gradio_preprocess = component.preprocess
    component.preprocess = lambda payload: check(payload, gradio_preprocess)  # this instance only
