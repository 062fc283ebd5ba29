"""Tests of the inpaint tab: RePaint with the repo's DDPM really fills a hidden half of real
Fashion-MNIST items (much closer to the truth than OpenCV's Telea or a mean fill), seeded
determinism, masks from the editor's layers, Stable Diffusion's code path on a tiny random
pipeline saved to a local folder, bad inputs, and the /inpaint endpoint."""

import numpy as np
import pytest
import torch
from PIL import Image

from apps.inpaint import model
from apps.inpaint.editor import quick_mask, read_editor
from apps.inpaint.images import fit_item, paste_back, telea, to_tensor
from apps.inpaint.model import CHOICES, REPAINT_NAME, SD_NAME, repaint, stable_diffusion
from apps.inpaint.repaint import repaint_loop
from apps.inpaint.stable import load_sd_inpaint, sd_inpaint
from conftest import ROOT, require, serve_tab
from shared.errors import UserError
from shared.models import CACHE, ModelChoice, find_choice

EXAMPLES = ROOT / "apps" / "inpaint" / "examples"
ITEMS = {"ankle_boot": 0, "trouser": 2, "tshirt": 19, "dress": 13, "sneaker": 9, "bag": 18}  # test split


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One torch thread, as the app runs each request (APP_CPU_THREADS=1)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def example(name: str) -> Image.Image:
    return Image.open(EXAMPLES / f"{name}.png").convert("RGB")


def right_half(image: Image.Image) -> np.ndarray:
    return quick_mask((image.height, image.width), "right half")


def fashion_data():
    from shared.fashion_cnn import DEFAULT_DATA_DIR, load_split

    require(DEFAULT_DATA_DIR.is_dir(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)",
            "REQUIRE_DATA")
    return load_split(DEFAULT_DATA_DIR, "t10k")


# --- RePaint with the repo's DDPM: real answers ------------------------------------------------

def test_offline_default_is_the_embedded_ddpm():
    assert find_choice(CHOICES, None).name == REPAINT_NAME and find_choice(CHOICES, None).embedded


def test_repaint_fills_a_hidden_half_closer_to_the_truth_than_telea_or_a_mean_fill():
    """One test item of each class, right half hidden. A sampler that ignored the known half,
    or returned noise, would be far off (noise fill: MSE ~1.1; Telea ~0.56; RePaint ~0.1)."""
    from shared.classifiers import load_fashion_cnn

    images, labels = fashion_data()
    index = [int(np.flatnonzero(labels == c)[0]) for c in range(10)]
    truth = torch.cat([to_tensor(np.pad(images[i], 2)) for i in index])  # (10, 1, 32, 32)
    known = torch.ones_like(truth)
    known[:, :, :, 16:] = 0
    hole = known == 0
    with CACHE.use(find_choice(CHOICES, REPAINT_NAME)) as ddpm:
        filled, _, calls = repaint_loop(ddpm.unet, ddpm.scheduler_config, truth, known, seed=0,
                                        steps=25, jump_length=5, jump_n_sample=2)
    assert calls == 45 and torch.isfinite(filled).all()
    assert torch.allclose(filled[~hole], truth[~hole], atol=1e-5)  # the known half is kept exactly
    telea_fill = torch.cat([to_tensor(telea(np.pad(images[i], 2), hole[0, 0].numpy())) for i in index])
    mean_fill = torch.where(hole, truth[~hole].mean(), truth)

    def mse(x):
        return float(((x - truth)[hole] ** 2).mean())

    def accuracy(x):
        cnn = load_fashion_cnn("cpu", "float32").model
        with torch.no_grad():
            predicted = cnn(((x[:, :, 2:30, 2:30] + 1) / 2).clamp(0, 1)).argmax(1).numpy()
        return float((predicted == labels[index]).mean())

    assert mse(filled) < 0.4 * mse(telea_fill) and mse(filled) < 0.5 * mse(mean_fill), \
        (mse(filled), mse(telea_fill), mse(mean_fill))
    assert accuracy(filled) >= 0.9 and accuracy(filled) > accuracy(telea_fill)  # still its class


def test_repaint_is_reproducible_for_a_seed():
    boot = example("ankle_boot")
    first, again, other = (repaint(boot, right_half(boot), seed=s, steps=10) for s in (3, 3, 4))
    assert np.array_equal(first.result, again.result)
    assert not np.array_equal(first.result, other.result)
    assert first.result.dtype == np.uint8 and first.result.shape == (32, 32)
    # Outside the hole both seeds agree: the known pixels are the input's own.
    item, hole = fit_item(boot, right_half(boot))
    assert np.array_equal(first.result[~hole], item[~hole])


def test_repaint_reports_progress_and_the_reverse_process():
    boot = example("ankle_boot")
    seen = []
    result = repaint(boot, right_half(boot), steps=20, jump_length=5, jump_n_sample=2,
                     on_step=lambda i, n: seen.append((i, n)))
    total = 20 + 15 * 2  # 20 reverse steps, 15 redone after 3 jumps back of 5 steps each
    assert seen == [(i, total) for i in range(1, total + 1)]
    assert result.evaluations == 35 and result.seconds > 0
    assert len(result.frames) == 8 and result.frames[-1][1] == "t=0"
    assert any("re-noised" in caption for _, caption in result.frames)
    noisy, clean = result.frames[0][0].astype(float), result.frames[-1][0].astype(float)
    assert np.abs(np.diff(noisy, axis=1)).mean() > 2 * np.abs(np.diff(clean, axis=1)).mean()  # noise -> image
    assert result.telea.shape == result.filled.shape == (224, 224, 3) and result.seen.shape == (32, 32, 3)
    assert result.notes == []  # a Fashion-MNIST item: no "this is not clothing" warning


def test_a_photo_is_turned_into_an_item_and_the_person_is_warned():
    cat = Image.open(EXAMPLES / "chelsea.jpg").convert("RGB")
    result = repaint(cat, quick_mask((cat.height, cat.width), "centre square"), steps=5)
    assert result.result.shape == (32, 32) and "only knows Fashion-MNIST" in result.notes[0]
    assert "Telea" in result.notes[0]  # ... and points to the fill that works on a photo


@pytest.mark.parametrize("size", [(224, 224), (451, 300), (37, 90), (1000, 701)])
def test_the_fill_has_the_uploads_size_and_framing_and_keeps_every_known_pixel(size):
    """The 32x32 canvas is internal: the answer is the upload, with only the masked pixels
    painted; those come back where they were, in the upload's greys."""
    photo = Image.open(EXAMPLES / "chelsea.jpg").convert("RGB").resize(size)
    mask = quick_mask((size[1], size[0]), "right half")
    result = repaint(photo, mask, steps=5)
    upload = np.asarray(photo)
    assert result.filled.shape == result.before.shape == result.telea.shape == upload.shape
    assert np.array_equal(result.filled[~mask], upload[~mask]) and np.array_equal(result.telea[~mask], upload[~mask])
    assert np.array_equal(result.before[~mask], upload[~mask]) and (result.before[mask] != upload[mask]).any()
    # Framing: the model's own reconstruction of the known half, pasted back the same way,
    # lands on the upload's greys (mean error of a 28x28 round trip, not a shifted image).
    item, _ = fit_item(photo, mask)
    known = ~mask
    round_trip = paste_back(item, photo, known)
    grey = np.asarray(photo.convert("L"), dtype=float)
    assert np.abs(round_trip[known][:, 0] - grey[known]).mean() < 25
    shifted = np.roll(round_trip[:, :, 0].astype(float), max(2, size[0] // 8), axis=1)
    assert np.abs(shifted[known] - grey[known]).mean() > np.abs(round_trip[known][:, 0] - grey[known]).mean()


def test_examples_are_the_fashion_mnist_test_items_the_licence_names():
    images, _ = fashion_data()
    for name, index in ITEMS.items():
        pixels = np.asarray(Image.open(EXAMPLES / f"{name}.png"))
        assert np.array_equal(pixels[::8, ::8], images[index]), name


def test_fit_item_keeps_a_fashion_item_exact_and_maps_the_mask_with_it():
    boot = example("ankle_boot")
    item, hole = fit_item(boot, right_half(boot))
    assert item.shape == hole.shape == (32, 32) and item.dtype == np.uint8
    assert np.array_equal(item[2:30, 2:30], np.asarray(boot.convert("L"))[::8, ::8])
    assert hole[2:30, 16:30].all() and not hole[:, :16].any() and not hole[:2].any()
    # A catalogue photo (dark item on white) is inverted to the dataset's white-on-black.
    dark = Image.fromarray(255 - np.asarray(boot))
    assert np.abs(fit_item(dark, right_half(dark))[0].astype(int) - item).max() <= 1


# --- the editor's value -> image and mask ---------------------------------------------------------

def editor_value(image, *layers):
    return {"background": image, "layers": list(layers), "composite": None}


def test_mask_comes_from_the_painted_layers_alpha_not_their_colour():
    boot = example("ankle_boot")
    stroke = Image.new("RGBA", boot.size, (0, 0, 0, 0))
    stroke.paste((200, 200, 200, 153), (10, 20, 60, 90))  # grey paint on a grey item: alpha tells
    faint = Image.new("RGBA", boot.size, (255, 0, 0, 10))  # nearly transparent: not painted
    image, mask, _ = read_editor(editor_value(boot, stroke, faint))
    assert image.mode == "RGB" and mask.sum() == 50 * 70 and mask[20:90, 10:60].all()


def test_an_opaque_black_and_white_layer_is_a_mask_and_sizes_are_matched():
    boot = example("ankle_boot")
    bw = Image.new("L", (112, 112), 0)
    bw.paste(255, (56, 0, 112, 112))  # white right half, at half the image's size
    _, mask, _ = read_editor(editor_value(boot, bw.convert("RGB")))
    assert np.array_equal(mask, right_half(boot))


def test_quick_masks_add_to_the_painted_one():
    boot = example("ankle_boot")
    _, mask, _ = read_editor(editor_value(boot), "lower half")
    assert mask[112:].all() and not mask[:112].any()
    _, centre, _ = read_editor(editor_value(boot), "centre square")
    assert centre.sum() == 90 * 90


@pytest.mark.parametrize("value, quick, message", [
    (None, None, "No image"),
    ({"background": None, "layers": [], "composite": None}, None, "No image"),
    ("editor", None, "paint over the part to fill"),
    ("editor", "upside down", "unknown quick mask 'upside down'; choose one of: painted only"),
    ("full", None, "covers 100% of the image"),
])
def test_bad_editor_values_are_explained(value, quick, message):
    boot = example("ankle_boot")
    if value == "editor":
        value = editor_value(boot, Image.new("RGBA", boot.size, (0, 0, 0, 0)))
    elif value == "full":
        value = editor_value(boot, Image.new("RGBA", boot.size, (255, 0, 0, 200)))
    with pytest.raises(UserError, match=message):
        read_editor(value, quick)


@pytest.mark.parametrize("settings, message", [
    ({"steps": 0}, "steps must be between 1 and 1000"),
    ({"eta": float("nan")}, "eta must be between 0 and 1"),
    ({"seed": -1}, "seed must be between 0 and"),
    ({"steps": 1000, "jump_n_sample": 10}, "network evaluations; the limit is 1500"),
])
def test_bad_repaint_settings_are_refused_clearly(settings, message):
    boot = example("ankle_boot")
    with pytest.raises(UserError, match=message):
        repaint(boot, right_half(boot), **settings)


def test_a_thin_stroke_that_vanishes_at_32_pixels_is_explained():
    boot = example("ankle_boot")
    mask = np.zeros((224, 224), dtype=bool)
    mask[100, 50:150] = True  # one pixel high: 1/8 of a 32x32 pixel
    with pytest.raises(UserError, match="vanishes at 32x32"):
        repaint(boot, mask)


def test_unknown_model_names_the_choices():
    boot = example("ankle_boot")
    with pytest.raises(UserError, match="choose one of: .*RePaint"):
        model.inpaint(boot, right_half(boot), "DALL-E")


# --- Stable Diffusion's code path on a tiny random pipeline ------------------------------------

def tiny_clip_tokenizer():
    """A CLIP tokenizer with a byte-level vocabulary and no merges: every character is a token.
    The real one (49408 tokens) is on the hub; this one needs no network."""
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTokenizer

    chars = sorted(ByteLevel.alphabet())
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    vocab.update({c: len(vocab) + i for i, c in enumerate(chars)})
    vocab.update({c + "</w>": len(vocab) + i for i, c in enumerate(chars)})
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


@pytest.fixture(scope="module")
def tiny_sd_folder(tmp_path_factory):
    """An SD inpainting pipeline as diffusers' own tests build it (9-channel UNet), random
    weights, saved with save_pretrained: what a hub snapshot looks like, 1 MB instead of 2 GB."""
    from diffusers import AutoencoderKL, PNDMScheduler, StableDiffusionInpaintPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(0)
    unet = UNet2DConditionModel(block_out_channels=(32, 64), layers_per_block=2, sample_size=32, in_channels=9,
                                out_channels=4, down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
                                up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"), cross_attention_dim=32)
    vae = AutoencoderKL(block_out_channels=[32, 64], in_channels=3, out_channels=3, latent_channels=4,
                        down_block_types=["DownEncoderBlock2D"] * 2, up_block_types=["UpDecoderBlock2D"] * 2)
    tokenizer = tiny_clip_tokenizer()
    text_encoder = CLIPTextModel(CLIPTextConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
        num_attention_heads=4, max_position_embeddings=77, bos_token_id=0, eos_token_id=1, pad_token_id=1))
    scheduler = PNDMScheduler(skip_prk_steps=True, steps_offset=1)
    pipe = StableDiffusionInpaintPipeline(vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet,
                                          scheduler=scheduler, safety_checker=None, feature_extractor=None,
                                          requires_safety_checker=False)
    folder = tmp_path_factory.mktemp("tiny_sd_inpaint")
    pipe.save_pretrained(folder)
    return folder


@pytest.fixture
def tiny_sd_choice(tiny_sd_folder, monkeypatch):
    """The tiny pipeline as one more model choice (a local folder as its hub id), at 64 px."""
    from functools import partial

    choice = ModelChoice("Tiny SD inpainting (test)", partial(load_sd_inpaint, str(tiny_sd_folder), None),
                         hub_id=str(tiny_sd_folder), revision=None, allow_fp16=True)
    CHOICES.append(choice)  # in place: ui.py holds the same list
    monkeypatch.setattr(model, "SD_SIZE", 64)
    yield choice
    CHOICES.remove(choice)


def cat_and_mask():
    cat = Image.open(EXAMPLES / "chelsea.jpg").convert("RGB").resize((64, 48))
    mask = np.zeros((48, 64), dtype=bool)
    mask[10:30, 20:40] = True
    return cat, mask


def test_a_pipeline_with_only_fp16_safetensors_loads_in_float32_on_a_cpu(tiny_sd_folder, tmp_path, monkeypatch):
    """The hub's stable-diffusion-inpainting keeps its safetensors only as *.fp16.safetensors on
    main (issue 18): a folder laid out so, loaded as a CPU loads it, runs in float32."""
    from diffusers import AutoPipelineForInpainting

    from apps.inpaint import stable

    folder = tmp_path / "fp16_only"
    AutoPipelineForInpainting.from_pretrained(tiny_sd_folder, dtype=torch.float16).save_pretrained(folder, variant="fp16")
    assert not list(folder.glob("*/diffusion_pytorch_model.safetensors")) and list(folder.glob("unet/*.fp16.safetensors"))
    pipe = load_sd_inpaint(str(folder), None, "cpu", "float32")
    assert pipe.unet.dtype == torch.float32 and pipe.vae.dtype == torch.float32
    cat, mask = cat_and_mask()
    assert sd_inpaint(pipe, cat, mask, "a dog", steps=2)[0].shape == (48, 64, 3)
    assert stable.weights_variant(str(tiny_sd_folder)) is None  # a plain folder is read as it is
    # The hub repo: always its fp16 files, also for a CPU in float32 (what failed before).
    seen = {}
    monkeypatch.setattr(AutoPipelineForInpainting, "from_pretrained", lambda repo, **kw: seen.update(kw) or 1 / 0)
    with pytest.raises(ZeroDivisionError):
        load_sd_inpaint(model.SD_REPO, "main", "cpu", "float32")
    assert seen["variant"] == "fp16" and seen["dtype"] == torch.float32 and seen["use_safetensors"]


def test_sd_inpaint_on_a_tiny_pipeline(tiny_sd_folder):
    pipe = load_sd_inpaint(str(tiny_sd_folder), None, "cpu", "float32")
    cat, mask = cat_and_mask()
    steps = []
    image, frames, run, flagged = sd_inpaint(pipe, cat, mask, "a dog's face", "blurry", steps=5, seed=0,
                                             on_step=lambda i, n: steps.append((i, n)))
    assert image.shape == (48, 64, 3) and image.dtype == np.uint8 and not flagged
    assert run == 6 and steps == [(i, 6) for i in range(1, 7)]  # PNDM runs steps + 1
    assert 1 <= len(frames) <= 8 and frames[0][0].shape == (24, 32, 3)  # latents at half size
    far = np.ones_like(mask)
    far[0:40, 10:50] = False  # 10 px away from the mask and its soft seam: the input's own pixels
    assert np.array_equal(image[far], np.asarray(cat)[far])
    assert np.abs(image[mask].astype(int) - np.asarray(cat)[mask]).mean() > 10  # painted anew
    again = sd_inpaint(pipe, cat, mask, "a dog's face", "blurry", steps=5, seed=0)[0]
    other = sd_inpaint(pipe, cat, mask, "a dog's face", "blurry", steps=5, seed=1)[0]
    assert np.array_equal(image, again) and not np.array_equal(image, other)
    assert sd_inpaint(pipe, cat, mask, steps=10, strength=0.5)[2] == 6  # half the steps (+1)


def test_stable_diffusion_with_odd_prompts(tiny_sd_choice):
    cat, mask = cat_and_mask()
    long_prompt = "a red knitted scarf 🧣, ünïcödé, 中文 " * 300  # ~10k characters
    result = stable_diffusion(cat, mask, tiny_sd_choice.name, long_prompt, "\x00\u202e", steps=3)
    assert result.result.shape == (48, 64, 3) and result.telea.shape == result.filled.shape == (48, 64, 3)
    assert np.array_equal(result.filled[~mask], np.asarray(cat)[~mask])  # only the hole is painted
    assert result.model == tiny_sd_choice.name and result.evaluations == 4
    assert "CLIP reads only the first 77" in result.notes[0]


@pytest.mark.parametrize("settings, message", [
    ({"strength": 0}, "strength must be between 0.01 and 1"),
    ({"guidance": 100}, "guidance must be between 0 and 30"),
    ({"prompt": 42}, "the prompt must be text"),
])
def test_bad_sd_settings_are_refused(tiny_sd_choice, settings, message):
    cat, mask = cat_and_mask()
    with pytest.raises(UserError, match=message):
        stable_diffusion(cat, mask, tiny_sd_choice.name, **settings)


def test_hub_sd_offline_without_cache_says_so():
    cat, mask = cat_and_mask()
    with pytest.raises(UserError, match="offline"):
        stable_diffusion(cat, mask, SD_NAME, "a dog", steps=2)


# --- the /inpaint endpoint ---------------------------------------------------------------------

def test_api(tmp_path, tiny_sd_choice):
    from gradio_client import handle_file

    from apps.inpaint import SPEC

    def editor(path, *layers):
        return {"background": handle_file(path), "layers": [handle_file(p) for p in layers], "composite": None}

    stroke = tmp_path / "stroke.png"
    layer = Image.new("RGBA", (224, 224), (0, 0, 0, 0))
    layer.paste((255, 59, 59, 153), (112, 0, 224, 224))
    layer.save(stroke)
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"junk" * 99)
    boot = EXAMPLES / "ankle_boot.png"
    with serve_tab(SPEC) as client:
        (given, result), telea_out, frames, seen, download, info = client.predict(
            editor(boot, stroke), "painted only", REPAINT_NAME, "", "", 20, 7.5, 1.0, 0, 5, 2, 1.0,
            api_name="/inpaint")
        # the before/after slider's pair and Telea's fill have the upload's size (224 px: shown as is)
        assert Image.open(given).size == Image.open(result).size == Image.open(telea_out).size == (224, 224)
        assert Image.open(seen).size == (256, 256)  # the 32x32 canvas, enlarged 8x
        assert Image.open(download).size == (224, 224) and len(frames) == 8
        painted = np.asarray(Image.open(stroke))[:, :, 3] > 0
        uploaded, filled = np.asarray(Image.open(boot).convert("RGB")), np.asarray(Image.open(download))
        assert np.array_equal(filled[~painted], uploaded[~painted])  # only the painted pixels changed
        assert "35 denoising network evaluations" in info and "32x32" in info and "224x224" in info
        quick = client.predict(editor(boot), "right half", REPAINT_NAME, "", "", 20, 7.5, 1.0, 0, 5, 2, 1.0,
                               api_name="/inpaint")
        assert np.array_equal(np.asarray(Image.open(quick[4])), np.asarray(Image.open(download)))
        sd = client.predict(editor(EXAMPLES / "chelsea.jpg"), "centre square", tiny_sd_choice.name,
                            "🧣 " * 5000, "", 3, 7.5, 1.0, 0, 5, 2, 1.0, api_name="/inpaint")
        assert Image.open(sd[4]).size == (451, 300) and "4 denoising network evaluations" in sd[5]
        assert "painted at 64x40 px" in sd[5]
        for args, message in [
            ((None, "right half", REPAINT_NAME), "No image"),
            ((editor(boot), "painted only", REPAINT_NAME), "paint over the part to fill"),
            ((editor(corrupt), "right half", REPAINT_NAME), "not an image we can read"),
            ((editor(EXAMPLES / "chelsea.jpg"), "right half", SD_NAME), "offline"),
        ]:
            with pytest.raises(Exception, match=message) as error:
                client.predict(*args, "", "", 20, 7.5, 1.0, 0, 5, 2, 1.0, api_name="/inpaint")
            assert "Traceback" not in str(error.value)
