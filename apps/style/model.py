"""The style tab's models: the Magenta fast-style networks (ONNX) and the CNN feature
extractors the Gatys method optimises against. Plain PyTorch / onnxruntime; no gradio here.

Feature extractors, best first:
- hub: VGG-19 (ImageNet, torchvision weights via timm), the network of Gatys et al. 2016;
- embedded: EfficientNet-Lite0 (ImageNet), carried by a pip package, works offline.
Every extractor maps an RGB batch (N, 3, H, W), float32 in [0, 1], to named feature maps.
"""

import json
import re
from functools import partial

import torch
from torch import nn

from shared.hub import hub_file
from shared.models import ModelChoice

# VGG layer lists (numbers: 3x3 conv widths, "M": 2x2 pooling), as in the VGG paper and timm.
VGG_LAYERS = {
    "vgg11": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg13": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "vgg16": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "vgg19": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M",
              512, 512, 512, 512, "M"],
}
# Gatys et al.: style from the first ReLU of each block (small to large textures), content
# from relu4_2 (object layout without exact pixels).
VGG_STYLE = ("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")
VGG_CONTENT = "relu4_2"


class FeatureNet(nn.Module):
    """A frozen CNN cut into named stages; forward returns the output of every tapped stage.

    stages: stage name -> module, run in order. style_layers / content_layer: names of stages
    whose outputs feed the Gram-matrix style loss / the content loss. mean, std: the
    normalisation the network was trained with (RGB order, inputs in [0, 1]).
    """

    def __init__(self, stages: dict[str, nn.Module], style_layers, content_layer: str, mean, std):
        super().__init__()
        self.stages = nn.ModuleDict(stages)
        self.style_layers = tuple(style_layers)
        self.content_layer = content_layer
        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1),
                             persistent=False)
        self.register_buffer("std", torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1),
                             persistent=False)
        self.requires_grad_(False)  # we optimise the image, never the network
        self.eval()

    @property
    def device(self) -> torch.device:
        return self.mean.device

    def forward(self, image: torch.Tensor) -> dict[str, torch.Tensor]:
        """image: (N, 3, H, W) RGB in [0, 1] -> {stage name: (N, C, h, w) feature map}."""
        wanted = {*self.style_layers, self.content_layer}
        x = (image - self.mean) / self.std
        out = {}
        for name, stage in self.stages.items():
            x = stage(x)
            if name in wanted:
                out[name] = x
                if len(out) == len(wanted):  # skip the deeper layers nobody looks at
                    break
        return out


def vgg_stages(layers: list) -> dict[str, nn.Module]:
    """VGG's conv part as named stages: 'conv1_1', 'relu1_1', ..., 'pool1', ...

    Average instead of max pooling, as Gatys et al. recommend: smoother gradients to the image.
    The conv weights do not care; pooling has no parameters."""
    stages, block, index, channels = {}, 1, 1, 3
    for width in layers:
        if width == "M":
            stages[f"pool{block}"] = nn.AvgPool2d(2, 2)
            block, index = block + 1, 1
            continue
        stages[f"conv{block}_{index}"] = nn.Conv2d(channels, width, 3, padding=1)
        stages[f"relu{block}_{index}"] = nn.ReLU(inplace=False)  # tapped outputs must not change
        channels, index = width, index + 1
    return stages


def load_vgg_hub(repo_id: str, revision: str | None, device: str, dtype: str) -> FeatureNet:
    """VGG conv layers from a timm hub repo (or a local folder with its config.json and
    model.safetensors, as timm's save_for_hf writes them). Only the `features.*` tensors are
    read: VGG-19's classifier is 100 M of its 140 M weights and style transfer never uses it."""
    from safetensors import safe_open

    config = json.loads(hub_file(repo_id, "config.json", revision).read_text())
    arch = config["architecture"]
    if arch not in VGG_LAYERS:
        raise ValueError(f"architecture {arch!r} is not a plain VGG; use one of {', '.join(VGG_LAYERS)}")
    stages = vgg_stages(VGG_LAYERS[arch])
    convs = [name for name in stages if name.startswith("conv")]
    state = {}
    with safe_open(str(hub_file(repo_id, "model.safetensors", revision)), framework="pt") as weights:
        # timm's `features` Sequential holds conv, ReLU and pool layers; only the convs carry
        # tensors, so its conv weights in index order are our conv stages in order.
        keys = sorted((k for k in weights.keys() if re.fullmatch(r"features\.\d+\.weight", k)),
                      key=lambda k: int(k.split(".")[1]))
        if len(keys) != len(convs):
            raise ValueError(f"{repo_id}: expected {len(convs)} conv layers for {arch}, found {len(keys)}")
        for name, key in zip(convs, keys):
            state[f"stages.{name}.weight"] = weights.get_tensor(key)
            state[f"stages.{name}.bias"] = weights.get_tensor(key.replace(".weight", ".bias"))
    cfg = config["pretrained_cfg"]
    net = FeatureNet(stages, VGG_STYLE, VGG_CONTENT, cfg["mean"], cfg["std"])
    net.load_state_dict(state)
    return net.to(device)


def load_efficientnet_features(device: str, dtype: str) -> FeatureNet:
    """EfficientNet-Lite0's stem and first four blocks (the embedded ImageNet weights): style
    from all five outputs (strides 2 to 16), content from the last.

    Its blocks end in a linear projection (no ReLU), so the Gram matrices see signed features;
    style transfers all the same (tests/test_style.py measures it)."""
    from shared.classifiers import load_efficientnet_lite0

    model = load_efficientnet_lite0("cpu", dtype).model
    stages = {"stem": nn.Sequential(model.conv_stem, model.bn1)}
    for i in range(4):
        stages[f"block{i}"] = model.blocks[i]
    cfg = model.pretrained_cfg
    style = ("stem", "block0", "block1", "block2", "block3")
    return FeatureNet(stages, style, "block3", cfg["mean"], cfg["std"]).to(device)


# VGG-19 stays on "main": unlike the other hub models here, no public page or code showed its
# full commit hash. Pin it (the model page's "Files and versions" history) when you deploy.
CHOICES = [
    ModelChoice("VGG-19 (hub)", partial(load_vgg_hub, "timm/vgg19.tv_in1k", "main"),
                hub_id="timm/vgg19.tv_in1k", revision="main", files=("config.json", "model.safetensors"),
                about="the network of Gatys et al.; first use downloads 575 MB (80 MB of it are "
                      "the conv weights used here); ~15x slower per step than EfficientNet on a CPU"),
    ModelChoice("EfficientNet-Lite0 features (embedded)", load_efficientnet_features,
                about="mobile ImageNet CNN, ships with pip, works offline; faster than VGG"),
]
