"""The System tab and `python app.py --prefetch`: what a lecturer checks before class."""

import hashlib
import os
from pathlib import Path

import pytest

from apps import REGISTRY
from shared import system
from shared.classifiers import CHOICES as CLASSIFIERS
from shared.models import CACHE


def test_report_says_which_models_work_offline():
    text = system.report(REGISTRY)
    assert "**Mode**: offline" in text and "torch" in text and "gradio 6" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == sum(len(spec.models) for spec in REGISTRY)
    embedded = [r for r in rows if "| embedded |" in r]
    assert embedded and all("| yes |" in r for r in embedded)
    hub = [r for r in rows if "| hub `" in r]
    assert hub and all("--prefetch" in r for r in hub)  # the test hub cache is empty


def test_prefetch_fetches_each_hub_repo_once_and_goes_on_after_a_failure(monkeypatch):
    calls = []

    def fake_snapshot_download(repo_id, revision=None, allow_patterns=None):
        calls.append(repo_id)
        assert any("safetensors" in p for p in allow_patterns)
        assert not any(p.endswith((".bin", ".py", ".h5")) for p in allow_patterns)
        if repo_id == "timm/resnet50.a1_in1k":
            raise OSError("network is unreachable")
        return f"/cache/{repo_id}"

    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    said = []
    failed = system.prefetch(REGISTRY, say=said.append)
    hub_ids = {repo for _, choice in system.hub_choices(REGISTRY) for repo, _, _ in choice.repos}
    assert sorted(calls) == sorted(hub_ids)  # classify and gradcam share models: fetched once
    assert "latent-consistency/lcm-lora-sdv1-5" in calls  # an extra repo a loader reads
    assert failed == ["timm/resnet50.a1_in1k"] and any("FAILED" in line for line in said)


def put_in_hub_cache(cache: Path, repo_id: str, folder: Path, revision: str = "main"):
    """Lay out `folder`'s files as huggingface_hub's cache does after a download: blobs named
    by hash, a snapshot of symlinks, and refs/<revision> naming the snapshot."""
    repo = cache / f"models--{repo_id.replace('/', '--')}"
    pinned = len(revision) == 40 and all(c in "0123456789abcdef" for c in revision)
    commit = revision if pinned else "0" * 40  # a commit hash names its snapshot itself
    if not pinned:  # a branch or a pull request's ref (refs/pr/4)
        (repo / "refs" / revision).parent.mkdir(parents=True, exist_ok=True)
        (repo / "refs" / revision).write_text(commit)
    for file in (f for f in folder.rglob("*") if f.is_file()):  # subfolders too (a diffusers pipeline)
        blob = repo / "blobs" / hashlib.sha256(file.read_bytes()).hexdigest()
        blob.parent.mkdir(parents=True, exist_ok=True)
        blob.write_bytes(file.read_bytes())
        link = repo / "snapshots" / commit / file.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(os.path.relpath(blob, link.parent), link)


def test_a_prefetched_hub_model_loads_with_the_network_off(tmp_path, monkeypatch, tiny_timm_folders):
    """After --prefetch the hub models are in the cache, and offline mode reads them from there.
    A tiny random ConvNeXt stands in for the real download (the hub is out of reach here)."""
    from apps.classify.model import predict
    from PIL import Image

    import huggingface_hub.constants as constants

    cache = tmp_path / "hub"
    convnext = next(c for c in CLASSIFIERS if c.name == "ConvNeXt-Tiny (hub)")
    put_in_hub_cache(cache, convnext.hub_id, tiny_timm_folders["test_convnext"], revision=convnext.revision)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    try:
        result = predict(Image.new("RGB", (64, 64), "white"), convnext.name, top_k=3)
    finally:
        CACHE.clear()  # the stand-in must not serve later tests that expect the offline message
    assert len(result.probs) == 3
    monkeypatch.setattr(system, "cached_repos", lambda: {convnext.hub_id: 1234567})
    assert "yes (cached, 1 MiB)" in system.report(REGISTRY)
