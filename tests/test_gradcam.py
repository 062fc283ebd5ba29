"""Unit tests of the gradcam tab: the map must be right, not just pretty."""

import json

import numpy as np
import pytest
from PIL import Image

import apps.gradcam.model as gradcam
from apps.gradcam.model import METHODS, explain, layer_names, top_classes
from conftest import GRADCAM_EXAMPLES
import shared.classifiers as classifiers
from shared.classifiers import hub_choice
from shared.errors import UserError
from test_classify import own_model_in_cache  # noqa: F401 - a fixture: a typed hub model in a local hub cache

EFFICIENTNET = "EfficientNet-Lite0 (embedded)"
FASHION = "Fashion-MNIST CNN (this repo)"
BOXES = json.loads((GRADCAM_EXAMPLES / "boxes.json").read_text())


def photo(name: str) -> Image.Image:
    return Image.open(GRADCAM_EXAMPLES / name).convert("RGB")


def box_in_model_view(image: Image.Image, box) -> tuple[int, int, int, int]:
    """Map an image-pixel box into EfficientNet-Lite0's 224x224 view: timm's eval transform
    resizes the short side to 256 (crop_pct 0.875) and centre-crops 224."""
    scale = 256 / min(image.size)
    off_x = (image.width * scale - 224) / 2
    off_y = (image.height * scale - 224) / 2
    x0, y0, x1, y1 = box
    return (round(x0 * scale - off_x), round(y0 * scale - off_y),
            round(x1 * scale - off_x), round(y1 * scale - off_y))


@pytest.mark.parametrize("name", sorted(BOXES))
@pytest.mark.parametrize("method", ["GradCAM", "GradCAM++", "LayerCAM", "HiResCAM"])
def test_map_peak_lies_on_the_object(name, method):
    image = photo(name)
    result = explain(image, EFFICIENTNET, method)
    x0, y0, x1, y1 = box_in_model_view(image, BOXES[name]["box_xyxy"])
    y, x = np.unravel_index(result.cam.argmax(), result.cam.shape)
    assert x0 <= x <= x1 and y0 <= y <= y1, f"peak at {(x, y)}, object at {(x0, y0, x1, y1)}"
    inside = np.zeros_like(result.cam, dtype=bool)
    inside[max(y0, 0):y1, max(x0, 0):x1] = True
    # Not just one lucky pixel: the object is, on average, much warmer than the background.
    assert result.cam[inside].mean() > 2 * result.cam[~inside].mean()


@pytest.mark.parametrize("method", list(METHODS))
def test_every_method_gives_a_clean_map(method):
    result = explain(photo("fashion_ankle_boot.png"), FASHION, method)
    assert result.target == "Ankle boot"
    assert result.cam.shape == (224, 224) and result.cam.dtype == np.float32
    assert np.isfinite(result.cam).all() and 0 <= result.cam.min() and result.cam.max() <= 1
    assert result.cam.max() > 0.5  # normalised map, not all zeros
    assert result.overlay.shape == result.heatmap.shape == (224, 224, 3)


def test_scorecam_scores_the_channels_that_vary_most_and_says_so(monkeypatch):
    """Faster Score-CAM: on EfficientNet-Lite0 it scores 128 of the last layer's 1280 channels
    and the map still finds the cat; with every channel scored it is the library's ScoreCAM."""
    image = photo("cat_on_grass.jpg")
    fast = explain(image, EFFICIENTNET, "ScoreCAM")
    assert fast.scored == (gradcam.SCORECAM_CHANNELS, 1280) == (128, 1280)
    x0, y0, x1, y1 = box_in_model_view(image, BOXES["cat_on_grass.jpg"]["box_xyxy"])
    y, x = np.unravel_index(fast.cam.argmax(), fast.cam.shape)
    assert x0 <= x <= x1 and y0 <= y <= y1, f"peak at {(x, y)}, object at {(x0, y0, x1, y1)}"
    assert explain(image, EFFICIENTNET, "GradCAM").scored is None

    import pytorch_grad_cam
    from pytorch_grad_cam.utils.model_targets import ClassifierOutputTarget
    from shared.models import CACHE, find_choice
    from shared.classifiers import CHOICES

    monkeypatch.setattr(gradcam, "SCORECAM_CHANNELS", 10_000)  # every channel: the original method
    boot = photo("fashion_ankle_boot.png")
    ours = explain(boot, FASHION, "ScoreCAM")
    assert ours.scored is None
    with CACHE.use(find_choice(CHOICES, FASHION)) as clf:
        x = clf.preprocess(boot).unsqueeze(0)
        layer = clf.cam_layers[next(iter(clf.cam_layers))]
        with pytorch_grad_cam.ScoreCAM(model=clf.model, target_layers=[layer]) as cam:
            library = cam(input_tensor=x, targets=[ClassifierOutputTarget(clf.labels.index("Ankle boot"))])[0]
    assert np.allclose(gradcam._resize(np.nan_to_num(library).astype(np.float32), ours.cam.shape), ours.cam, atol=1e-4)


def test_choosing_another_class_changes_the_map():
    image = photo("cat_on_grass.jpg")
    top = list(top_classes(image, EFFICIENTNET))
    first = explain(image, EFFICIENTNET, "GradCAM", target=top[0])
    other = explain(image, EFFICIENTNET, "GradCAM", target="coffee mug")
    assert first.target == top[0] and other.target == "coffee mug"
    assert np.abs(first.cam - other.cam).mean() > 0.05
    assert explain(image, EFFICIENTNET, "GradCAM", target="top-1").target == top[0]


def test_layers_have_a_default_and_earlier_layers_work():
    names = layer_names(EFFICIENTNET)
    assert len(names) >= 2
    result = explain(photo("coffee.jpg"), EFFICIENTNET, "LayerCAM", layer=names[-1])
    assert result.layer == names[-1] and np.isfinite(result.cam).all()


@pytest.mark.parametrize("kwargs, message", [
    ({"method": "MagicCAM"}, "choose one of: GradCAM"),
    ({"target": "unicorn"}, "unknown class 'unicorn'"),
    ({"layer": "layer99"}, "unknown layer 'layer99'; choose one of"),
    ({"model": "AlexNet"}, "unknown model 'AlexNet'"),
])
def test_bad_arguments_get_clear_messages(kwargs, message):
    args = {"model": EFFICIENTNET, **kwargs}
    with pytest.raises(UserError, match=message):
        explain(photo("coffee.jpg"), **args)


@pytest.mark.parametrize("arch", ["test_convnext", "test_resnet", "test_vit"])
def test_hub_families_including_vit_reshape(monkeypatch, tiny_timm_folders, arch):
    tiny = hub_choice(f"tiny {arch}", str(tiny_timm_folders[arch]), None, "test model")
    monkeypatch.setattr(classifiers, "CHOICES", classifiers.CHOICES + [tiny])  # what find_classifier reads
    result = explain(photo("coffee.jpg"), tiny.name, "GradCAM")
    assert result.cam.shape == result.overlay.shape[:2]
    assert np.isfinite(result.cam).all()


def test_a_typed_hub_model_is_explained_too(own_model_in_cache):
    """Your own timm classifier (a hub id typed into the model field): its classes, its layers, a map."""
    image = Image.open(GRADCAM_EXAMPLES / "cat_on_grass.jpg").convert("RGB")
    assert set(top_classes(image, own_model_in_cache, k=3)) == {"ant", "bee", "cicada"}
    assert layer_names(own_model_in_cache)[0] == "layer4[-1]"
    result = explain(image, own_model_in_cache, "GradCAM", target="bee")
    assert result.target == "bee" and result.cam.shape == (160, 160) and np.isfinite(result.cam).all()
