"""Test set-up shared by every test file.

Tests run offline by design: APP_OFFLINE=1 (no network is touched) and an empty hub cache,
so the embedded models are the defaults and hub models fail with the offline message.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

os.environ["APP_OFFLINE"] = "1"
os.environ["HF_HUB_CACHE"] = tempfile.mkdtemp(prefix="hub-cache-")  # empty: nothing cached
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CLASSIFY_EXAMPLES = ROOT / "apps" / "classify" / "examples"
GRADCAM_EXAMPLES = ROOT / "apps" / "gradcam" / "examples"


# Model names the API tests pass (the dropdowns' display names), in one place: a renamed
# model is one edit here.
EFFICIENTNET = "EfficientNet-Lite0 (embedded)"
FASHION = "Fashion-MNIST CNN (this repo)"
SELFIE = "People · MediaPipe selfie (embedded)"
GATYS = "EfficientNet-Lite0 features (embedded)"
VAE_16D = "Fashion-MNIST VAE · 16-D latent (this repo)"
SD_VAE = "Stable Diffusion VAE · sd-vae-ft-mse (hub)"
REPAINT = "RePaint · Fashion-MNIST DDPM (this repo)"
TINY_EN = "Whisper tiny.en · faster-whisper int8 (embedded)"
CLIP = "Class bridge · EfficientNet-Lite0 + MiniLM + WordNet (this repo)"

def tab_cases(spec):
    """A tab's apps/<slug>/cases.py: what the suite-wide tests need to know about it."""
    import importlib

    package = spec.build_ui.__module__.rpartition(".")[0]  # apps.<folder>
    try:
        return importlib.import_module(f"{package}.cases")
    except ModuleNotFoundError:
        pytest.fail(f"{package.replace('.', '/')}/cases.py is missing: copy apps/_template/cases.py and "
                    "fill it in (one valid call per endpoint, and how the browser test runs the tab)",
                    pytrace=False)


def registered_specs(with_template: bool = False) -> list:
    from apps import REGISTRY

    if not with_template:
        return list(REGISTRY)
    from apps._template import SPEC

    return [*REGISTRY, SPEC]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_tab(spec):
    """One tab alone in a gr.Blocks, launched on a free port; yields a gradio_client Client.
    For API tests of a single demo (tests/test_api.py launches the whole app instead)."""
    import gradio as gr

    from shared.handlers import serve_plainly

    with gr.Blocks() as demo:
        with gr.Tab(spec.title, id=spec.slug):  # the tab's id is its slug, as in app.py
            spec.build_ui()
    serve_plainly(demo, spec.slug)  # what app.py does to every tab's handlers
    with serve_demo(demo) as client:
        yield client


@contextmanager
def serve_demo(demo, **launch_options):
    """Launch `demo` on a free loopback port; yield a gradio_client Client; close it after."""
    from gradio_client import Client

    port = free_port()
    demo.launch(server_port=port, prevent_thread_lock=True, quiet=True, **launch_options)
    try:
        yield Client(f"http://127.0.0.1:{port}/", verbose=False)
    finally:
        demo.close()


@contextmanager
def running_app(log: Path, env: dict, timeout_s: float):
    """`python app.py` in its own process on a free loopback port, output to `log`; yields its
    URL once it answers (a failed test with the log's end if it exits or stays silent for
    `timeout_s`); always stops it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                pytest.fail(f"app exited with code {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"app did not answer at {url} within {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield url
    finally:  # always stop the app, even when the start failed
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def require(condition: bool, reason: str, strict_env: str):
    """Skip when an optional test resource is missing, but fail where CI sets `strict_env`=1."""
    if condition:
        return
    if os.environ.get(strict_env) == "1":
        pytest.fail(f"{reason} (required because {strict_env}=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def tiny_timm_folders(tmp_path_factory):
    """Local folders laid out like timm hub repos (config.json + model.safetensors) holding
    tiny random models of the three hub families: the hub code path, tested offline."""
    import timm
    from timm.models import save_for_hf

    folders = {}
    for arch in ("test_convnext", "test_resnet", "test_vit"):
        folder = tmp_path_factory.mktemp(arch)
        save_for_hf(timm.create_model(arch, pretrained=False), folder, safe_serialization=True)
        folders[arch] = folder
    return folders
