"""Model choices served by another machine (shared/remote.py, APP_REMOTE).

The Gradio route is tested against a real second instance of this app (`python app.py`,
offline, on loopback): its answers come back through the decorated handlers and through a
launched first instance. The Inference Providers route is a PROTOCOL test, not a model test:
a small local HTTP stand-in speaks the provider's request and response format (the hub is out
of reach here), and the test checks what was sent and how the answer reaches the tab.
"""

import base64
import io
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import gradio as gr
import numpy as np
import pytest
from gradio_client import Client, handle_file
from PIL import Image

from conftest import (CLASSIFY_EXAMPLES, EFFICIENTNET, FASHION, ROOT, SELFIE, TINY_EN, VAE_16D, free_port,
                      running_app)
from shared import remote
from shared.remote_space import DOWNLOADS

CHELSEA = str(CLASSIFY_EXAMPLES / "chelsea.jpg")
SPEECH = str(ROOT / "apps" / "asr" / "examples" / "librivox_dashwood.wav")
PORTRAIT = str(ROOT / "apps" / "segment" / "examples" / "grace_hopper.jpg")
VAE = ROOT / "apps" / "vae" / "examples"
CATS = {"tabby", "tiger cat", "Egyptian cat"}
# Names this instance does not have: only the second instance can answer to them.
LITE0_THERE = "EfficientNet-Lite0 · second instance"
TINY_THERE = "Whisper tiny.en · second instance"
SELFIE_THERE = "MediaPipe selfie · second instance"


@pytest.fixture(scope="module")
def second():
    """A second instance of this app, its own process on a free loopback port, no APP_REMOTE."""
    env = {**os.environ, "APP_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("APP_REMOTE", None)
    with running_app(Path(os.environ["HF_HUB_CACHE"]) / "second.log", env, timeout_s=180) as url:
        yield url


@pytest.fixture(autouse=True)
def fresh_config():
    remote.routes.cache_clear()
    yield
    remote.routes.cache_clear()  # monkeypatch restores APP_REMOTE after this


def configure(monkeypatch, config: dict):
    monkeypatch.setenv("APP_REMOTE", json.dumps(config))
    remote.routes.cache_clear()


def loaded_there(url: str, tab: str, model: str) -> bool:
    """Whether the second instance's System report says it has `model` loaded."""
    report = Client(url, verbose=False).predict(api_name="/system")
    row = next(line for line in report.splitlines() if line.startswith(f"| {tab} | {model} |"))
    return row.rstrip().endswith("| yes |")


# --- configuration -------------------------------------------------------------------------

def test_config_is_inline_json_or_a_json_or_yaml_file(tmp_path, monkeypatch):
    config = {"classify": {"Big · lab GPU": {"space": "me/big", "model": EFFICIENTNET, "hf_token": "LAB_TOKEN",
                                             "timeout": 30}},
              "asr": {"Whisper · providers": {"provider": "hf-inference", "model": "openai/whisper-large-v3"}}}
    (tmp_path / "remote.json").write_text(json.dumps(config))
    (tmp_path / "remote.yaml").write_text(
        "classify:\n  Big · lab GPU: {space: me/big, model: EfficientNet-Lite0 (embedded), "
        "hf_token: LAB_TOKEN, timeout: 30}\n"
        "asr:\n  Whisper · providers: {provider: hf-inference, model: openai/whisper-large-v3}\n")
    found = []
    for value in (json.dumps(config), str(tmp_path / "remote.json"), str(tmp_path / "remote.yaml")):
        configure(monkeypatch, {})
        monkeypatch.setenv("APP_REMOTE", value)
        found.append(remote.routes())
    assert found[0] == found[1] == found[2]
    big = remote.route_for("classify", "Big · lab GPU")
    assert (big.space, big.model, big.timeout, big.where) == ("me/big", EFFICIENTNET, 30, "me/big")
    monkeypatch.setenv("LAB_TOKEN", "hf_secret")
    assert big.token() == "hf_secret"  # the config names the variable, never the token
    assert remote.route_for("classify", EFFICIENTNET) is None  # not configured: runs here
    assert remote.new_names("classify", [EFFICIENTNET]) == ["Big · lab GPU"]
    assert remote.new_names("classify", ["Big · lab GPU"]) == []


@pytest.mark.parametrize("config, message", [
    ({"classify": {"x": {"space": "a/b", "provider": "auto"}}}, 'either "space" or "provider"'),
    ({"classify": {"x": {"provider": "auto"}}}, '"provider" needs "model"'),
    ({"classify": {"x": {"space": "a/b", "api": "/x"}}}, "expected an object with keys"),
    ({"gradcam": {"x": {"provider": "auto", "model": "a/b"}}}, "no task for the gradcam tab"),
    ({"classify": ["x"]}, "expected {tab slug"),
])
def test_config_mistakes_are_named(monkeypatch, config, message):
    configure(monkeypatch, config)
    with pytest.raises(ValueError, match=message):
        remote.routes()


def test_a_missing_config_file_is_named(monkeypatch):
    monkeypatch.setenv("APP_REMOTE", "/nowhere/remote.json")
    with pytest.raises(ValueError, match="no such file '/nowhere/remote.json'"):
        remote.routes()


def served(api_name: str):
    """The handler behind an endpoint as app.py serves it: wrapped by shared/handlers.py, which
    routes a model named in APP_REMOTE elsewhere (the tab's own function does not)."""
    import app

    return next(event.fn for event in app.demo.fns.values() if event.api_name == api_name)


# --- a Gradio Space: the second instance ---------------------------------------------------

def test_classify_is_answered_by_the_second_instance(second, monkeypatch):
    classify = served("classify")

    configure(monkeypatch, {"classify": {LITE0_THERE: {"space": second, "model": EFFICIENTNET}}})
    assert not loaded_there(second, "classify", EFFICIENTNET)
    probs, seen, features, info = classify(CHELSEA, LITE0_THERE, 3)
    assert next(iter(probs)) in CATS and len(probs) == 3
    assert Path(seen).is_relative_to(DOWNLOADS) and Image.open(seen).size == (224, 224)
    assert features is None and info.startswith(EFFICIENTNET)
    assert loaded_there(second, "classify", EFFICIENTNET)  # the second instance did the work


def test_asr_streams_from_the_second_instance(second, monkeypatch):
    asr = served("asr")

    configure(monkeypatch, {"asr": {TINY_THERE: {"space": second, "model": TINY_EN}}})
    *_, (text, segments, spectrogram, sphinx, info) = asr(SPEECH, TINY_THERE, "auto", False)
    assert "Dashwood" in text and segments["data"] and Path(spectrogram).is_file()
    assert TINY_EN in info and loaded_there(second, "asr", TINY_EN)


def test_other_endpoints_with_a_model_argument_are_forwarded_too(second, monkeypatch):
    gradcam_layers = served("gradcam_layers")
    run_interpolation, run_samples = served("vae_interpolate"), served("vae_sample")

    there = "VAE · second instance"
    configure(monkeypatch, {"vae": {there: {"space": second, "model": VAE_16D}},
                            "gradcam": {FASHION: {"space": second}}})
    strip = run_interpolation(str(VAE / "trouser_test2.png"), str(VAE / "sneaker_test9.png"), there, 5)
    assert len(strip) == 5 and all(Image.open(path).size == (112, 112) for path, _ in strip)
    grid = run_samples(there, 0, 3)
    assert Image.open(grid).width > 112
    layers = gradcam_layers(FASHION)  # the remote's dropdown update comes back whole
    assert layers["value"] == "" and len(layers["choices"]) >= 2


def test_the_first_instance_serves_what_the_second_answered(second, monkeypatch):
    """The whole chain: a browser's (here gradio_client's) request to this app, forwarded to
    the second instance; the files it sent back are served by this app's Gradio in turn."""
    import app
    from apps import classify, segment

    configure(monkeypatch, {"classify": {LITE0_THERE: {"space": second, "model": EFFICIENTNET}},
                            "segment": {SELFIE_THERE: {"space": second, "model": SELFIE}}})
    demo = app.build_demo([classify.SPEC, segment.SPEC])  # its model pickers offer the new names
    port = free_port()
    demo.launch(server_port=port, prevent_thread_lock=True, quiet=True, **app.LAUNCH_OPTIONS)
    try:
        first = Client(f"http://127.0.0.1:{port}/", verbose=False)
        label, seen, _, _ = first.predict(handle_file(CHELSEA), LITE0_THERE, 3, api_name="/classify")
        assert label["label"] in CATS and Image.open(seen).size == (224, 224)
        annotated, shares, info, _ = first.predict(handle_file(PORTRAIT), SELFIE_THERE, 0.6, api_name="/segment")
        assert shares["label"] == "person" and SELFIE in info
        assert annotated["annotations"][0]["label"].startswith("person")
        assert Image.open(annotated["image"]).size == Image.open(PORTRAIT).size
        report = first.predict(api_name="/system")
        assert f"| segment | {SELFIE_THERE} | {second} | {SELFIE} |" in report
    finally:
        demo.close()


def test_the_remote_apps_own_message_comes_through(second, monkeypatch):
    classify = served("classify")

    configure(monkeypatch, {"classify": {LITE0_THERE: {"space": second, "model": "No such model"}}})
    with pytest.raises(gr.Error, match=f"{second} \\(serving '{LITE0_THERE}'\\) answered: .*No such model"):
        classify(CHELSEA, LITE0_THERE, 3)


def test_an_unreachable_remote_is_a_clear_message(monkeypatch):
    classify = served("classify")

    nowhere = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    configure(monkeypatch, {"classify": {LITE0_THERE: {"space": nowhere, "model": EFFICIENTNET}}})
    start = time.monotonic()
    with pytest.raises(gr.Error, match=f"served by {nowhere}, which failed .*Check that it is running"):
        classify(CHELSEA, LITE0_THERE, 3)
    assert time.monotonic() - start < 10


def test_no_answer_in_time_is_a_clear_message(second, monkeypatch):
    asr = served("asr")

    configure(monkeypatch, {"asr": {TINY_THERE: {"space": second, "model": TINY_EN, "timeout": 0.05}}})
    with pytest.raises(gr.Error, match=f"{second} gave no answer within 0.05 s for '{TINY_THERE}'"):
        list(asr(SPEECH, TINY_THERE, "auto", False))


# --- Inference Providers: protocol tests against a local stand-in ---------------------------

class StandIn(BaseHTTPRequestHandler):
    """Answers like Inference Providers' hf-inference route, with made-up answers; it keeps
    every request so the tests can check what the client sent."""

    requests: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.requests.append((self.path, self.headers.get("Content-Type"), body))
        answers = {
            "/classify": [{"label": "tabby", "score": 0.7}, {"label": "lynx", "score": 0.2}],
            "/segment": [{"label": "person", "score": 0.9, "mask": png_b64(left_half_mask())},
                         {"label": "wall", "score": 0.8, "mask": png_b64(255 - left_half_mask())}],
            "/asr": {"text": "hello there", "chunks": [{"text": "hello there", "timestamp": [0.0, 1.5]}]},
            "/zero-shot": [{"label": "cat", "score": 0.9}, {"label": "dog", "score": 0.1}],
        }
        status, answer = (200, answers[self.path]) if self.path in answers else (503, {"error": "Model is loading"})
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def left_half_mask() -> np.ndarray:
    mask = np.zeros((10, 10), dtype=np.uint8)
    mask[:, :5] = 255
    return mask


def png_b64(array: np.ndarray) -> str:
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


@pytest.fixture(scope="module")
def stand_in():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def provider(url: str) -> dict:
    return {"provider": "hf-inference", "model": url}


def sent_image(body: bytes) -> Image.Image:
    """The image in a request: JSON with base64 "inputs" (when there are parameters) or raw."""
    try:
        return Image.open(io.BytesIO(base64.b64decode(json.loads(body)["inputs"])))
    except (ValueError, UnicodeDecodeError):
        return Image.open(io.BytesIO(body))


def test_protocol_classify_sends_the_image_and_top_k(stand_in, monkeypatch):
    classify = served("classify")

    configure(monkeypatch, {"classify": {"ViT · providers": provider(f"{stand_in}/classify")}})
    StandIn.requests.clear()
    probs, seen, features, info = classify(CHELSEA, "ViT · providers", 2)
    assert probs == {"tabby": 0.7, "lynx": 0.2} and seen is None and features is None
    assert "via Inference Providers (hf-inference" in info
    (path, _, body), = StandIn.requests
    assert json.loads(body)["parameters"] == {"top_k": 2}
    assert sent_image(body).size == Image.open(CHELSEA).size


def test_protocol_segment_masks_become_the_annotated_image(stand_in, monkeypatch):
    run_segment = served("segment")

    configure(monkeypatch, {"segment": {"SegFormer · providers": provider(f"{stand_in}/segment")}})
    (image, masks), shares, info, features, state = run_segment(CHELSEA, "SegFormer · providers", 0.5)
    assert image.size == Image.open(CHELSEA).size and features is None and state is None
    assert shares == pytest.approx({"person": 0.5, "wall": 0.5}, abs=0.01)
    person, label = masks[0]
    assert person.shape == (image.height, image.width) and label.startswith("person 5")
    assert person[:, : image.width // 3].min() == 0.5 and person[:, -image.width // 3:].max() == 0.0


def test_protocol_asr_sends_the_audio_bytes(stand_in, monkeypatch):
    asr = served("asr")

    configure(monkeypatch, {"asr": {"Whisper · providers": provider(f"{stand_in}/asr")}})
    StandIn.requests.clear()
    (text, rows, spectrogram, sphinx, info), = list(asr(SPEECH, "Whisper · providers", "auto", False))
    assert text == "hello there" and rows == [[0.0, 1.5, "hello there"]] and sphinx == ""
    (_, _, body), = StandIn.requests
    assert body == Path(SPEECH).read_bytes()


def test_protocol_clip_zero_shot_sends_the_labels(stand_in, monkeypatch):
    classify, search = served("clip_zero_shot"), served("clip")

    configure(monkeypatch, {"clip": {"CLIP · providers": provider(f"{stand_in}/zero-shot")}})
    StandIn.requests.clear()
    assert classify(CHELSEA, "cat, dog", "CLIP · providers") == {"cat": 0.9, "dog": 0.1}
    (_, _, body), = StandIn.requests
    assert json.loads(body)["parameters"] == {"candidate_labels": ["cat", "dog"]}
    with pytest.raises(gr.Error, match="no task for /clip; only"):  # text search has no provider task
        search("a koala", "CLIP · providers")


def test_protocol_a_provider_error_is_a_clear_message(stand_in, monkeypatch):
    classify = served("classify")

    configure(monkeypatch, {"classify": {"ViT · providers": provider(f"{stand_in}/busy")}})
    with pytest.raises(gr.Error, match="which failed .*503"):
        classify(CHELSEA, "ViT · providers", 2)


def test_app_py_makes_every_model_endpoint_forwardable_but_clip_add():
    """shared/handlers.py routes public events with a `model` argument, except one that updates
    session state it reads (clip_add: this session's images cannot live on another machine)."""
    import app
    from shared.handlers import forwardable

    assert sorted(e.api_name for e in app.demo.fns.values() if forwardable(e)) == [
        "asr", "classify", "clip", "clip_image", "clip_zero_shot", "gradcam", "gradcam_classes", "gradcam_layers",
        "inpaint", "segment", "style_gatys", "vae_interpolate", "vae_sample", "vae_sd"]
