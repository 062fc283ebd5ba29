"""Unit tests of the classify tab's model code: real answers from the embedded weights, and
the hub code path on tiny local models."""

import json
import math

import numpy as np
import pytest
from gradio_client import handle_file
from PIL import Image

from apps.classify.model import predict
from conftest import CLASSIFY_EXAMPLES, ROOT, require, serve_tab
from shared.classifiers import CHOICES, load_timm_hub
from shared.errors import UserError
from shared.models import CACHE

EFFICIENTNET = "EfficientNet-Lite0 (embedded)"
FASHION = "Fashion-MNIST CNN (this repo)"
PHOTO = CLASSIFY_EXAMPLES / "chelsea.jpg"
CATS = {"tabby", "tiger cat", "Persian cat", "Siamese cat", "Egyptian cat"}


def photo(name: str) -> Image.Image:
    return Image.open(CLASSIFY_EXAMPLES / name).convert("RGB")


def test_offline_default_is_the_embedded_imagenet_model():
    assert predict(photo("coffee.jpg")).model == EFFICIENTNET


@pytest.mark.parametrize("name, expected, k", [
    ("chelsea.jpg", CATS, 1),                                # a cat is a cat
    ("coffee.jpg", {"espresso", "cup", "coffee mug"}, 1),    # a coffee cup a cup
    ("rocket.jpg", {"missile", "projectile"}, 3),            # a harder, night-time photo
])
def test_efficientnet_recognises_real_photos(name, expected, k):
    top = list(predict(photo(name), EFFICIENTNET, top_k=k).probs)
    assert expected & set(top), top


@pytest.mark.parametrize("name, expected", [("fashion_ankle_boot.png", "Ankle boot"),
                                            ("fashion_trouser.png", "Trouser")])
def test_fashion_cnn_recognises_its_classes(name, expected):
    result = predict(photo(name), FASHION)
    assert next(iter(result.probs)) == expected
    assert result.probs[expected] > 0.5


def test_fashion_cnn_reads_a_dark_item_on_white_like_a_catalogue_photo():
    # Fashion-MNIST is white-on-black; a shop photo is dark-on-white. Preprocessing inverts it.
    boot = photo("fashion_ankle_boot.png")
    catalogue = Image.fromarray(255 - np.asarray(boot))
    assert next(iter(predict(catalogue, FASHION).probs)) == "Ankle boot"


@pytest.mark.parametrize("model", [EFFICIENTNET, FASHION])
def test_prediction_shapes_ranges_and_determinism(model):
    first = predict(photo("chelsea.jpg"), model, top_k=3)
    again = predict(photo("chelsea.jpg"), model, top_k=3)
    probs = list(first.probs.values())
    assert len(probs) == 3 and probs == sorted(probs, reverse=True)
    assert all(0 <= p <= 1 and not math.isnan(p) for p in probs) and sum(probs) <= 1 + 1e-5
    assert first.probs == again.probs
    assert first.seen.dtype == np.uint8 and first.seen.shape == (224, 224, 3)
    if model == FASHION:
        assert first.features.dtype == np.uint8 and first.features.ndim == 3
        assert first.features.std() > 0  # real activations, not a blank grid
    else:
        assert first.features is None


def test_unknown_model_names_the_valid_choices():
    with pytest.raises(UserError, match="choose one of: .*EfficientNet-Lite0"):
        predict(photo("coffee.jpg"), "AlexNet")


def test_hub_model_offline_without_cache_says_so():
    hub = next(c for c in CHOICES if not c.embedded)
    with pytest.raises(UserError, match="offline"):
        predict(photo("coffee.jpg"), hub.name)


@pytest.mark.parametrize("arch", ["test_convnext", "test_resnet", "test_vit"])
def test_hub_loader_on_a_local_folder(tiny_timm_folders, arch):
    clf = load_timm_hub(str(tiny_timm_folders[arch]), None, "cpu", "float32")
    x = clf.preprocess(photo("coffee.jpg")).unsqueeze(0)
    logits = clf.model(x)
    assert logits.shape == (1, 1000) and len(clf.labels) == 1000
    assert clf.cam_layers and clf.show_input(x[0]).dtype == np.uint8


def test_shipped_fashion_cnn_matches_its_model_card():
    """The committed weights reach the accuracy the model card states, on the full test split."""
    import torch

    from shared.classifiers import load_fashion_cnn
    from shared.fashion_cnn import DEFAULT_DATA_DIR, load_split

    require(DEFAULT_DATA_DIR.is_dir(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)",
            "REQUIRE_DATA")
    images, labels = load_split(DEFAULT_DATA_DIR, "t10k")
    clf = load_fashion_cnn("cpu", "float32")
    with torch.no_grad():
        x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
        preds = torch.cat([clf.model(x[i:i + 1000]).argmax(1) for i in range(0, len(x), 1000)])
    accuracy = (preds.numpy() == labels).mean()
    card = json.loads((ROOT / "models" / "classify" / "metrics.json").read_text())
    assert accuracy >= 0.92
    assert abs(accuracy - card["test_accuracy"]) < 0.002


def test_the_frozen_trace_answers_as_the_eager_model_and_grad_cam_keeps_its_gradients():
    """predict() runs a TorchScript trace of the model on a CPU (faster); the logits must be the
    eager model's, and the eager model must still give Grad-CAM its gradients afterwards."""
    import torch

    from apps.classify.model import inference_model
    from shared.models import CACHE, find_choice

    photo = Image.open(CLASSIFY_EXAMPLES / "chelsea.jpg").convert("RGB")
    predict(photo)  # traces on first use
    with CACHE.use(find_choice(CHOICES, None)) as clf:
        x = clf.preprocess(photo).unsqueeze(0)
        fast = inference_model(clf, x)
        assert fast is not clf.model and isinstance(fast, torch.jit.ScriptModule)
        with torch.no_grad():
            assert torch.allclose(fast(x), clf.model(x), atol=1e-4)
        x.requires_grad_(True)
        clf.model(x)[0].max().backward()
        assert x.grad is not None and x.grad.abs().sum() > 0


# --- your own hub model, typed into the model field (shared/own_classifier.py) ----------------

@pytest.fixture
def own_model_in_cache(tmp_path, monkeypatch):
    """'ada/tiny-resnet' in a hub cache of this test's own, as a download would leave it: a tiny
    random timm ResNet with three named classes. Offline, the real hub code path reads it."""
    import json

    import huggingface_hub.constants as constants
    from test_system import put_in_hub_cache

    import timm
    from timm.models import save_for_hf

    folder = tmp_path / "tiny"
    model = timm.create_model("test_resnet", pretrained=False, num_classes=3)
    save_for_hf(model, folder, safe_serialization=True)
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "label_names": ["ant", "bee", "cicada"]}))
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, "ada/tiny-resnet", folder)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    yield "ada/tiny-resnet"
    CACHE.clear()


def test_a_hub_id_typed_as_the_model_loads_that_timm_classifier(own_model_in_cache):
    result = predict(Image.open(PHOTO).convert("RGB"), own_model_in_cache, top_k=5)
    assert set(result.probs) == {"ant", "bee", "cicada"} and abs(sum(result.probs.values()) - 1) < 1e-4
    assert result.model == "ada/tiny-resnet"


@pytest.mark.parametrize("typed, message", [
    ("nonsense", "unknown model 'nonsense'; choose one of"),                       # no hub id: the usual answer
    ("someone/not-cached", "not in the local cache and the hub is unreachable"),  # offline, never downloaded
    ("apps/classify", "is a path here, not a hub id"),                            # no folder of the server is read
])
def test_what_is_not_a_loadable_hub_model_gets_one_clear_line(typed, message):
    with pytest.raises(UserError, match=message):
        predict(Image.open(PHOTO).convert("RGB"), typed)


def test_online_a_repo_without_safetensors_or_too_big_is_refused_before_downloading(monkeypatch):
    """The hub's file list is read first (get_paths_info): pickles only, or over APP_OWN_MODEL_MB, is refused."""
    import huggingface_hub

    import shared.hub as hub
    import shared.own_classifier as classifiers

    monkeypatch.setattr(hub, "is_offline", lambda: False)
    downloads = []
    monkeypatch.setattr(classifiers, "own_file", lambda *args: downloads.append(args))
    for files, message in [([], "has no model.safetensors"),
                           ([type("F", (), {"size": 900 * 2**20})()], "900 MB of weights; the limit is 500 MB")]:
        monkeypatch.setattr(huggingface_hub.HfApi, "get_paths_info", lambda self, *a, files=files, **k: files)
        with pytest.raises(UserError, match=message):
            classifiers.load_own_classifier("ada/big", "cpu", "float32")
    assert downloads == []


def test_api_classifies_with_a_typed_hub_model(own_model_in_cache):
    from apps.classify import SPEC

    with serve_tab(SPEC) as client:
        label, *_ = client.predict(handle_file(PHOTO), own_model_in_cache, 3, api_name="/classify")
        assert {c["label"] for c in label["confidences"]} == {"ant", "bee", "cicada"}


def test_a_typed_transformers_classifier_loads_too(tmp_path, monkeypatch):
    """A transformers image classifier (a tiny random ViT with two labels) in a hub cache of the
    test's own: config, safetensors weights and preprocessor, read offline through the hub path."""
    import huggingface_hub.constants as constants
    from transformers import ViTConfig, ViTForImageClassification, ViTImageProcessor

    from test_system import put_in_hub_cache

    folder = tmp_path / "vit"
    config = ViTConfig(image_size=32, patch_size=8, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                       intermediate_size=32, num_labels=2, id2label={0: "owl", 1: "lark"}, label2id={"owl": 0, "lark": 1})
    ViTForImageClassification(config).save_pretrained(folder, safe_serialization=True)
    ViTImageProcessor(size={"height": 32, "width": 32}).save_pretrained(folder)
    cache = tmp_path / "hub"
    put_in_hub_cache(cache, "ada/tiny-vit", folder)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    try:
        result = predict(Image.open(PHOTO).convert("RGB"), "ada/tiny-vit", top_k=5)
    finally:
        CACHE.clear()
    assert set(result.probs) == {"owl", "lark"} and result.seen.shape == (32, 32, 3)
