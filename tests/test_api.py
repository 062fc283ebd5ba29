"""API tests: the real app launched in this process, every endpoint called with gradio_client,
and every kind of bad input answered with a clear message while the app keeps serving."""

import re

import numpy as np
import pytest
from gradio_client import Client, handle_file
from PIL import Image

from conftest import CLASSIFY_EXAMPLES, GRADCAM_EXAMPLES, ROOT, free_port
from test_asr import BAD_AUDIO, make_bad_audio

EFFICIENTNET = "EfficientNet-Lite0 (embedded)"
FASHION = "Fashion-MNIST CNN (this repo)"
SELFIE = "People · MediaPipe selfie (embedded)"
REPAINT = "RePaint · Fashion-MNIST DDPM (this repo)"
CLIP = "DeViSE bridge · EfficientNet-Lite0 + MiniLM (this repo)"
STYLE = ROOT / "apps" / "style" / "examples" / "starry_night.jpg"


@pytest.fixture(scope="module")
def client():
    import app

    port = free_port()
    app.demo.launch(server_port=port, prevent_thread_lock=True, quiet=True, **app.LAUNCH_OPTIONS)
    yield Client(f"http://127.0.0.1:{port}/", verbose=False)
    app.demo.close()


def test_the_readme_api_examples_run(client, monkeypatch):
    """The README's gradio_client snippet, run as written against this app (docs that rot
    are worse than none), and its results are what the comments say."""
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"## API.*?```python\n(.*?)```", readme, re.S).group(1)
    code = code.replace('"http://127.0.0.1:7860/"', repr(client.src))
    monkeypatch.chdir(ROOT)
    names = {}
    exec(compile(code, "README.md", "exec"), names)
    assert names["label"]["label"] in {"tabby", "tiger cat", "Egyptian cat"}
    assert names["shares"]["label"] == "person"
    assert Image.open(names["stylised"]).size == (451, 300)  # never larger than the photo
    assert "for one pass through two networks" in names["info"]
    assert Image.open(names["result"][0]).size == (128, 85)  # Gatys at size 128
    assert Image.open(names["decoded"]).size == (168, 168) and len(names["strip"]) == 8
    assert Image.open(names["png"]).size == (32, 32) and len(names["frames"]) == 8
    assert "Dashwood" in names["text"] and names["sphinx"]
    assert names["found"][0]["caption"].endswith("· koala") and names["zero_shot"]["label"] == "cat"


def test_every_registered_endpoint_is_public(client):
    from apps import REGISTRY

    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for spec in REGISTRY:
        for name in spec.api_names:
            assert f"/{name}" in endpoints


def test_classify(client):
    label, seen, features, info = client.predict(
        handle_file(CLASSIFY_EXAMPLES / "coffee.jpg"), EFFICIENTNET, 3, api_name="/classify")
    assert label["label"] in {"espresso", "cup", "coffee mug"}
    assert len(label["confidences"]) == 3
    assert Image.open(seen).size == (224, 224)
    assert "EfficientNet-Lite0" in info and " ms " in info


def test_classify_small_cnn_returns_feature_maps(client):
    label, _, features, _ = client.predict(
        handle_file(CLASSIFY_EXAMPLES / "fashion_trouser.png"), FASHION, 5, api_name="/classify")
    assert label["label"] == "Trouser"
    assert np.asarray(Image.open(features)).std() > 0


def test_gradcam_and_its_helpers(client):
    image = handle_file(GRADCAM_EXAMPLES / "cat_on_grass.jpg")
    overlay, raw, top, info = client.predict(image, EFFICIENTNET, "GradCAM++", "top-1", "",
                                             api_name="/gradcam")
    assert Image.open(overlay).size == Image.open(raw).size == (224, 224)
    assert top["label"] in {"tabby", "tiger cat", "Egyptian cat"} and "GradCAM++" in info
    classes = client.predict(image, EFFICIENTNET, api_name="/gradcam_classes")
    assert classes["value"] == "top-1" and len(classes["choices"]) == 6
    layers = client.predict(FASHION, api_name="/gradcam_layers")
    assert layers["value"] == "" and layers["choices"][0] == ["block3 conv (7x7) (default)", ""]


def test_segment(client):
    annotated, shares, info, features = client.predict(
        handle_file(ROOT / "apps" / "segment" / "examples" / "grace_hopper.jpg"), SELFIE, 0.5,
        api_name="/segment")
    assert Image.open(annotated["image"]).size == (512, 600)
    assert [a["label"].split()[0] for a in annotated["annotations"]] == ["person"]
    assert shares["label"] == "person" and "2 classes present" in info and features == []


def make_bad_inputs(folder):
    """name -> (file path or None, expected message regex or None when it must succeed)."""
    folder.mkdir(exist_ok=True)
    cases = {"no image": (None, "No image")}

    def add(name, make, message):
        path = folder / name
        make(path)
        cases[name] = (str(path), message)

    add("corrupt.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 99), "not an image we can read")
    add("text.txt", lambda p: p.write_text("not an image"), "not an image we can read")
    add("dot.png", lambda p: Image.new("RGB", (1, 1)).save(p), "only 1x1 pixels")
    add("huge.png", lambda p: Image.new("L", (12000, 12000)).save(p), "limit is 50 MP")
    add("big_file.bmp", lambda p: p.write_bytes(b"BM" + bytes(21 * 2**20)), "(?i)file.*(size|large)|exceed")
    add("gray.png", lambda p: Image.new("L", (300, 200), 90).save(p), None)
    add("rgba.png", lambda p: Image.new("RGBA", (300, 200), (0, 0, 255, 128)).save(p), None)
    add("sixteen.png", lambda p: Image.fromarray(
        np.random.default_rng(0).integers(0, 65535, (200, 300), dtype=np.uint16)).save(p), None)
    frames = [Image.new("RGB", (120, 90), c) for c in ("red", "green", "blue")]
    add("anim.gif", lambda p: frames[0].save(p, save_all=True, append_images=frames[1:]), None)
    return cases


BAD = ["no image", "corrupt.png", "text.txt", "dot.png", "huge.png", "big_file.bmp",
       "gray.png", "rgba.png", "sixteen.png", "anim.gif"]
CALLS = {
    "/classify": lambda image: (image, EFFICIENTNET, 5),
    "/segment": lambda image: (image, SELFIE, 0.6),
    "/style": lambda image: (image, handle_file(STYLE), 1.0, 256),
    "/style_gatys": lambda image: (image, handle_file(STYLE), "EfficientNet-Lite0 features (embedded)",
                                   1.0, 0.5, 10, 64, 0),
    "/gradcam": lambda image: (image, EFFICIENTNET, "GradCAM", "top-1", ""),
    "/vae_interpolate": lambda image: (image, image, "Fashion-MNIST VAE · 16-D latent (this repo)", 4),
    "/inpaint": lambda image: ({"background": image, "layers": [], "composite": None} if image else None,
                               "right half", REPAINT, "", "", 10, 7.5, 1.0, 0, 5, 2, 1.0),
    "/clip_image": lambda image: (image, CLIP, 5, "Gallery"),
    "/clip_zero_shot": lambda image: (image, "cat, dog, car", CLIP),
}


@pytest.mark.parametrize("endpoint", list(CALLS))
@pytest.mark.parametrize("case", BAD)
def test_bad_inputs_get_clear_answers(client, tmp_path_factory, endpoint, case):
    path, message = make_bad_inputs(tmp_path_factory.getbasetemp() / "bad")[case]
    assert_clear_answer(client, endpoint, CALLS[endpoint](handle_file(path) if path else None), message)


def assert_clear_answer(client, endpoint: str, args, message: str | None):
    """message None: odd but valid input that must just work; else the one-line answer expected."""
    if message is None:
        assert client.predict(*args, api_name=endpoint)
    else:
        with pytest.raises(Exception, match=message) as info:
            client.predict(*args, api_name=endpoint)
        assert "Traceback" not in str(info.value)


TINY_EN = "Whisper tiny.en · faster-whisper int8 (embedded)"
AUDIO_CALLS = {"/asr": lambda audio: (audio, TINY_EN, "auto", False)}


@pytest.mark.parametrize("endpoint", list(AUDIO_CALLS))
@pytest.mark.parametrize("case", [*BAD_AUDIO, "big_file.wav", "silent.wav", "stereo_44k.ogg"])
def test_bad_audio_gets_clear_answers(client, tmp_path_factory, endpoint, case):
    path, message = make_bad_audio(tmp_path_factory.getbasetemp() / "bad_audio")[case]
    assert_clear_answer(client, endpoint, AUDIO_CALLS[endpoint](handle_file(path) if path else None), message)


def test_unknown_model_is_refused_with_the_choices(client):
    with pytest.raises(Exception, match="(?i)AlexNet"):
        client.predict(handle_file(CLASSIFY_EXAMPLES / "coffee.jpg"), "AlexNet", 5, api_name="/classify")


def test_app_still_serves_after_all_that(client):
    label = client.predict(handle_file(CLASSIFY_EXAMPLES / "chelsea.jpg"), EFFICIENTNET, 1,
                           api_name="/classify")[0]
    assert label["label"] in {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat"}
