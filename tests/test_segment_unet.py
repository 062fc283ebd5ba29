"""Unit tests of our U-Net (apps/segment/unet.py, weights in models/segment/) and of the scene
generator it was trained on (training/scenes.py). CPU only, no network, a few seconds."""

import json
import sys

import numpy as np
import pytest
import torch
from PIL import Image
from safetensors.torch import load_file

from apps.segment.unet import CLASSES, COLORS, UNet, colorize, feature_maps
from conftest import ROOT, require

MODEL_DIR = ROOT / "models" / "segment"
EXAMPLES = ROOT / "apps" / "segment" / "examples"
SCENES = [6, 8, 9]  # held-out scene indices of the shipped examples (see their LICENSE.md)


@pytest.fixture(scope="module")
def model():
    config = json.loads((MODEL_DIR / "config.json").read_text())
    net = UNet(num_classes=config["num_classes"], widths=tuple(config["widths"]))
    net.load_state_dict(load_file(str(MODEL_DIR / "unet.safetensors")))
    return net.eval()


def example(index):
    """(image uint8 (128, 128, 3), true mask uint8 (128, 128)) of a shipped example."""
    image = np.asarray(Image.open(EXAMPLES / f"scene_heldout_{index}.png").convert("RGB"))
    mask = np.asarray(Image.open(EXAMPLES / "masks" / f"scene_heldout_{index}.png"))
    return image, mask


def to_input(image):
    return torch.from_numpy(image.copy()).permute(2, 0, 1).float().div(255)[None]


def test_config_and_weights_match_the_code():
    config = json.loads((MODEL_DIR / "config.json").read_text())
    assert config["classes"] == CLASSES and [tuple(c) for c in config["colors"]] == COLORS
    assert (MODEL_DIR / "unet.safetensors").stat().st_size < 3_000_000
    metrics = json.loads((MODEL_DIR / "metrics.json").read_text())
    assert metrics["heldout_miou"] >= 0.8 and set(metrics["heldout_iou"]) == set(CLASSES)


def test_logits_and_feature_maps_have_the_documented_shapes(model):
    image, _ = example(SCENES[0])
    with torch.no_grad():
        logits = model(to_input(image))
    assert logits.shape == (1, len(CLASSES), 128, 128) and torch.isfinite(logits).all()
    maps = feature_maps(model, to_input(image)[0])
    assert list(maps) == ["enc1", "enc2", "enc3", "bottleneck", "dec3", "dec2", "dec1", "logits"]
    assert maps["enc1"].shape == (16, 128, 128) and maps["bottleneck"].shape == (128, 16, 16)
    assert maps["dec1"].shape == (16, 128, 128) and maps["logits"].shape == (len(CLASSES), 128, 128)
    assert all(torch.isfinite(t).all() and t.std() > 0 for t in maps.values())
    # any H, W that are multiples of 8 work (fully convolutional)
    with torch.no_grad():
        assert model(torch.rand(2, 3, 64, 96)).shape == (2, len(CLASSES), 64, 96)


def test_predicted_masks_agree_with_the_true_masks_of_the_examples(model):
    confusion = np.zeros((len(CLASSES), len(CLASSES)), np.int64)
    for index in SCENES:
        image, mask = example(index)
        with torch.no_grad():
            pred = model(to_input(image)).argmax(1)[0].numpy()
        confusion += np.bincount(mask.astype(np.int64).ravel() * len(CLASSES) + pred.ravel(),
                                 minlength=len(CLASSES) ** 2).reshape(len(CLASSES), len(CLASSES))
        assert colorize(pred).shape == (128, 128, 3)
    present = confusion.sum(1) > 0
    inter = np.diag(confusion)
    iou = inter / np.maximum(confusion.sum(0) + confusion.sum(1) - inter, 1)
    assert iou[present].mean() >= 0.8, dict(zip(CLASSES, iou.round(3)))
    assert inter.sum() / confusion.sum() >= 0.95


@pytest.fixture(scope="module")
def heldout():
    sys.path.insert(0, str(ROOT / "training"))
    from scenes import DEFAULT_DIGITS, SceneGenerator
    from shared.fashion_cnn import DEFAULT_DATA_DIR

    require(DEFAULT_DATA_DIR.is_dir(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)",
            "REQUIRE_DATA")
    require(DEFAULT_DIGITS.is_file(), "OpenCV's digits.png not installed (apt-get install opencv-doc)",
            "REQUIRE_DATA")
    return SceneGenerator("heldout"), SceneGenerator("heldout")


def test_scene_generator_is_deterministic(heldout):
    first, second = heldout
    for index in (0, 6, 123):
        image, mask = first(index)
        again, mask_again = second(index)
        assert image.dtype == np.uint8 and image.shape == (128, 128, 3) and mask.shape == (128, 128)
        assert np.array_equal(image, again) and np.array_equal(mask, mask_again)
        assert mask.max() < len(CLASSES) and (mask > 0).any()
    assert not np.array_equal(first(0)[0], first(1)[0])


def test_shipped_examples_are_the_generators_scenes(heldout):
    # Exact on the versions used here; a little slack for other numpy / Pillow builds.
    for index in SCENES:
        image, mask = heldout[0](index)
        shipped_image, shipped_mask = example(index)
        assert (mask == shipped_mask).mean() > 0.99
        assert np.abs(image.astype(int) - shipped_image).mean() < 2
