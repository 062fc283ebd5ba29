"""Semantic segmentation: a class for every pixel. No gradio here.

Three kinds of segmenter, each a small class with `classes` and `predict(image) -> labels`:
- SegFormer (transformers, hub): ADE20K scenes (150 classes) or Cityscapes streets (19);
- MediaPipe selfie segmentation (embedded .tflite, run with LiteRT): person vs background;
- our U-Net (models/segment/, trained on synthetic scenes): shows the encoder-decoder,
  with its feature maps.
"""

import json
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from shared.device import cpu_threads
from shared.errors import UserError, quoted
from shared.hub import check_own_weights, hub_file, is_offline, own_file, typed_hub_id
from shared.gpu import gpu
from shared.models import CACHE, ModelChoice, find_choice

MODELS_DIR = Path(__file__).resolve().parents[2] / "models" / "segment"
UNET = "U-Net · synthetic scenes (this repo)"
MAX_SIDE = 1024  # larger photos are downscaled first: the masks gain nothing, the CPU pays


@dataclass
class Segmentation:
    """labels: int64 (H, W) class index per pixel, for `image` (the RGB PIL image as used,
    at most MAX_SIDE px). features: [(uint8 grayscale map, caption)] for the U-Net, else []."""

    image: Image.Image
    labels: np.ndarray
    classes: list[str]
    features: list
    model: str
    seconds: float


class SelfieSegmenter:
    """Person vs background, MediaPipe's 256x256 model (input float RGB in [0, 1])."""

    classes = ["background", "person"]

    def __init__(self, path: Path = MODELS_DIR / "selfie" / "selfie_segmentation.tflite"):
        from ai_edge_litert.interpreter import Interpreter

        self.interpreter = Interpreter(model_path=str(path), num_threads=cpu_threads())
        self.interpreter.allocate_tensors()

    def predict(self, image: Image.Image) -> np.ndarray:
        x = np.asarray(image.resize((256, 256), Image.Resampling.BILINEAR), np.float32)[None] / 255
        self.interpreter.set_tensor(self.interpreter.get_input_details()[0]["index"], x)
        self.interpreter.invoke()
        prob = self.interpreter.get_tensor(self.interpreter.get_output_details()[0]["index"])[0, :, :, 0]
        # Upsample the probability, not the hard mask, so the edges follow the person smoothly.
        prob = Image.fromarray(prob.astype(np.float32)).resize(image.size, Image.Resampling.BILINEAR)
        return (np.asarray(prob) > 0.5).astype(np.int64)


class SegformerSegmenter:
    """A transformers SegFormer checkpoint: hub repo id (pinned revision) or a local folder."""

    def __init__(self, repo_id: str, revision: str | None, device: str):
        from transformers import AutoImageProcessor, SegformerForSemanticSegmentation

        hub_file(repo_id, "config.json", revision)  # offline and not cached: a clear message
        options = {"revision": revision, "local_files_only": is_offline()}
        self.processor = AutoImageProcessor.from_pretrained(repo_id, **options)
        self.model = SegformerForSemanticSegmentation.from_pretrained(
            repo_id, use_safetensors=True, **options).eval().to(device)
        self.classes = [self.model.config.id2label[i] for i in range(self.model.config.num_labels)]
        self.device = device

    @torch.no_grad()
    def predict(self, image: Image.Image) -> np.ndarray:
        inputs = self.processor(images=image, return_tensors="pt").to(self.device)
        logits = self.model(**inputs).logits  # (1, C, 128, 128): 1/4 of the processor's 512x512
        # Smooth class borders need the logits upsampled before the argmax, but 150 channels at
        # full size cost more than the network itself; up to 320 px, then nearest, is enough.
        scale = min(1.0, 320 / max(image.size))
        size = (round(image.height * scale), round(image.width * scale))
        logits = F.interpolate(logits, size=size, mode="bilinear", align_corners=False)
        labels = Image.fromarray(logits.argmax(dim=1)[0].byte().cpu().numpy())
        return np.asarray(labels.resize(image.size, Image.Resampling.NEAREST), np.int64)


class UNetSegmenter:
    """Our U-Net (apps/segment/unet.py), trained on 128x128 synthetic scenes of clothes and
    digits on real textures. It works at that scale: the image's longer side is resized to
    128 px (rounded to multiples of 8), and the mask is scaled back up."""

    def __init__(self, folder: Path = MODELS_DIR, device: str = "cpu"):
        from safetensors.torch import load_file

        from apps.segment.unet import UNet

        config = json.loads((folder / "config.json").read_text())
        self.classes = config["classes"]
        self.size = config["input_size"]
        self.model = UNet(config["num_classes"], tuple(config["widths"]))
        self.model.load_state_dict(load_file(str(folder / "unet.safetensors")))
        self.model = self.model.eval().to(device)
        self.device = device

    def _input(self, image: Image.Image) -> torch.Tensor:
        scale = self.size / max(image.size)
        width, height = (max(8, round(side * scale / 8) * 8) for side in image.size)
        small = np.asarray(image.resize((width, height), Image.Resampling.BILINEAR), np.float32) / 255
        return torch.from_numpy(small).permute(2, 0, 1).to(self.device)  # (3, h, w) in [0, 1]

    @torch.no_grad()
    def predict(self, image: Image.Image) -> np.ndarray:
        labels = self.model(self._input(image)[None]).argmax(dim=1)[0].byte().cpu().numpy()
        return np.asarray(Image.fromarray(labels).resize(image.size, Image.Resampling.NEAREST), np.int64)

    def features(self, image: Image.Image) -> list:
        """[(uint8 (h, w) map, caption)]: each stage's mean activation, min-max scaled."""
        from apps.segment.unet import feature_maps

        result = []
        for name, maps in feature_maps(self.model, self._input(image)).items():
            if name == "logits":
                continue
            mean = maps.mean(dim=0)
            mean = (mean - mean.min()) / (mean.max() - mean.min() + 1e-6)
            channels, height, width = maps.shape
            result.append(((mean.numpy() * 255).astype(np.uint8), f"{name}: {channels}x{height}x{width}"))
        return result


@gpu
def segment(image: Image.Image, model: str | None = None) -> Segmentation:
    """image: RGB PIL image of any size (downscaled to MAX_SIDE). model: a name from CHOICES, or
    the hub id of a SegFormer checkpoint (own_segformer)."""
    choice = find_choice(CHOICES, model, own=own_segformer)
    image = _fit(image)
    with CACHE.use(choice) as segmenter:
        start = time.perf_counter()
        labels = segmenter.predict(image)
        seconds = time.perf_counter() - start
        features = segmenter.features(image) if hasattr(segmenter, "features") else []
    return Segmentation(image, labels, list(segmenter.classes), features, choice.name, seconds)


def class_shares(seg: Segmentation, min_share: float = 0.002) -> dict[str, float]:
    """{class name: fraction of pixels} for the classes present, largest first."""
    counts = np.bincount(seg.labels.ravel(), minlength=len(seg.classes)) / seg.labels.size
    order = np.argsort(-counts)
    return {seg.classes[i]: float(counts[i]) for i in order if counts[i] >= min_share}


def annotations(seg: Segmentation, opacity: float = 0.6, highlight: str | None = None) -> list:
    """[(float mask (H, W) in [0, 1], 'class 12.3%')] for gr.AnnotatedImage, one per class
    present except 'background' (left uncoloured, so the objects stand out). The mask value is
    the overlay's alpha: `opacity` for every class, or only for `highlight` (the others faint)."""
    result = []
    for name, share in class_shares(seg).items():
        if name == "background":
            continue
        alpha = opacity if highlight in (None, "", name) else opacity * 0.15
        mask = (seg.labels == seg.classes.index(name)).astype(np.float32) * alpha
        result.append((mask, f"{name} {share:.1%}"))
    return result


def _fit(image: Image.Image) -> Image.Image:
    if max(image.size) <= MAX_SIDE:
        return image
    scale = MAX_SIDE / max(image.size)
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)


def load_segformer(repo_id: str, revision: str | None, device: str, dtype: str) -> SegformerSegmenter:
    return SegformerSegmenter(repo_id, revision, device)


def hub_choice(name: str, repo_id: str, about: str, revision: str) -> ModelChoice:
    return ModelChoice(name, partial(load_segformer, repo_id, revision), hub_id=repo_id,
                       revision=revision, about=about, files=SEGFORMER_FILES)


# What SegformerSegmenter reads. We load safetensors only (no pickles), and on their `main`
# SegFormer-B2 (ADE) and B0 (Cityscapes) have only pytorch_model.bin: the hub's safetensors
# converter left model.safetensors in a pull request that nobody merged. Those two are pinned
# to that pull request: B2 to its commit, Cityscapes to its ref (refs/pr/4, commit a8df754).
SEGFORMER_FILES = ("config.json", "preprocessor_config.json", "model.safetensors")


def own_segformer(text) -> ModelChoice | None:
    """A hub id typed into the model field -> a choice that loads it as a SegFormer; None when
    `text` is no hub id."""
    repo = typed_hub_id(text)
    return None if repo is None else ModelChoice(repo, partial(load_own_segformer, repo), hub_id=repo,
                                                 revision="main", about="your own hub model")


def load_own_segformer(repo_id: str, device: str, dtype: str) -> SegformerSegmenter:
    """A SegFormer the person named: safetensors only, no remote code, at most APP_OWN_MODEL_MB."""
    check_own_weights(repo_id)
    config = json.loads(own_file(repo_id, "config.json").read_text())
    if not isinstance(config, dict) or config.get("model_type") != "segformer":
        kind = config.get("model_type", "unknown") if isinstance(config, dict) else "unknown"
        raise UserError(f"{quoted(repo_id)} is a {quoted(kind)} model, not a SegFormer: type the id of a SegFormer "
                        "checkpoint, e.g. nvidia/segformer-b1-finetuned-ade-512-512.")
    check_own_weights(repo_id, own_file(repo_id, "model.safetensors"))
    return SegformerSegmenter(repo_id, "main", device)


OWN_HINT = ("**Your own model**: type the hub id of a SegFormer checkpoint into the Model field, e.g. "
            "`nvidia/segformer-b1-finetuned-ade-512-512` (online; safetensors only).")

CHOICES = [
    hub_choice("SegFormer-B0 · ADE20K (hub)", "nvidia/segformer-b0-finetuned-ade-512-512",
               "3.7 M parameters, 150 indoor/outdoor classes",
               "489d5cd81a0b59fab9b7ea758d3548ebe99677da"),  # main, after safetensors were merged (#5)
    hub_choice("SegFormer-B2 · ADE20K (hub)", "nvidia/segformer-b2-finetuned-ade-512-512",
               "larger: 27 M parameters, same 150 classes", "4585665b1bf59b90b831d5145d3e25d6e0743d03"),
    hub_choice("SegFormer-B0 · Cityscapes (hub)", "nvidia/segformer-b0-finetuned-cityscapes-1024-1024",
               "another task: 19 street-scene classes", "refs/pr/4"),
    ModelChoice("People · MediaPipe selfie (embedded)", lambda device, dtype: SelfieSegmenter(),
                about="person vs background, 250 KB, Apache-2.0, works offline"),
    ModelChoice(UNET, lambda device, dtype: UNetSegmenter(device=device),
                about="ours: 0.48 M parameters, 7 classes of clothes and digits, works offline"),
]
