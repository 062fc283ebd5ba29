"""Tests of the style tab: real style transfer with the embedded models, measured in the terms
the lesson uses (content loss, Gram-matrix style loss), the hub VGG loader on a tiny local
folder, bad inputs, and the tab's API endpoints."""

import numpy as np
import pytest
import torch
from PIL import Image

from apps.style.fast import stylize_fast
from apps.style.gatys import Targets, measure, stylize_gatys, to_tensor
from apps.style.model import CHOICES, load_vgg_hub
from conftest import ROOT, serve_tab
from shared.errors import UserError
from shared.models import CACHE, find_choice

EXAMPLES = ROOT / "apps" / "style" / "examples"
EFFICIENTNET = "EfficientNet-Lite0 features (embedded)"
SIZE = 128  # small and few steps: the whole file runs in well under a minute on 2 cores


def image(name: str) -> Image.Image:
    return Image.open(EXAMPLES / name).convert("RGB")


@pytest.fixture(scope="module")
def cat_and_painting():
    return image("chelsea.jpg"), image("starry_night.jpg")


@pytest.fixture(scope="module")
def judge(cat_and_painting):
    """losses(img) -> Losses of any RGB image (PIL or uint8 array) against the cat (content)
    and Starry Night (style), through the embedded EfficientNet-Lite0 features at 256 px."""
    content, style = cat_and_painting
    with CACHE.use(find_choice(CHOICES, EFFICIENTNET)) as net:
        targets = Targets(net, to_tensor(content, 256, "cpu"), to_tensor(style, 256, "cpu"))

    def losses(img):
        img = Image.fromarray(img) if isinstance(img, np.ndarray) else img
        return measure(targets, to_tensor(img.resize(content.size), 256, "cpu"))

    return losses


def run_gatys(content, style, **kwargs):
    kwargs = {"size": SIZE, "steps": 40, **kwargs}
    return list(stylize_gatys(content, style, EFFICIENTNET, **kwargs))


def test_offline_default_is_the_embedded_feature_network():
    assert find_choice(CHOICES, None).name == EFFICIENTNET


def test_gatys_lowers_the_style_loss_while_the_content_stays(cat_and_painting, judge):
    content, style = cat_and_painting
    steps = run_gatys(content, style)
    first, last = steps[0].before, steps[-1].now
    assert last.style < 0.25 * first.style, (first, last)  # the Gram matrices moved to the painting's
    # The content drifts a little, but stays far from where an unrelated image is: the painting
    # itself, seen as a "stylised cat", has a content loss of ~1.8.
    assert last.content < 0.6 * judge(style).content, (last, judge(style))
    assert [s.step for s in steps] == [10, 20, 30, 40] and steps[-1].done


def test_gatys_output_shapes_ranges_and_determinism(cat_and_painting):
    content, style = cat_and_painting
    first = run_gatys(content, style, steps=10, seed=3)[-1]
    again = run_gatys(content, style, steps=10, seed=3)[-1]
    other = run_gatys(content, style, steps=10, seed=4)[-1]
    assert first.image.dtype == np.uint8 and first.image.shape == (85, 128, 3)  # 451x300 -> 128 long
    assert np.isfinite([first.now.content, first.now.style, first.before.style]).all()
    assert np.array_equal(first.image, again.image)
    assert not np.array_equal(first.image, other.image)


def test_fast_output_carries_the_style(cat_and_painting, judge):
    content, style = cat_and_painting
    result = stylize_fast(content, style, strength=1.0)
    assert result.image.dtype == np.uint8 and result.image.shape == (300, 451, 3)  # the cat's size
    assert 0 < result.image.std() and result.seconds > 0
    # Closer to the painting in Gram-matrix terms than the photo was (3.6 -> ~1.6).
    assert judge(result.image).style < 0.6 * judge(content).style


def test_fast_strength_interpolates_the_style_codes(cat_and_painting, judge):
    content, style = cat_and_painting
    zero, half, full = (stylize_fast(content, style, s, size=256).image for s in (0.0, 0.5, 1.0))
    assert judge(full).style < judge(half).style < judge(zero).style
    assert judge(zero).content < judge(full).content  # strength 0 keeps more of the photo
    # Magenta blends the 100-number style codes, not the pixels of two results.
    pixel_blend = (zero.astype(np.float32) + full.astype(np.float32)) / 2
    assert np.abs(half.astype(np.float32) - pixel_blend).mean() > 5


def test_fast_output_size_is_capped(cat_and_painting):
    content, style = cat_and_painting
    assert stylize_fast(content, style, size=200).image.shape == (133, 200, 3)


@pytest.mark.parametrize("call, message", [
    (lambda c, s: stylize_fast(c, s, strength=1.5), "strength must be between 0 and 1"),
    (lambda c, s: stylize_fast(c, s, size=4000), "size must be between"),
    (lambda c, s: run_gatys(c, s, steps=0), "iterations must be between"),
    (lambda c, s: run_gatys(c, s, size=1000), "size must be between 64 and 384"),
    (lambda c, s: run_gatys(c, s, content_weight=0, style_weight=0), "not both 0"),
    (lambda c, s: list(stylize_gatys(c, s, "AlexNet")), "choose one of: .*EfficientNet"),
])
def test_bad_settings_are_refused_clearly(cat_and_painting, call, message):
    with pytest.raises(UserError, match=message):
        call(*cat_and_painting)


def bad_files(folder):
    corrupt, dot = folder / "corrupt.png", folder / "dot.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 99)
    Image.new("RGB", (1, 1)).save(dot)
    return {"none": (None, "No image"), "corrupt": (str(corrupt), "not an image we can read"),
            "1x1": (str(dot), "only 1x1 pixels")}


@pytest.mark.parametrize("case", ["none", "corrupt", "1x1"])
@pytest.mark.parametrize("which", ["Content", "Style"])
def test_bad_images_say_which_image_and_what_is_wrong(tmp_path, which, case):
    from apps.style.ui import read_pair

    bad, message = bad_files(tmp_path)[case]
    good = str(EXAMPLES / "chelsea.jpg")
    pair = (bad, good) if which == "Content" else (good, bad)
    with pytest.raises(UserError, match=f"^{which} image: .*{message}"):
        read_pair(*pair)


def test_hub_vgg_offline_without_cache_says_so(cat_and_painting):
    hub = next(c for c in CHOICES if not c.embedded)
    with pytest.raises(UserError, match="offline"):
        list(stylize_gatys(*cat_and_painting, hub.name))


@pytest.fixture(scope="module")
def tiny_vgg_folder(tmp_path_factory):
    """A timm VGG-11 saved as on the hub (config.json + model.safetensors); a 1-unit hidden
    classifier layer keeps the file at 37 MB instead of 500 MB."""
    import timm
    from timm.models import save_for_hf

    args = {"mlp_ratio": 1 / 4096, "num_classes": 2}
    model = timm.create_model("vgg11", pretrained=False, **args).eval()
    folder = tmp_path_factory.mktemp("vgg11")
    save_for_hf(model, folder, model_args=args, safe_serialization=True)
    return folder, model


def test_hub_vgg_loader_on_a_local_folder(tiny_vgg_folder, cat_and_painting):
    folder, timm_model = tiny_vgg_folder
    net = load_vgg_hub(str(folder), None, "cpu", "float32")
    x = torch.rand(1, 3, 64, 96)
    features = net(x)
    assert features["relu1_1"].shape == (1, 64, 64, 96) and features["relu5_1"].shape == (1, 512, 4, 6)
    with torch.no_grad():  # the first block is exactly timm's (later ones differ: avg pooling)
        expected = timm_model.features[:2]((x - net.mean) / net.std)
    assert torch.allclose(features["relu1_1"], expected, atol=1e-5)
    assert torch.equal(net.stages["conv5_2"].weight, timm_model.features[-3].weight)
    # The image gets gradients through it: Gatys can optimise against this network.
    content, style = (to_tensor(img, 64, "cpu") for img in cat_and_painting)
    targets = Targets(net, content, style)
    image = content.clone().requires_grad_(True)
    sum(targets.losses(image)).backward()
    assert image.grad.abs().sum() > 0 and not any(p.requires_grad for p in net.parameters())


def test_api_endpoints(tmp_path):
    from gradio_client import handle_file

    from apps.style import SPEC

    with serve_tab(SPEC) as client:
        cat, painting = handle_file(EXAMPLES / "chelsea.jpg"), handle_file(EXAMPLES / "starry_night.jpg")
        (photo, fast), info = client.predict(cat, painting, 1.0, 256, api_name="/style")  # the before/after pair
        assert Image.open(fast).size == Image.open(photo).size == (256, 170) and " s** for one pass" in info
        out, table = client.predict(cat, painting, EFFICIENTNET, 1.0, 0.5, 20, 96, 0, api_name="/style_gatys")
        assert Image.open(out).size == (96, 64) and "Step 20/20" in table and "Gram" in table
        with pytest.raises(Exception, match="Content image: No image"):
            client.predict(None, painting, 1.0, 256, api_name="/style")
        dot = tmp_path / "dot.png"
        Image.new("RGB", (1, 1)).save(dot)
        with pytest.raises(Exception, match="Style image: .*1x1"):
            client.predict(cat, handle_file(dot), EFFICIENTNET, 1.0, 0.5, 20, 96, 0, api_name="/style_gatys")
