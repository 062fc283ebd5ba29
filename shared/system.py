"""What a lecturer checks before class: device, versions, which models are loaded, which work
offline, how big the caches are; and `prefetch`, which caches every hub model ahead of time.

`python app.py --prefetch` calls prefetch(); the app's System tab shows report().
"""

import importlib.metadata
import os
import platform
from pathlib import Path

from shared import background
from shared.device import cores, cpu_threads, pick_device
from shared.hub import is_offline
from shared.models import CACHE, ModelChoice
from shared.remote import describe as remote_models

PACKAGES = ["torch", "gradio", "diffusers", "transformers", "timm", "huggingface-hub", "onnxruntime",
            "faster-whisper", "open-clip-torch", "faiss-cpu"]
# What a model repo needs to run here: configs, safetensors weights, tokenizers. No pickles,
# no code (we never trust_remote_code), no other frameworks' copies of the weights.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.txt", "*.model", "*.tiktoken", "tokenizer*", "vocab*", "merges*"]


def hub_choices(registry) -> list[tuple[str, ModelChoice]]:
    """(tab slug, choice) for every model that comes from the hub (not a local folder)."""
    return [(spec.slug, choice) for spec in registry for choice in spec.models
            if choice.hub_id and not Path(choice.hub_id).is_dir()]


def cached_repos() -> dict[str, int]:
    """repo id -> bytes on disk, for every model repo in the local hub cache."""
    from huggingface_hub import constants, scan_cache_dir

    try:  # the cache folder named now (scan_cache_dir's default is the one at its import)
        return {repo.repo_id: repo.size_on_disk for repo in scan_cache_dir(constants.HF_HUB_CACHE).repos}
    except Exception:  # no cache folder yet
        return {}


def prefetch(registry, say=print) -> list[str]:
    """Download every hub model of every tab into the local cache (at its pinned revision).
    Returns the repo ids that failed; the others then load with the network off."""
    from huggingface_hub import snapshot_download

    failed, seen = [], set()
    for slug, choice in hub_choices(registry):
        for repo, revision, files in choice.repos:
            if (repo, revision, files) in seen:  # classify and gradcam share their models
                continue
            seen.add((repo, revision, files))
            say(f"[{slug}] {choice.name}: {repo}@{revision or 'main'} ...")
            try:  # the files its loader reads where the choice names them, else every usable file
                path = snapshot_download(repo, revision=revision, allow_patterns=list(files) or ALLOW_PATTERNS)
                say(f"    ok: {path}")
            except Exception as exc:  # one unreachable repo must not stop the others
                say(f"    FAILED: {type(exc).__name__}: {exc}")
                failed.append(repo)
    return list(dict.fromkeys(failed))


def missing_files(choice: ModelChoice) -> list[str]:
    """The files the choice names (its own and its extra repos') that are not in the local hub
    cache at their revision: its loader would need the network for them."""
    from huggingface_hub import try_to_load_from_cache

    return [name if repo == choice.hub_id else f"{repo}/{name}"
            for repo, revision, files in choice.repos for name in files
            if not isinstance(try_to_load_from_cache(repo, name, revision=revision), str)]


def threads_line() -> str:
    if os.environ.get("APP_CPU_THREADS"):
        return f"{cpu_threads()} CPU thread(s) per request (APP_CPU_THREADS)"
    return "PyTorch threads follow the load (all cores for a lone request, shared while several run)"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) if Path(path).is_dir() else 0


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def report(registry) -> str:
    """The System tab's Markdown: machine, mode, versions, every model's offline readiness."""
    from huggingface_hub.constants import HF_HUB_CACHE

    cached = cached_repos()
    loaded = {name for name, _, _ in CACHE.loaded()}
    lines = [
        f"**Mode**: {'offline (embedded models by default)' if is_offline() else 'online (hub models by default)'}  ",
        f"**Device**: {pick_device()} · {threads_line()} · {cores()} cores · "
        f"Python {platform.python_version()} on {platform.system()}  ",
        "**Versions**: " + ", ".join(f"{k} {v}" for k, v in versions().items()) + "  ",
        f"**Hub cache** `{HF_HUB_CACHE}`: {sum(cached.values()) / 2**20:.0f} MiB in {len(cached)} repos",
        "", "| tab | model | source | works offline | loaded |", "| --- | --- | --- | --- | --- |",
    ]
    for spec in registry:
        for choice in spec.models:
            if choice.embedded:
                source, ready = "embedded", "yes"
            else:
                size = cached.get(choice.hub_id)
                source = f"hub `{choice.hub_id}`"
                if not size:
                    ready = "no: run `python app.py --prefetch`"
                elif missing := missing_files(choice):  # a cached repo without the weights its loader reads
                    ready = f"no: {', '.join(missing)} not cached; run `python app.py --prefetch`"
                else:
                    ready = f"yes (cached, {size / 2**20:.0f} MiB)"
            state = "yes" if choice.name in loaded else ""
            if CACHE.unavailable(choice.name):  # its loader crashed lately (shared/models.py)
                state = f"failed: {CACHE.unavailable(choice.name)}"
            lines.append(f"| {spec.slug} | {choice.name} | {source} | {ready} | {state} |")
    tasks = [f"- {task.line()}" for task in background.TASKS.values()]  # started at launch
    if tasks:
        lines += ["", "**Background work since start**:", *tasks]
    return "\n".join(lines + remote_models())  # choices served by another machine (APP_REMOTE)
