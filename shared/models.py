"""Model choices and the model cache shared by every demo.

A demo lists its choices in order of preference. A choice is either a hub model (repo id and
pinned revision) or an embedded one (a file under models/ or a weights-carrying pip package).
Online the first hub choice is the default; offline the first embedded one is.

Models load lazily, on first use, and stay resident in a small LRU cache keyed by
(choice, device, dtype). A loaded model is used by one request at a time (`with
CACHE.use(choice) as model:`): PyTorch modules with hooks (Grad-CAM) are not re-entrant.

A loader that crashes (a broken download, a missing optional package) is remembered: for
RETRY_AFTER seconds every request for that model gets the same clear message at once instead
of another slow failing load, and the model picker marks it unavailable with the reason.
"""

import gc
import logging
import os
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable

from shared.device import TORCH_THREADS, pick_device, pick_dtype
from shared.errors import UserError, one_line, quoted
from shared.hub import is_offline

log = logging.getLogger(__name__)
RETRY_AFTER = 300.0  # seconds before a model that failed to load is tried again


@dataclass(frozen=True)
class ModelChoice:
    """One entry of a demo's model dropdown.

    loader(device, dtype) returns the ready model (any object: a module, a session, a bundle).
    hub_id is None for an embedded model that installs with the project.
    """

    name: str
    loader: Callable[[str, str], Any]
    hub_id: str | None = None
    revision: str | None = None
    allow_fp16: bool = False
    about: str = ""
    needs_gpu: bool = False  # too slow to be the default on a CPU (minutes per answer)
    # The hub files its loader reads, for a Space's `preload_from_hub` (scripts/deploy_space.py
    # writes the defaults' into README.md): fetched while the Space builds, not by its first
    # visitor. () where the repo's file list could not be checked: then nothing is preloaded.
    files: tuple[str, ...] = ()
    # Other hub repos the loader reads (an adapter, a smaller VAE): (repo id, revision, files).
    # --prefetch caches them too, and the System tab checks them.
    extra: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def embedded(self) -> bool:
        return self.hub_id is None

    @property
    def repos(self) -> list[tuple[str, str | None, tuple[str, ...]]]:
        """Every hub repo its loader reads, as (repo id, revision, files): its own, then `extra`."""
        return [(self.hub_id, self.revision, self.files), *self.extra]


def default_choice(choices: list[ModelChoice]) -> ModelChoice:
    """Online: the first hub model. Offline: the first embedded model. Without a GPU, models
    marked needs_gpu are never the default (a free CPU Space would take minutes per answer)."""
    usable = [c for c in choices if not (c.needs_gpu and pick_device() == "cpu")] or choices
    wanted = [c for c in usable if c.embedded == is_offline()]
    return (wanted or usable)[0]


def find_choice(choices: list[ModelChoice], name: str | None,
                own: Callable[[str], ModelChoice | None] | None = None) -> ModelChoice:
    """The choice called `name` (None or '' means the default); else, where the tab lets people
    type their own model, own(name) (a hub id -> a choice that loads it); a clear error otherwise."""
    if not name:
        return default_choice(choices)
    for choice in choices:
        if choice.name == name:
            return choice
    typed = own(name) if own else None
    if typed is not None:
        return typed
    names = ", ".join(repr(c.name) for c in choices)
    raise UserError(f"unknown model {quoted(name)}; choose one of: {names}")


def status_line(choices: list[ModelChoice], selected: str | None = None) -> str:
    """One Markdown line that tells the person which mode the app is in, which model the
    dropdown has picked (`selected`; None: the default) and which models failed to load."""
    picked = next((c for c in choices if c.name == selected), None) if selected else default_choice(choices)
    if picked is None:  # a name APP_REMOTE added (shared/remote.py), or a hub id the person typed
        line = f"*{selected}*: a model you typed (a hub id), or one served remotely (APP_REMOTE)."
    elif is_offline() and picked.embedded:
        line = (f"**Offline mode**: using the embedded model *{picked.name}*. "
                "Hub models work only if they are already in the local cache.")
    elif is_offline():
        line = f"**Offline mode**: *{picked.name}* works only if it is already in the local cache."
    elif picked.embedded:
        line = f"**Online**: using the embedded model *{picked.name}*."
    else:
        line = f"**Online**: using *{picked.name}* from the Hugging Face hub."
    for choice in choices:
        reason = CACHE.unavailable(choice.name)
        if reason:
            line += f" **Unavailable**: *{choice.name}* ({reason}; tried again within {RETRY_AFTER / 60:.0f} min)."
    return line


class _Entry:
    def __init__(self):
        self.model = None
        self.lock = threading.Lock()  # held while loading and while a request uses the model


class ModelCache:
    """LRU cache of loaded models, bounded by `max_models` (env MAX_MODELS, default 8: the
    offline tabs in use need 6 at once; with 4 a 50-user load test reloaded models ~150 times
    a run)."""

    def __init__(self, max_models: int = 4):
        self.max_models = max_models
        self._entries: OrderedDict[tuple, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[float, str]] = {}  # name -> (when, reason)

    def _entry(self, key: tuple) -> _Entry:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                entry = self._entries[key] = _Entry()
            self._entries.move_to_end(key)
            self._evict()
            return entry

    def _evict(self):
        # Only evict entries nobody is using right now (their lock is free).
        for key in list(self._entries)[:-1]:
            if len(self._entries) <= self.max_models:
                break
            entry = self._entries[key]
            if entry.lock.acquire(blocking=False):
                del self._entries[key]
                entry.model = None
                entry.lock.release()
                log.info("evicted model %s", key)
                _free_memory(key[1])

    @contextmanager
    def use(self, choice: ModelChoice, device: str | None = None):
        """Yield the loaded model for `choice`, loading it first if needed, one user at a time."""
        device = device or pick_device()
        dtype = pick_dtype(device, choice.allow_fp16)
        entry = self._entry((choice.name, device, dtype))
        with entry.lock, TORCH_THREADS.running():  # threads follow the load (shared/device.py)
            if entry.model is None:
                entry.model = self._load(choice, device, dtype)
            yield entry.model

    def _load(self, choice: ModelChoice, device: str, dtype: str):
        """Load, unless this model failed less than RETRY_AFTER seconds ago: then the same message."""
        reason = self.unavailable(choice.name)
        if reason:
            raise load_failed(choice.name, reason)
        try:
            model = _load(choice, device, dtype)
        except LoadFailed as exc:
            self._failures[choice.name] = (time.monotonic(), exc.reason)
            raise
        self._failures.pop(choice.name, None)
        return model

    def unavailable(self, name: str) -> str | None:
        """Why the model called `name` failed to load (its exception, one line), if it did lately."""
        when, reason = self._failures.get(name, (None, None))
        if when is None or time.monotonic() - when >= RETRY_AFTER:
            return None
        return reason

    def clear(self):
        """Forget every loaded model (benchmarks use it to time a cold first call)."""
        with self._lock:
            self._entries.clear()
            self._failures.clear()
        _free_memory(pick_device())

    def loaded(self) -> list[tuple]:
        with self._lock:
            return [key for key, entry in self._entries.items() if entry.model is not None]


class LoadFailed(UserError):
    """A model's loader crashed. reason: the exception in one line, e.g. "ImportError: No module named 'x'"."""

    reason = ""


def load_failed(name: str, reason: str) -> LoadFailed:
    exc = LoadFailed(f"model {name!r} could not be loaded ({reason}). "
                     "Pick another model; the rest of the app keeps working.")
    exc.reason = reason
    return exc


def _load(choice: ModelChoice, device: str, dtype: str):
    log.info("loading %s on %s (%s)", choice.name, device, dtype)
    try:
        return choice.loader(device, dtype)
    except UserError:
        raise
    except Exception as exc:  # a broken download, a missing optional package, ...
        log.exception("loading %s failed", choice.name)
        raise load_failed(choice.name, f"{type(exc).__name__}: {one_line(exc, 120)}") from exc


def _free_memory(device: str):
    gc.collect()
    if device == "cuda":
        import torch

        torch.cuda.empty_cache()


CACHE = ModelCache(max_models=int(os.environ.get("MAX_MODELS", "8")))
