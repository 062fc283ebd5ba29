"""API tests: the real app launched in this process, every endpoint called with gradio_client.
Bad input on every endpoint has its own suite: tests/test_bad_inputs.py."""

import re

import numpy as np
import pytest
from gradio_client import handle_file
from PIL import Image

from conftest import CLASSIFY_EXAMPLES, EFFICIENTNET, FASHION, GRADCAM_EXAMPLES, ROOT, SELFIE, serve_demo



@pytest.fixture(scope="module")
def client():
    import app

    with serve_demo(app.demo, **app.LAUNCH_OPTIONS) as client:
        yield client


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
    assert Image.open(names["stylised"]).size == Image.open(names["photo"]).size == (451, 300)  # the slider's pair
    assert "for one pass through two networks" in names["info"]
    assert Image.open(names["result"][0]).size == (128, 85)  # Gatys at size 128
    assert Image.open(names["decoded"]).size == (168, 168) and len(names["strip"]) == 8
    # the filled image has the upload's size (the 224x224 boot), its 32x32 canvas is "seen"
    assert Image.open(names["png"]).size == Image.open(names["filled"]).size == (224, 224)
    assert Image.open(names["given"]).size == (224, 224) and len(names["frames"]) == 8
    assert "Dashwood" in names["text"] and names["sphinx"]
    assert names["found"][0]["caption"].endswith("· koala") and names["zero_shot"]["label"] == "cat"


def test_every_registered_endpoint_is_public(client):
    from apps import REGISTRY

    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    for spec in REGISTRY:
        assert f"/{spec.slug}" in endpoints


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


def test_unknown_model_is_refused_with_the_choices(client):
    with pytest.raises(Exception, match="(?i)AlexNet"):
        client.predict(handle_file(CLASSIFY_EXAMPLES / "coffee.jpg"), "AlexNet", 5, api_name="/classify")


def test_app_still_serves_after_all_that(client):
    label = client.predict(handle_file(CLASSIFY_EXAMPLES / "chelsea.jpg"), EFFICIENTNET, 1,
                           api_name="/classify")[0]
    assert label["label"] in {"tabby", "tiger cat", "Egyptian cat", "Persian cat", "Siamese cat"}
