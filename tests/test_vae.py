"""The vae tab: the shipped VAEs reproduce their model cards, decode real items, and the
Stable Diffusion path works on a tiny random AutoencoderKL in a local folder."""

import json

import numpy as np
import pytest
import torch
from gradio_client import handle_file
from PIL import Image

from apps.vae import SPEC, model as vae_model, sd_vae
from apps.vae.model import VAE_2D, VAE_16D
from conftest import ROOT, require, serve_tab
from shared.classifiers import fashion_preprocess, load_fashion_cnn
from shared.errors import UserError
from shared.fashion_cnn import CLASSES, DEFAULT_DATA_DIR, load_split
from shared.models import CACHE

EXAMPLES = ROOT / "apps" / "vae" / "examples"


def item(name: str) -> Image.Image:
    return Image.open(next(EXAMPLES.glob(f"{name}_test*.png"))).convert("RGB")


def fashion_class(image: Image.Image) -> str:
    """What the repo's Fashion-MNIST CNN (94.5 % test accuracy) sees in a decoded item."""
    clf = load_fashion_cnn("cpu", "float32")
    with torch.no_grad():
        return CLASSES[clf.model(fashion_preprocess(image.convert("RGB"))[None]).argmax().item()]


@pytest.fixture(scope="module")
def test_split():
    require(DEFAULT_DATA_DIR.is_dir(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)",
            "REQUIRE_DATA")
    images, labels = load_split(DEFAULT_DATA_DIR, "t10k")
    return torch.from_numpy(images.astype(np.float32) / 255).unsqueeze(1), labels


@pytest.mark.parametrize("name, folder", [(VAE_2D, "latent2"), (VAE_16D, "latent16")])
def test_shipped_vaes_match_their_model_cards(test_split, name, folder):
    """-ELBO, reconstruction and KL on the 10,000 test images, recomputed on CPU from the
    committed weights, agree with metrics.json (one z sample per image, hence the tolerance);
    the stored latent means for the map are the encoder's."""
    from apps.vae.vae import vae_loss

    x, _ = test_split
    card = json.loads((ROOT / "models" / "vae" / folder / "metrics.json").read_text())
    torch.manual_seed(0)
    with CACHE.use(vae_model.find_choice(vae_model.CHOICES, name)) as vae, torch.no_grad():
        rec, kl, means = [], [], []
        for i in range(0, len(x), 2000):
            logits, mean, logvar = vae.model(x[i:i + 2000])
            r, k = vae_loss(logits, x[i:i + 2000], mean, logvar)
            rec.append(r), kl.append(k), means.append(mean)
        stored = torch.from_numpy(vae.test_means)
    assert abs(torch.cat(rec).mean().item() - card["reconstruction_nats"]) < 1.0
    assert abs(torch.cat(kl).mean().item() - card["kl_nats"]) < 0.2
    assert torch.allclose(torch.cat(means), stored, atol=0.02)  # stored as fp16


def test_reconstructions_keep_the_class(test_split):
    """Decoding an image's latent mean gives back the same kind of item: the repo's Fashion CNN
    names the true class of most 16-D VAE reconstructions (models/vae/MODEL_CARD.md: 76 % on the
    test split, against 94.5 % for the original images; a broken decoder gives about 10 %)."""
    x, labels = test_split
    x, labels = x[:500], labels[:500]
    clf = load_fashion_cnn("cpu", "float32")
    with CACHE.use(vae_model.find_choice(vae_model.CHOICES, VAE_16D)) as vae, torch.no_grad():
        reconstructed = vae.model.decode(vae.model.encode(x)[0])
        accuracy = (clf.model(reconstructed).argmax(1).numpy() == labels).mean()
    assert accuracy > 0.7, accuracy


def test_the_2d_map_separates_classes(test_split):
    """In the 2-D latent space, a test image's nearest neighbour (among the other stored test
    means) has the same class most of the time: the map's colours form regions."""
    with CACHE.use(vae_model.find_choice(vae_model.CHOICES, VAE_2D)) as vae:
        means, labels = vae.test_means[:2000], vae.test_labels[:2000]
    assert (labels == test_split[1][:2000]).all()
    distances = ((means[:, None] - means[None]) ** 2).sum(-1)
    np.fill_diagonal(distances, np.inf)
    assert (labels[distances.argmin(1)] == labels).mean() > 0.6


def test_decode_is_fast_deterministic_and_an_item():
    first, again = vae_model.decode([0.0, 0.0]), vae_model.decode([0.0, 0.0])
    pixels = np.asarray(first)
    assert first.size == (168, 168) and (pixels == np.asarray(again)).all()
    assert pixels.max() > 150 and pixels[:5].mean() < 40  # a bright item on a black border
    assert not (pixels == np.asarray(vae_model.decode([2.0, 2.0]))).all()


def test_decode_refuses_the_wrong_number_of_coordinates():
    with pytest.raises(UserError, match="has 16 latent dimensions"):
        vae_model.decode([0.0, 0.0], VAE_16D)
    with pytest.raises(UserError, match="choose one of"):
        vae_model.decode([0.0, 0.0], "no such model")


def test_map_clicks_and_latents_round_trip():
    for z in [(0.0, 0.0), (1.5, -2.25), (-3.5, 3.5)]:
        (px, py), = vae_model.to_map_pixels(np.array([z]))
        assert vae_model.from_map_pixels(px, py) == pytest.approx(z, abs=0.01)
    image = vae_model.latent_map(VAE_2D, marker=(1.0, 1.0))
    assert image.size == (vae_model.MAP_SIZE,) * 2 and len(image.getcolors(10_000)) > 10
    with pytest.raises(UserError, match="2-D latent"):
        vae_model.latent_map(VAE_16D)


@pytest.mark.parametrize("model", [VAE_2D, VAE_16D])
def test_interpolation_goes_from_start_to_end(model):
    strip = vae_model.interpolate(item("ankle_boot"), item("trouser"), model, steps=6)
    assert len(strip) == 6
    assert fashion_class(strip[0]) == "Ankle boot" and fashion_class(strip[-1]) == "Trouser"


def test_prior_samples_are_seeded():
    a, b, c = (vae_model.sample_grid(VAE_16D, seed, rows=4) for seed in (1, 1, 2))
    assert a.size == (4 * 28 * 3,) * 2
    assert np.array_equal(np.asarray(a), np.asarray(b)) and not np.array_equal(np.asarray(a), np.asarray(c))
    with pytest.raises(UserError, match="rows must be between"):
        vae_model.sample_grid(VAE_16D, 0, rows=100)


@pytest.fixture(scope="module")
def tiny_autoencoder(tmp_path_factory):
    """A tiny random AutoencoderKL (two blocks: 2x smaller latents), saved like a hub repo."""
    from diffusers import AutoencoderKL

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-vae")
    AutoencoderKL(block_out_channels=[8, 16], norm_num_groups=8, latent_channels=4,
                  down_block_types=["DownEncoderBlock2D"] * 2, up_block_types=["UpDecoderBlock2D"] * 2,
                  ).save_pretrained(folder)
    return folder


def test_sd_vae_code_path_on_a_tiny_local_model(tiny_autoencoder, monkeypatch):
    monkeypatch.setattr(sd_vae, "SD_CHOICES", [sd_vae.sd_vae_choice("tiny", str(tiny_autoencoder))])
    photo = Image.open(ROOT / "apps" / "classify" / "examples" / "chelsea.jpg").convert("RGB")  # 451x300
    channels, reconstruction, info = sd_vae.sd_roundtrip(photo, "tiny")
    # On a CPU the long side is CPU_MAX_SIDE (256): 256x170, a multiple of 2 (512 on a GPU).
    assert len(channels) == 4 and reconstruction.size == (256, 170)
    assert channels[0].size == (256, 170)  # each latent pixel shown 2x2
    assert "256x170x3 = 130,560 numbers" in info and "4x85x128 = 43,520" in info and "**3x**" in info
    assert sd_vae.fit_for_vae(photo, 2).size == (450, 300)  # the GPU's 512: cropped to a multiple of 2


def test_sd_vae_offline_without_cache_says_so():
    photo = Image.new("RGB", (64, 64))
    with pytest.raises(UserError, match="offline"):
        sd_vae.sd_roundtrip(photo)


def test_api(tmp_path):
    with serve_tab(SPEC) as client:
        decoded = client.predict(0.5, -1.0, api_name="/vae")
        assert Image.open(decoded).size == (168, 168)
        strip = client.predict(handle_file(EXAMPLES / "sneaker_test9.png"), handle_file(EXAMPLES / "bag_test18.png"),
                               VAE_16D, 5, api_name="/vae_interpolate")
        assert len(strip) == 5
        grid = client.predict(VAE_2D, 3, 3, api_name="/vae_sample")
        assert Image.open(grid).size == (252, 252)
        with pytest.raises(Exception, match="No image"):
            client.predict(None, None, VAE_16D, 5, api_name="/vae_interpolate")
        with pytest.raises(Exception, match="offline"):
            client.predict(handle_file(EXAMPLES / "bag_test18.png"), sd_vae.SD_CHOICES[0].name, api_name="/vae_sd")
