"""Stable Diffusion inpainting (the online method), through diffusers. Plain PyTorch; no gradio.

SD-1.5-inpainting is a latent diffusion model whose UNet was fine-tuned with 9 input channels:
the 4 noisy latents, the 4 latents of the masked image and the mask itself, so it sees what
to keep and where to paint. A text prompt steers what it paints (classifier-free guidance).
"""

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image, ImageFilter

from shared.errors import UserError
from shared.hub import is_offline

# Approximate RGB of SD-1.x latents (a linear map of the 4 channels), to show the reverse
# process without decoding every step through the VAE; community-measured factors.
LATENT_RGB = torch.tensor([[0.298, 0.207, 0.208], [0.187, 0.286, 0.173],
                           [-0.158, 0.189, 0.264], [-0.184, -0.271, -0.473]])


def load_sd_inpaint(repo_id: str, revision: str | None, device: str, dtype: str, compiled: bool = True,
                    **components):
    """An inpainting pipeline from the hub (fp16 weights on CUDA) or from a local folder laid
    out as save_pretrained writes it. Offline, only the local hub cache is read. Attention runs
    through PyTorch's SDPA (diffusers' default); APP_TORCH_COMPILE=1 also compiles the UNet.
    compiled: False leaves the UNet uncompiled (load_sd_lcm fuses a LoRA into it first).
    components: parts to use instead of the repo's own (vae=...), which are then not loaded."""
    from diffusers import AutoPipelineForInpainting

    kwargs = {"dtype": getattr(torch, dtype), **hub_options(repo_id, revision), **components}
    variant = weights_variant(repo_id)
    if variant:
        kwargs["variant"] = variant  # fp16 files, run in `dtype` (float32 on a CPU)
    with offline_message(repo_id):
        pipe = AutoPipelineForInpainting.from_pretrained(repo_id, **kwargs)
    pipe.set_progress_bar_config(disable=True)
    pipe = pipe.to(device)
    if compiled:
        compile_unet(pipe, device)
    return pipe


def compile_unet(pipe, device: str):
    if device == "cuda" and os.environ.get("APP_TORCH_COMPILE") == "1":
        # Opt-in: about a minute more on the first call (and on each new image shape), then
        # 1.7 -> 1.0 s per 512x512 image, 50 steps, on an H100 (bench/inpaint_bench.py --gpu-sd).
        pipe.unet = torch.compile(pipe.unet, fullgraph=True)


def load_sd_lcm(repo_id: str, revision: str | None, lora: tuple[str, str | None],
                tiny_vae: tuple[str, str | None], device: str, dtype: str):
    """Stable Diffusion inpainting in 4 steps, for a CPU: the same pipeline with
    - the LCM-LoRA (Luo et al. 2023), a 67 M-parameter adapter distilled so that the UNet makes a
      clean image in 2-8 steps of the LCMScheduler instead of 25-50, fused into the UNet's weights
      (peft does the loading and fusing; the fused UNet costs what it did per step);
    - TAESD, a 2.4 M-parameter distilled autoencoder, instead of SD's 84 M-parameter VAE: on a
      CPU the VAE's encode + decode of a 512 px image cost 31 s, four UNet steps 30 s; TAESD's 3 s
      (1 thread, bench/cpu_space.py). Its pictures are a little less sharp; outside the mask the
      upload's own pixels are pasted back anyway.
    lora, tiny_vae: (hub id or local folder, revision)."""
    from diffusers import AutoencoderTiny, LCMScheduler

    (lora_id, lora_revision), (vae_id, vae_revision) = lora, tiny_vae
    with offline_message(vae_id):
        vae = AutoencoderTiny.from_pretrained(vae_id, dtype=getattr(torch, dtype), **hub_options(vae_id, vae_revision))
    pipe = load_sd_inpaint(repo_id, revision, device, dtype, compiled=False, vae=vae)
    pipe.scheduler = LCMScheduler.from_config(pipe.scheduler.config)
    with offline_message(lora_id):
        pipe.load_lora_weights(lora_id, weight_name=LCM_LORA_FILE, **hub_options(lora_id, lora_revision))
    pipe.fuse_lora()  # W + (alpha/r) * B @ A, once: no LoRA layers left to run per step
    pipe.unload_lora_weights()
    compile_unet(pipe, device)
    return pipe


LCM_LORA_FILE = "pytorch_lora_weights.safetensors"  # its name in latent-consistency/lcm-lora-sdv1-5


def hub_options(repo_id: str, revision: str | None) -> dict:
    """from_pretrained's options: safetensors only; for a hub id its revision and, offline, the
    local cache only (a local folder is read as it is)."""
    if Path(repo_id).is_dir():
        return {"use_safetensors": True}
    return {"use_safetensors": True, "revision": revision, "local_files_only": is_offline()}


@contextmanager
def offline_message(repo_id: str):
    """A hub repo that is not cached while offline: one clear line instead of diffusers' error."""
    try:
        yield
    except (OSError, ValueError) as exc:
        if not Path(repo_id).is_dir() and is_offline():
            raise UserError(f"'{repo_id}' is not in the local cache and the hub is unreachable "
                            "(offline mode). Pick the embedded RePaint model, or run the app once "
                            "with the network on to cache it.") from exc
        raise


def weights_variant(repo_id: str) -> str | None:
    """Which safetensors files to read. On the hub, stable-diffusion-inpainting's `main` has its
    safetensors only as fp16 (`*.fp16.safetensors`; the fp32 weights are pickles, which we never
    load), so the hub repo is read as "fp16" on every device and run in float32 on a CPU. A
    local folder (save_pretrained's layout) is read as it is: "fp16" only when that is all it has."""
    folder = Path(repo_id)
    if not folder.is_dir():
        return "fp16"
    if any(folder.glob("unet/diffusion_pytorch_model.safetensors")):
        return None
    return "fp16" if any(folder.glob("unet/*.fp16.safetensors")) else None


def working_size(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """(width, height) scaled so the long side is `long_side`, both multiples of 8."""
    width, height = size
    scale = long_side / max(width, height)
    return max(8, round(width * scale / 8) * 8), max(8, round(height * scale / 8) * 8)


def latent_preview(latents: torch.Tensor) -> np.ndarray:
    """(1, 4, h, w) SD latents -> uint8 RGB (h, w, 3), a rough colour picture of them."""
    rgb = torch.einsum("chw,cr->hwr", latents[0].float().cpu(), LATENT_RGB)
    return ((rgb + 1) * 127.5).clamp(0, 255).round().byte().numpy()


def prompt_notes(pipe, prompt: str) -> list[str]:
    """CLIP reads at most 77 tokens; say so when the prompt is longer than that."""
    limit = pipe.tokenizer.model_max_length
    count = len(pipe.tokenizer(prompt).input_ids)
    if count > limit:
        return [f"the prompt is {count} tokens long; CLIP reads only the first {limit}, the rest is ignored"]
    return []


def clean_text(text: str | None, name: str) -> str:
    """Printable text only (control characters removed); None becomes ''."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise UserError(f"the {name} must be text, got {type(text).__name__}.")
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()


@torch.no_grad()
def sd_inpaint(pipe, image: Image.Image, mask: np.ndarray, prompt: str = "", negative_prompt: str = "",
               steps: int = 50, guidance: float = 7.5, strength: float = 1.0, seed: int = 0,
               on_step: Callable[[int, int], None] | None = None,
               snapshots: int = 8) -> tuple[np.ndarray, list[tuple[np.ndarray, str]], int, bool]:
    """image: RGB PIL, both sides multiples of 8 (see working_size); mask: bool (H, W), True =
    repaint. Returns (uint8 RGB (H, W, 3), latent previews with captions, denoising steps run,
    whether the safety checker blanked the image). Pixels outside the mask stay the input's
    own (pasted back over a soft seam)."""
    width, height = image.size
    mask_image = Image.fromarray(mask.astype(np.uint8) * 255)
    frames = []

    def callback(pipe, i, t, tensors):
        # The steps that really run: fewer when strength < 1 (as in img2img, the first ones are
        # skipped); PNDM also adds one.
        total = pipe.num_timesteps
        if i in {int(k) for k in np.linspace(0, total - 1, min(snapshots, total)).round()}:
            frames.append((latent_preview(tensors["latents"]), f"step {i + 1}/{total}: t={int(t)}"))
        if on_step is not None:
            on_step(i + 1, total)
        return {}

    out = pipe(prompt=prompt, negative_prompt=negative_prompt or None, image=image, mask_image=mask_image,
               height=height, width=width, num_inference_steps=steps, guidance_scale=guidance,
               strength=strength, generator=torch.Generator("cpu").manual_seed(int(seed)),
               callback_on_step_end=callback, callback_on_step_end_tensor_inputs=["latents"],
               output_type="np")
    painted = (np.asarray(out.images[0]) * 255).round().clip(0, 255).astype(np.uint8)
    flagged = bool(getattr(out, "nsfw_content_detected", None) and any(out.nsfw_content_detected))
    return paste_back(np.asarray(image), painted, mask_image), frames, pipe.num_timesteps, flagged


def paste_back(source: np.ndarray, painted: np.ndarray, mask_image: Image.Image) -> np.ndarray:
    """Keep the input outside the mask (the VAE round trip blurs it slightly); blend the
    painted pixels in over a soft edge a few pixels wide. uint8 RGB in and out."""
    soft = mask_image.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))
    alpha = np.asarray(soft, dtype=np.float32)[:, :, None] / 255.0
    return (painted * alpha + source * (1 - alpha)).round().astype(np.uint8)
