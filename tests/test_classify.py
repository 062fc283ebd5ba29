"""Unit tests of the classify tab's model code: real answers from the embedded weights, and
the hub code path on tiny local models."""

import json
import math

import numpy as np
import pytest
from PIL import Image

from apps.classify.model import predict
from conftest import CLASSIFY_EXAMPLES, ROOT, require
from shared.classifiers import CHOICES, load_timm_hub
from shared.errors import UserError

EFFICIENTNET = "EfficientNet-Lite0 (embedded)"
FASHION = "Fashion-MNIST CNN (this repo)"
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
