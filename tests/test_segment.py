"""Unit tests of the segment tab: the person mask covers the person, the overlay and shares
are consistent, and the SegFormer (hub) path works on a tiny local model."""

import json

import numpy as np
import pytest
from PIL import Image

import apps.segment.model as segment_model
from apps.segment.model import annotations, class_shares, hub_choice, segment
from conftest import ROOT
from shared.errors import UserError

EXAMPLES = ROOT / "apps" / "segment" / "examples"
BOXES = json.loads((EXAMPLES / "people_boxes.json").read_text())
SELFIE = "People · MediaPipe selfie (embedded)"


def photo(name: str) -> Image.Image:
    return Image.open(EXAMPLES / name).convert("RGB")


def test_offline_default_is_the_selfie_model():
    assert segment(photo("astronaut.jpg")).model == SELFIE


@pytest.mark.parametrize("name", sorted(BOXES))
def test_person_mask_covers_the_person_and_not_the_background(name):
    seg = segment(photo(name), SELFIE)
    assert seg.labels.shape == photo(name).size[::-1]
    person = seg.classes.index("person")
    for x0, y0, x1, y1 in BOXES[name]["person"]:
        assert (seg.labels[y0:y1, x0:x1] == person).mean() > 0.95
    for x0, y0, x1, y1 in BOXES[name]["background"]:
        assert (seg.labels[y0:y1, x0:x1] == person).mean() < 0.05


def test_shares_and_overlay_agree():
    seg = segment(photo("grace_hopper.jpg"), SELFIE)
    shares = class_shares(seg)
    assert abs(sum(shares.values()) - 1) < 1e-6 and list(shares) == ["person", "background"]
    overlay = annotations(seg, opacity=0.5)  # the background is left uncoloured
    assert [label for _, label in overlay] == [f"person {shares['person']:.1%}"]
    assert np.array_equal(overlay[0][0] > 0, seg.labels == seg.classes.index("person"))
    assert overlay[0][0].max() == 0.5


def test_clicking_a_class_dims_the_others():
    seg = segment(photo("scene_heldout_8.png"), segment_model.UNET)
    overlay = annotations(seg, opacity=0.8, highlight="top")
    alphas = {label.split()[0]: mask.max() for mask, label in overlay}
    assert alphas["top"] == pytest.approx(0.8)
    assert all(alpha == pytest.approx(0.12) for name, alpha in alphas.items() if name != "top")


def test_large_photos_are_downscaled_first():
    big = photo("astronaut.jpg").resize((2048, 2048))
    seg = segment(big, SELFIE)
    assert seg.image.size == (1024, 1024) and seg.labels.shape == (1024, 1024)


def test_hub_model_offline_without_cache_says_so():
    with pytest.raises(UserError, match="offline|not in the local cache"):
        segment(photo("coffee.jpg"), "SegFormer-B0 · ADE20K (hub)")


@pytest.fixture(scope="module")
def tiny_segformer(tmp_path_factory):
    """A random 3-class SegFormer saved like a hub repo: the transformers code path, offline."""
    from transformers import SegformerConfig, SegformerForSemanticSegmentation, SegformerImageProcessor

    folder = tmp_path_factory.mktemp("tiny_segformer")
    names = {0: "wall", 1: "floor", 2: "cup"}
    config = SegformerConfig(hidden_sizes=[8, 16, 24, 32], num_attention_heads=[1, 1, 1, 1],
                             depths=[1, 1, 1, 1], decoder_hidden_size=16, num_labels=3,
                             id2label=names, label2id={v: k for k, v in names.items()})
    SegformerForSemanticSegmentation(config).save_pretrained(folder)
    SegformerImageProcessor().save_pretrained(folder)
    return folder


def test_segformer_path_on_a_tiny_local_model(monkeypatch, tiny_segformer):
    tiny = hub_choice("tiny SegFormer", str(tiny_segformer), "test model", revision=None)
    monkeypatch.setattr(segment_model, "CHOICES", segment_model.CHOICES + [tiny])
    seg = segment(photo("coffee.jpg"), tiny.name)
    assert seg.classes == ["wall", "floor", "cup"]
    assert seg.labels.shape == photo("coffee.jpg").size[::-1] and seg.labels.max() <= 2


@pytest.mark.parametrize("name", ["scene_heldout_6.png", "scene_heldout_8.png", "scene_heldout_9.png"])
def test_unet_through_the_tab_matches_the_true_masks_and_shows_its_stages(name):
    seg = segment(photo(name), segment_model.UNET)
    true = np.asarray(Image.open(EXAMPLES / "masks" / name))
    assert (seg.labels == true).mean() > 0.95
    captions = [caption for _, caption in seg.features]
    assert captions[0] == "enc1: 16x128x128" and captions[3] == "bottleneck: 128x16x16"
    assert all(fmap.dtype == np.uint8 and fmap.std() > 0 for fmap, _ in seg.features)


def test_a_hub_id_typed_as_the_model_loads_that_segformer(tmp_path, monkeypatch, tiny_segformer):
    """Your own hub model: 'ada/tiny-segformer' in a hub cache of the test's own, read offline
    through the real hub code path; a timm classifier's id gets one clear line."""
    import huggingface_hub.constants as constants
    from test_system import put_in_hub_cache

    from shared.errors import UserError
    from shared.models import CACHE

    cache = tmp_path / "hub"
    put_in_hub_cache(cache, "ada/tiny-segformer", tiny_segformer)
    (tmp_path / "timm").mkdir()
    (tmp_path / "timm" / "config.json").write_text('{"architecture": "resnet18"}')
    put_in_hub_cache(cache, "ada/a-classifier", tmp_path / "timm")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    try:
        seg = segment(photo("coffee.jpg"), "ada/tiny-segformer")
        assert seg.classes == ["wall", "floor", "cup"] and seg.model == "ada/tiny-segformer"
        with pytest.raises(UserError, match="is a 'unknown' model, not a SegFormer"):
            segment(photo("coffee.jpg"), "ada/a-classifier")
    finally:
        CACHE.clear()
