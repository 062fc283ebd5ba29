"""Your own image classifier from the hub, typed into the model field of classify and gradcam:
a timm model (config.json naming a timm architecture) or a transformers image-classification
model (config.json with a model_type transformers knows). Either way: weights from
model.safetensors only (never a pickle), no remote code, at most APP_OWN_MODEL_MB, checked from
the hub's file list before anything large is downloaded (shared/hub.py).

    find_classifier("timm/mobilenetv3_large_100.ra_in1k")   # a ModelChoice that loads it
"""

import json
from functools import partial

import numpy as np
import torch

import shared.classifiers as classifiers
from shared.classifiers import TIMM_FILES, Classifier, _cam_layers, _timm_wrap
from shared.errors import UserError, quoted
from shared.hub import MAX_OWN_MB, check_own_weights, own_file, typed_hub_id
from shared.models import ModelChoice, find_choice

OWN_HINT = ("**Your own model**: type the hub id of a timm or transformers image classifier into the Model "
            f"field, e.g. `timm/mobilenetv3_large_100.ra_in1k` (online; safetensors only, at most {MAX_OWN_MB:g} MB).")


def own_choice(text) -> ModelChoice | None:
    """A hub id typed into the model field -> a choice that loads it; None when it is no hub id."""
    repo = typed_hub_id(text)
    if repo is None:
        return None
    return ModelChoice(repo, partial(load_own_classifier, repo), hub_id=repo, revision="main",
                       about="your own hub model", files=TIMM_FILES)


def find_classifier(name) -> ModelChoice:
    """A model of shared.classifiers.CHOICES by name, else a hub id the person typed, else a clear error."""
    return find_choice(classifiers.CHOICES, name, own=own_choice)


def load_own_classifier(repo_id: str, device: str, dtype: str) -> Classifier:
    check_own_weights(repo_id)
    config = json.loads(own_file(repo_id, "config.json").read_text())
    if isinstance(config, dict) and "architecture" in config and "pretrained_cfg" in config:
        return _timm_classifier(repo_id, config, device)
    if isinstance(config, dict) and "model_type" in config and "id2label" in config:
        return _transformers_classifier(repo_id, device)
    raise UserError(f"{quoted(repo_id)} is not an image classifier we can load: its config.json names neither "
                    "a timm architecture nor a transformers model type with labels.")


def _timm_classifier(repo_id: str, config: dict, device: str) -> Classifier:
    import timm
    from safetensors.torch import load_file

    args = {"num_classes": config.get("num_classes", 1000), **config.get("model_args", {})}
    classes = int(args["num_classes"])
    labels = config.get("label_names") or (None if classes == 1000 else [f"class {i}" for i in range(classes)])
    model = timm.create_model(config["architecture"], pretrained=False, **args)
    weights = own_file(repo_id, "model.safetensors")
    check_own_weights(repo_id, weights)
    model.load_state_dict(load_file(str(weights)))
    return _timm_wrap(model, device, config["pretrained_cfg"], labels)


class LogitsOnly(torch.nn.Module):
    """A transformers classifier as a plain module: pixel values (B, 3, H, W) -> logits (B, C)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net(pixel_values=x).logits


def _transformers_classifier(repo_id: str, device: str) -> Classifier:
    """From the hub cache's snapshot folder (config, weights, preprocessor), so nothing else is fetched."""
    from transformers import AutoImageProcessor, AutoModelForImageClassification

    weights = own_file(repo_id, "model.safetensors")
    check_own_weights(repo_id, weights)
    own_file(repo_id, "preprocessor_config.json")
    folder = weights.parent
    processor = AutoImageProcessor.from_pretrained(folder)
    net = AutoModelForImageClassification.from_pretrained(folder, use_safetensors=True).eval().to(device)
    mean = torch.tensor(getattr(processor, "image_mean", [0.0] * 3)).view(3, 1, 1)
    std = torch.tensor(getattr(processor, "image_std", [1.0] * 3)).view(3, 1, 1)

    def preprocess(image):
        return processor(images=image, return_tensors="pt")["pixel_values"][0]

    def show_input(x: torch.Tensor) -> np.ndarray:
        rgb = (x.cpu() * std + mean).clamp(0, 1)
        return (rgb.permute(1, 2, 0).numpy() * 255).round().astype(np.uint8)

    model = LogitsOnly(net).eval()
    labels = [net.config.id2label[i] for i in range(net.config.num_labels)]
    layers, reshape = _cam_layers(net)  # {} for most: gradcam then says it knows no layer
    return Classifier(model, labels, preprocess, show_input, layers, reshape, device)
