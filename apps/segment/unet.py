"""A small U-Net for semantic segmentation, trained by this repo (training/train_unet.py).

Plain PyTorch. Input: float32 tensor (N, 3, H, W), RGB values in [0, 1], H and W multiples
of 8 (three 2x2 poolings). Output: logits (N, C, H, W), one score per class and pixel;
`logits.argmax(1)` is the predicted mask, int64 (N, H, W) with values in 0..C-1.

Shape of the network with the default widths (16, 32, 64, 128) on a 128x128 input:
    enc1 16x128x128 -> enc2 32x64x64 -> enc3 64x32x32 -> bottleneck 128x16x16
    -> dec3 64x32x32 -> dec2 32x64x64 -> dec1 16x128x128 -> logits Cx128x128
Each decoder stage upsamples (transposed conv 2x2, stride 2) and concatenates the encoder
map of the same size (the "skip connection") before two more convolutions.
"""

import numpy as np
import torch
from torch import nn

# The classes of training/scenes.py. Fashion-MNIST's 10 classes are merged into shapes:
# top = T-shirt/top, pullover, coat, shirt; footwear = sandal, sneaker, ankle boot.
CLASSES = ["background", "top", "trouser", "dress", "footwear", "bag", "digit"]
# One RGB colour (0-255) per class, for masks and overlays; background is black.
COLORS = [
    (0, 0, 0),        # background
    (230, 25, 75),    # top: red
    (0, 130, 200),    # trouser: blue
    (240, 50, 230),   # dress: magenta
    (245, 130, 48),   # footwear: orange
    (60, 180, 75),    # bag: green
    (255, 225, 25),   # digit: yellow
]


def double_conv(c_in: int, c_out: int) -> nn.Sequential:
    """Two 3x3 conv + BatchNorm + ReLU layers; keeps H and W."""
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
        nn.Conv2d(c_out, c_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )


class Up(nn.Module):
    """Upsample x2 (transposed conv), concatenate the skip map, then double_conv."""

    def __init__(self, c_in: int, c_out: int):
        super().__init__()
        self.up = nn.ConvTranspose2d(c_in, c_out, 2, stride=2)
        self.conv = double_conv(2 * c_out, c_out)

    def forward(self, x: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        return self.conv(torch.cat([self.up(x), skip], dim=1))


class UNet(nn.Module):
    """3 levels down, 3 levels up, with skip connections. widths = channels per level."""

    def __init__(self, num_classes: int = len(CLASSES), widths: tuple = (16, 32, 64, 128)):
        super().__init__()
        w1, w2, w3, w4 = widths
        self.enc1 = double_conv(3, w1)
        self.enc2 = double_conv(w1, w2)
        self.enc3 = double_conv(w2, w3)
        self.bottleneck = double_conv(w3, w4)
        self.pool = nn.MaxPool2d(2)
        self.dec3 = Up(w4, w3)
        self.dec2 = Up(w3, w2)
        self.dec1 = Up(w2, w1)
        self.head = nn.Conv2d(w1, num_classes, 1)  # 1x1 conv: per-pixel linear classifier

    def stages(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every stage's output, in order: enc1, enc2, enc3, bottleneck, dec3, dec2, dec1, logits.

        Each is a float tensor (N, channels, H / 2**k, W / 2**k), post-ReLU (>= 0) except
        the logits. The `segment` tab shows these as feature maps.
        """
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        e3 = self.enc3(self.pool(e2))
        b = self.bottleneck(self.pool(e3))
        d3 = self.dec3(b, e3)
        d2 = self.dec2(d3, e2)
        d1 = self.dec1(d2, e1)
        return {"enc1": e1, "enc2": e2, "enc3": e3, "bottleneck": b,
                "dec3": d3, "dec2": d2, "dec1": d1, "logits": self.head(d1)}

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.stages(x)["logits"]


@torch.no_grad()
def feature_maps(model: UNet, image: torch.Tensor) -> dict[str, torch.Tensor]:
    """Feature maps of one image (3, H, W) in [0, 1]: {stage: float32 (channels, h, w) on CPU}."""
    model.eval()
    return {name: t[0].float().cpu() for name, t in model.stages(image[None]).items()}


def colorize(mask) -> np.ndarray:
    """Class mask (H, W) of ints in 0..C-1 -> uint8 RGB image (H, W, 3) in the COLORS palette."""
    return np.asarray(COLORS, dtype=np.uint8)[np.asarray(mask)]
