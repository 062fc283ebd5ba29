"""What app.py does to every handler of every tab, so that tabs register plain functions.

A tab's ui.py writes `button.click(classify, [image, model], label, api_name="classify")` as
in gradio's own demos. After building the tab, app.py calls serve_plainly(...) on its events,
and each handler then, in this order from the outside in:

1. shows any exception as one clear line (friendly_errors): UserError with its own message,
   anything else as "Something went wrong (...)", logged with its traceback on the server;
2. returns its Markdown result lines in the language of the request (shared/i18n.localize);
3. runs on another machine when its `model` argument names a choice in APP_REMOTE
   (shared/remote.py): public events with a `model` argument (see forwardable);
4. shares results made here: identical inputs (files compared by content) get the stored
   answer, and identical calls that arrive together wait for the first one's answer rather
   than each running the model (gr.cache, bounded: APP_RESULT_CACHE_MB per endpoint, 0 turns
   it off). Thirty students clicking the same example cost one model call; see `cacheable`.

Around all of it, trim_when_idle (shared/memory.py) counts the requests in flight, and the last
one to end hands the heap's free memory back to the kernel.
"""

import functools
import hashlib
import inspect
import logging
import os
import threading

import gradio as gr

from shared.errors import UserError, one_line
from shared.gradio_internals import content_hash, events, parameter_names, replace_event_function
from shared.i18n import localize
from shared.memory import trim_when_idle
from shared.remote import remotable

log = logging.getLogger(__name__)


def serve_plainly(demo: gr.Blocks, slug: str, first: int = 0):
    """Wrap the handlers of the events demo.fns holds from index `first` on (one tab's)."""
    megabytes = float(os.environ.get("APP_RESULT_CACHE_MB", "16"))
    for event in events(demo)[first:]:
        if event.fn is None:
            continue
        fn = event.fn
        if megabytes > 0 and cacheable(event):
            fn = shared_results(fn, megabytes)  # inside the remote routing: only answers made here are kept
        if forwardable(event):
            state_outputs = sum(1 for block in event.outputs if isinstance(block, gr.State))
            fn = remotable(slug, event.api_name, state_outputs)(fn)
        markdown = [i for i, block in enumerate(event.outputs) if isinstance(block, gr.Markdown)]
        if markdown:
            fn = localized(fn, markdown, len(event.outputs))
        fn = trim_when_idle(friendly_errors(fn))
        if event.api_name and event.api_visibility == "public":
            fn.__name__ = event.api_name  # Gradio's MCP server names each tool after its function
        replace_event_function(event, fn)


def forwardable(event) -> bool:
    """A public event with a `model` argument may run elsewhere, unless it updates session state
    it also reads (clip's "my images"): a remote machine cannot keep this session's state."""
    states = [block for block in event.outputs if isinstance(block, gr.State)]
    updates_its_own_state = any(block in event.inputs for block in states)
    return event.api_visibility == "public" and "model" in parameter_names(event) and not updates_its_own_state


def cacheable(event) -> bool:
    """A public event's answer may be shared between people unless it reads session state
    (clip's "my images" differ per person). The handlers are deterministic given their inputs
    (every random one takes a seed)."""
    return event.api_visibility == "public" and not any(isinstance(block, gr.State) for block in event.inputs)


def content_key(arguments: dict):
    """What identifies a call: its arguments, each file by its content (an upload's path
    differs per person), without gr.Progress (a new object per request)."""
    return {name: _by_content(value) for name, value in arguments.items() if not isinstance(value, gr.Progress)}


def _by_content(value):
    if isinstance(value, str) and 0 < len(value) < 4096 and os.path.isfile(value):
        stat = os.stat(value)
        return ("file", _digest(value, stat.st_mtime_ns, stat.st_size))
    if isinstance(value, (list, tuple)):
        return [_by_content(item) for item in value]
    if isinstance(value, dict):
        return {key: _by_content(item) for key, item in value.items()}
    return value


@functools.lru_cache(maxsize=512)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    """A file's SHA-256, read once: each call's key is computed twice (for its lock and by
    gr.cache), and the same example is sent again and again."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def shared_results(fn, megabytes: float = 16):
    """fn behind gr.cache (keyed by content_key, at most `megabytes` of results), with one lock
    per key so that identical calls arriving together run the model once."""
    cached = gr.cache(fn, key=content_key, max_size=64, max_memory=int(megabytes * 2**20))
    signature = inspect.signature(fn)
    locks, guard = {}, threading.Lock()

    def lock_for(args, kwargs) -> threading.Lock:
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = content_hash(content_key(dict(bound.arguments)))
        with guard:
            if len(locks) > 1024:  # forget idle locks now and then
                for name in [name for name, lock in locks.items() if not lock.locked()]:
                    del locks[name]
            return locks.setdefault(key, threading.Lock())

    # Not exposed as `.cache` on the handler: then Gradio's queue would "probe" the cache before
    # queueing, and Gradio 6.31 answers an input refused during that probe (an unknown model, a
    # number out of range) with HTTP 500 instead of the message. So a hit waits its turn in the
    # queue, where it takes no model time.
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def stream(*args, **kwargs):
            with lock_for(args, kwargs):
                yield from cached(*args, **kwargs)

        return stream

    @functools.wraps(fn)
    def once(*args, **kwargs):
        with lock_for(args, kwargs):
            return cached(*args, **kwargs)

    return once


def localized(fn, positions: list[int], outputs: int):
    """fn, with the strings it returns for the outputs at `positions` run through localize()."""

    def translate(result):
        if outputs == 1:
            return localize(result) if isinstance(result, str) else result
        if not isinstance(result, (tuple, list)):
            return result  # gr.skip(), a dict of updates: left as they are
        return type(result)(localize(value) if i in positions and isinstance(value, str) else value
                            for i, value in enumerate(result))

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def stream(*args, **kwargs):
            for result in fn(*args, **kwargs):
                yield translate(result)

        return stream

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return translate(fn(*args, **kwargs))

    return wrapper


def friendly_errors(fn):
    """fn, answering every exception with a gr.Error of one clear line in the person's language.

    UserError (bad input, a model not available) -> its own message. Anything else is a bug:
    logged with its traceback on the server, shown as a short message; the worker lives on.
    Works for plain handlers and for generators (streamed outputs) alike.
    """
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def stream(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except Exception as exc:
                raise as_gr_error(exc, fn) from None

        return stream

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise as_gr_error(exc, fn) from None

    return wrapper


def as_gr_error(exc: Exception, fn) -> gr.Error:
    # Messages are written in English; localize() puts them in the person's language.
    if isinstance(exc, gr.Error):
        exc.message = localize(exc.message)
        return exc
    if isinstance(exc, UserError):
        return gr.Error(localize(str(exc)), print_exception=False)
    log.exception("error in %s", getattr(fn, "__name__", "handler"), exc_info=exc)
    return gr.Error(localize(f"Something went wrong ({type(exc).__name__}: {one_line(exc, 150)}). "
                             "The app is still running: try another input or model."), print_exception=False)
