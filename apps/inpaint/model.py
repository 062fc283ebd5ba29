"""Inpainting three ways: RePaint with this repo's tiny DDPM (offline), Stable Diffusion
inpainting (online, hub), and OpenCV's Telea method (classical, no learning) beside both.
Plain PyTorch / numpy / OpenCV; no gradio here.

Images: RGB PIL in; masks: bool numpy (H, W), True = the part to fill. The answer (`filled`)
has the upload's size and framing: only the masked pixels change. The model's own canvas
(32x32 grey for RePaint, 512 px RGB for Stable Diffusion) is kept beside it, to show.
"""

import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image

from apps.inpaint.images import fit_item, looks_like_fashion, paste_back, show_mask, telea, to_tensor, to_uint8
from apps.inpaint.repaint import MAX_EVALUATIONS, plan, repaint_loop
from apps.inpaint.stable import (LCM_LORA_FILE, clean_text, load_sd_inpaint, load_sd_lcm, prompt_notes, sd_inpaint,
                                  working_size)
from shared.errors import UserError
from shared.gpu import gpu
from shared.models import CACHE, ModelChoice, find_choice

DDPM_DIR = Path(__file__).resolve().parents[2] / "models" / "inpaint" / "ddpm"
SD_REPO = "stable-diffusion-v1-5/stable-diffusion-inpainting"
SD_REVISION = "8a4288a76071f7280aedbdb3253bdb9e9d5d84bb"  # its first commit, with every weights file
SD_NAME = "Stable Diffusion 1.5 inpainting (hub)"
LCM_REPO = "latent-consistency/lcm-lora-sdv1-5"
LCM_REVISION = "cf2fced511dbe7e26c8d1d397e728fbab875db4b"
TAESD_REPO = "madebyollin/taesd"
TAESD_REVISION = "614f76814bbe30edbe2e627ace1c2234c81a2c0e"
LCM_NAME = "Stable Diffusion 1.5 inpainting · LCM-LoRA, 4 steps (hub)"
REPAINT_NAME = "RePaint · Fashion-MNIST DDPM (this repo)"
MAX_SEED = 2**32 - 1
SD_SIZE = 512  # Stable Diffusion 1.5 was trained at 512x512
# Each model's own steps and guidance scale: the sliders take them when the model is picked.
# LCM: 4 steps, guidance 1 (no classifier-free guidance: the distilled UNet has it built in, and
# one UNet pass per step instead of two); its authors advise 2-8 steps and guidance 1-2.
SETTINGS = {SD_NAME: (50, 7.5), LCM_NAME: (4, 1.0), REPAINT_NAME: (50, 7.5)}


@dataclass
class DDPM:
    """The repo's DDPM: a diffusers UNet2DModel (1 channel, 32x32) and its scheduler config."""

    unet: torch.nn.Module
    scheduler_config: dict


def load_ddpm(device: str, dtype: str, folder: Path = DDPM_DIR) -> DDPM:
    """The UNet (weights stored in fp16, run in fp32) and its DDPMScheduler's config."""
    from diffusers import RePaintScheduler, UNet2DModel

    unet = UNet2DModel.from_pretrained(folder, subfolder="unet", dtype=torch.float32,
                                       low_cpu_mem_usage=False)  # tiny: no need for accelerate
    config = RePaintScheduler.load_config(folder, subfolder="scheduler")
    return DDPM(unet.eval().to(device), dict(config))


# Hub first: 50 steps is the online default on a GPU, LCM's 4 steps on a CPU (needs_gpu keeps
# the first from being a CPU's default); the embedded model, offline. Revisions are pinned to
# commits (read on the hub's stored pages and in public code that pins them).
CHOICES = [
    ModelChoice(SD_NAME, partial(load_sd_inpaint, SD_REPO, SD_REVISION), hub_id=SD_REPO, revision=SD_REVISION,
                allow_fp16=True, needs_gpu=True, about="latent diffusion, 512 px, text prompt, 50 steps; first use "
                                       "downloads about 2 GB; needs a GPU (15 minutes per image on a CPU)"),
    ModelChoice(LCM_NAME, partial(load_sd_lcm, SD_REPO, SD_REVISION, (LCM_REPO, LCM_REVISION),
                                  (TAESD_REPO, TAESD_REVISION)),
                hub_id=SD_REPO, revision=SD_REVISION, allow_fp16=True,
                extra=((LCM_REPO, LCM_REVISION, (LCM_LORA_FILE,)),
                       (TAESD_REPO, TAESD_REVISION, ("config.json", "diffusion_pytorch_model.safetensors"))),
                about="the same model in 4 steps: the LCM-LoRA adapter and the TAESD tiny autoencoder; "
                      "about 20-35 s per photo on a free 2-core CPU Space; first use downloads about 2.2 GB"),
    ModelChoice(REPAINT_NAME, load_ddpm, about="3.7 M-parameter DDPM trained on Fashion-MNIST "
                                               "(32x32 grey items on black); works offline"),
]


@dataclass
class Inpainting:
    """filled: uint8 RGB at the upload's size, the upload with its masked pixels painted by the
    model; every other pixel as uploaded. before: the upload with the mask tinted red (same
    size). telea: OpenCV's Telea fill of the upload (same size). result: the model's own
    canvas (32x32 grey for RePaint), seen: that canvas as the model got it, mask tinted red.
    frames: (uint8 image, caption) along the reverse process, on the canvas."""

    filled: np.ndarray
    before: np.ndarray
    telea: np.ndarray
    result: np.ndarray
    seen: np.ndarray
    frames: list[tuple[np.ndarray, str]]
    model: str
    seconds: float
    evaluations: int
    notes: list[str] = field(default_factory=list)


def number(name: str, value, low: float, high: float, integer: bool = False) -> float:
    """value as a float (or int) in [low, high], else a UserError that gives the range."""
    shape = ".0f" if integer else "g"  # 4294967295 rather than 4.29497e+09
    try:
        value = float(0 if value is None else value)
    except (TypeError, ValueError):
        raise UserError(f"{name} must be a number between {low:{shape}} and {high:{shape}}.") from None
    if not low <= value <= high:  # also catches NaN
        raise UserError(f"{name} must be between {low:{shape}} and {high:{shape}}, got {value:{shape}}.")
    return int(round(value)) if integer else value


@gpu(duration=120, callbacks=("on_step",))
def repaint(image, mask: np.ndarray, seed=0, steps=50, jump_length=5, jump_n_sample=2, eta=1.0,
            on_step: Callable[[int, int], None] | None = None) -> Inpainting:
    """RePaint with the embedded DDPM on the image fitted to a 32x32 Fashion-MNIST item."""
    seed = number("seed", seed, 0, MAX_SEED, integer=True)
    steps = number("steps", steps, 1, 1000, integer=True)
    jump_length = number("jump length", jump_length, 1, 100, integer=True)
    jump_n_sample = number("jump samples", jump_n_sample, 1, 20, integer=True)
    eta = number("eta", eta, 0, 1)
    item, hole = fit_item(image, mask)
    if not hole.any():
        raise UserError("the painted area vanishes at 32x32 pixels (the model's size): paint a "
                        "thicker stroke or a larger area.")
    with CACHE.use(find_choice(CHOICES, REPAINT_NAME)) as ddpm:
        evaluations = plan(ddpm.scheduler_config, steps, jump_length, jump_n_sample)[1]
        if evaluations > MAX_EVALUATIONS:
            raise UserError(f"these settings need {evaluations} network evaluations; the limit is "
                            f"{MAX_EVALUATIONS}. Lower the steps, the jump samples or the jump length.")
        start = time.perf_counter()
        x0, frames, _ = repaint_loop(ddpm.unet, ddpm.scheduler_config, to_tensor(item),
                                     torch.from_numpy(~hole).float()[None, None], seed, steps,
                                     jump_length, jump_n_sample, eta, on_step)
        seconds = time.perf_counter() - start
    captions = [(to_uint8(x), f"t={t}" + (" (re-noised)" if back else "")) for t, back, x in frames]
    notes = [] if looks_like_fashion(image) else [
        "the embedded model only knows Fashion-MNIST items (white on black): it painted a 32x32 grey "
        "item, and what it paints will look like clothing; Telea's fill beside it works on any photo"]
    canvas, upload = to_uint8(x0), np.asarray(image.convert("RGB"))
    return Inpainting(paste_back(canvas, image, mask), show_mask(upload, mask), telea(upload, mask, radius=5),
                      canvas, show_mask(item, hole), captions, REPAINT_NAME, seconds, evaluations, notes)


@gpu(duration=120, callbacks=("on_step",))
def stable_diffusion(image, mask: np.ndarray, model: str | None = SD_NAME, prompt: str = "",
                     negative_prompt: str = "", steps=50, guidance=7.5, strength=1.0, seed=0,
                     on_step: Callable[[int, int], None] | None = None) -> Inpainting:
    """Stable Diffusion inpainting at 512 px (long side), the prompt steering what it paints."""
    seed = number("seed", seed, 0, MAX_SEED, integer=True)
    steps = number("steps", steps, 1, 150, integer=True)
    guidance = number("guidance", guidance, 0, 30)
    strength = number("strength", strength, 0.01, 1)
    prompt, negative_prompt = clean_text(prompt, "prompt"), clean_text(negative_prompt, "negative prompt")
    choice = find_choice(CHOICES, model)
    source, hole = sd_input(image, mask)
    if not hole.any():
        raise UserError(f"the painted area vanishes at {source.width}x{source.height} pixels: paint a "
                        "thicker stroke or a larger area.")
    with CACHE.use(choice) as pipe:
        notes = prompt_notes(pipe, prompt) + prompt_notes(pipe, negative_prompt)
        if negative_prompt and guidance <= 1:
            notes.append("with guidance 1 or less there is no classifier-free guidance, so the negative "
                         "prompt is not used")
        start = time.perf_counter()
        result, frames, run, flagged = sd_inpaint(pipe, source, hole, prompt, negative_prompt, steps,
                                                  guidance, strength, seed, on_step=on_step)
        seconds = time.perf_counter() - start
    if flagged:
        notes.append("the safety checker flagged the result and blanked it: try another prompt or seed")
    upload = np.asarray(image.convert("RGB"))
    filled = upload.copy()  # the painted pixels, at the upload's size; the others as uploaded
    filled[mask] = np.asarray(Image.fromarray(result).resize(image.size, Image.Resampling.LANCZOS))[mask]
    return Inpainting(filled, show_mask(upload, mask), telea(upload, mask, radius=5), result,
                      show_mask(np.asarray(source), hole), frames, choice.name, seconds, run, notes)


def sd_input(image: Image.Image, mask: np.ndarray) -> tuple[Image.Image, np.ndarray]:
    """Image and mask at Stable Diffusion's working size (long side SD_SIZE, multiples of 8)."""
    size = working_size(image.size, SD_SIZE)
    hole = np.asarray(Image.fromarray(mask).resize(size, Image.Resampling.NEAREST))
    return image.resize(size, Image.Resampling.LANCZOS), hole


def preview(image, mask: np.ndarray, model: str | None = None) -> np.ndarray:
    """What the chosen method will work on, the mask tinted red: uint8 RGB. Cheap (no model)."""
    if find_choice(CHOICES, model).embedded:
        item, hole = fit_item(image, mask)
        return show_mask(item, hole)
    source, hole = sd_input(image, mask)
    return show_mask(np.asarray(source), hole)


def inpaint(image, mask: np.ndarray, model: str | None = None, **settings) -> Inpainting:
    """Dispatch on the model: the embedded DDPM runs RePaint, a hub model Stable Diffusion.
    settings: seed, steps and, per method, jump_length/jump_n_sample/eta or
    prompt/negative_prompt/guidance/strength (the other method's settings are ignored)."""
    choice = find_choice(CHOICES, model)
    on_step = settings.pop("on_step", None)
    if choice.embedded:
        keys = ("seed", "steps", "jump_length", "jump_n_sample", "eta")
        return repaint(image, mask, on_step=on_step, **{k: settings[k] for k in keys if k in settings})
    keys = ("prompt", "negative_prompt", "steps", "guidance", "strength", "seed")
    return stable_diffusion(image, mask, choice.name, on_step=on_step,
                            **{k: settings[k] for k in keys if k in settings})
