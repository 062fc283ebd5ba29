"""Online extra: the Stable Diffusion VAE (diffusers AutoencoderKL) squeezes a photo 48x.

A 512x512 RGB photo (786,432 numbers) becomes a 4x64x64 latent (16,384 numbers): the space
in which Stable Diffusion's UNet works. Decoding it back shows what that compression keeps.
"""

from functools import partial

import numpy as np
import torch
from PIL import Image

from shared.errors import UserError
from shared.gpu import gpu
from shared.hub import hub_file, is_offline
from shared.models import CACHE, ModelChoice, find_choice

MAX_SIDE = 512  # the size SD 1.x was trained at; larger photos are scaled down first
# On a CPU, 256: encode + decode at 512 px take 31 s on one thread (bench/cpu_space.py), a
# quarter of that at 256, with the same 8x8 compression to look at.
CPU_MAX_SIDE = 256


def load_autoencoder(repo_id: str, revision: str | None, device: str, dtype: str):
    """diffusers AutoencoderKL from a hub repo (pinned revision) or a local folder."""
    from diffusers import AutoencoderKL

    hub_file(repo_id, "config.json", revision)  # offline and not cached: a clear message
    return AutoencoderKL.from_pretrained(repo_id, revision=revision, local_files_only=is_offline(),
                                         use_safetensors=True, torch_dtype=getattr(torch, dtype)).eval().to(device)


def sd_vae_choice(name: str, repo_id: str, revision: str = "main") -> ModelChoice:
    return ModelChoice(name, partial(load_autoencoder, repo_id, revision), hub_id=repo_id, revision=revision,
                       allow_fp16=True, about="the VAE of Stable Diffusion 1.x, fine-tuned with an MSE loss")


SD_CHOICES = [sd_vae_choice("Stable Diffusion VAE · sd-vae-ft-mse (hub)", "stabilityai/sd-vae-ft-mse",
                            "31f26fdeee1355a5c34592e401dd41e45d25a493")]  # a commit: the Space stays the same


def fit_for_vae(image: Image.Image, factor: int, max_side: int = MAX_SIDE) -> Image.Image:
    """Scale down so the longer side is at most max_side, then crop both sides to a multiple
    of `factor` (the VAE halves the size log2(factor) times)."""
    image = image.copy()
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    width, height = (image.width // factor) * factor, (image.height // factor) * factor
    if width == 0 or height == 0:
        raise UserError(f"the image is too small for this VAE: each side needs at least {factor} pixels")
    return image.crop((0, 0, width, height))


def channel_images(latent: np.ndarray, scale: int) -> list[Image.Image]:
    """(C, h, w) latent -> one grey image per channel, each stretched to its own min..max."""
    out = []
    for channel in latent:
        low, high = float(channel.min()), float(channel.max())
        pixels = ((channel - low) / max(high - low, 1e-6) * 255).round().astype(np.uint8)
        out.append(Image.fromarray(pixels).resize((channel.shape[1] * scale, channel.shape[0] * scale),
                                                  Image.Resampling.NEAREST))
    return out


@gpu
@torch.no_grad()
def sd_roundtrip(image: Image.Image, model: str | None = None) -> tuple[list[Image.Image], Image.Image, str]:
    """RGB photo -> (latent channel images, reconstruction, a Markdown line with the sizes,
    the compression ratio and the reconstruction PSNR)."""
    with CACHE.use(find_choice(SD_CHOICES, model)) as vae:
        factor = 2 ** (len(vae.config.block_out_channels) - 1)
        image = fit_for_vae(image, factor, MAX_SIDE if vae.device.type == "cuda" else CPU_MAX_SIDE)
        pixels = np.asarray(image, dtype=np.float32) / 127.5 - 1  # (H, W, 3) in [-1, 1]
        x = torch.from_numpy(pixels).permute(2, 0, 1)[None].to(vae.device, vae.dtype)
        latent = vae.encode(x).latent_dist.mean  # (1, 4, H/8, W/8); the mean, no sampling
        decoded = vae.decode(latent).sample[0].float().clamp(-1, 1).permute(1, 2, 0).cpu().numpy()
    latent = latent[0].float().cpu().numpy()
    reconstruction = ((decoded + 1) * 127.5).round().astype(np.uint8)
    mse = float(np.mean((reconstruction.astype(np.float32) - np.asarray(image, np.float32)) ** 2))
    psnr = 10 * np.log10(255 ** 2 / max(mse, 1e-10))
    ratio = pixels.size / latent.size
    info = (f"{image.width}x{image.height}x3 = {pixels.size:,} numbers -> latent "
            f"{latent.shape[0]}x{latent.shape[1]}x{latent.shape[2]} = {latent.size:,} numbers: "
            f"**{ratio:.0f}x** fewer. Reconstruction PSNR {psnr:.1f} dB.")
    return channel_images(latent, factor), Image.fromarray(reconstruction), info
