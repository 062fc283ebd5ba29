"""Synthetic segmentation scenes (in the spirit of M2NIST): small objects pasted on photos.

Pure numpy + Pillow. Each scene is an RGB image uint8 (size, size, 3) and a label mask uint8
(size, size) with values in 0..6 (CLASSES of apps/segment/unet.py):
    0 background, 1 top, 2 trouser, 3 dress, 4 footwear, 5 bag, 6 digit.

How one scene is made (all random choices come from np.random.default_rng([seed, index]),
so scene `index` is the same on every machine and in every worker process):
  1. background: a random crop of one scikit-image photo or texture (CC0 / public domain),
     resized to size x size, randomly flipped; grey textures get a random colour tint.
  2. 1-4 objects, each of a uniformly chosen class 1..6: a Fashion-MNIST item (28x28) or a
     handwritten digit (20x20, resized to 28x28), scaled 1x-3x, rotated by up to 20 degrees,
     given a random colour and pasted at a random place. Later objects lie on top.
     The item's grey level g (scaled so its brightest pixel is 1) is its opacity:
     alpha = min(2g, 1). A pixel gets the object's class where alpha > 0.5 (g > 0.25),
     else it keeps the class of what lies below.

Split, so that held-out scenes share no object or background pixel with training scenes:
  train:   Fashion-MNIST train split, the first 400 digits of each digit (4000),
           the LEFT half of each background image.
  heldout: Fashion-MNIST t10k split, the last 100 digits of each digit (1000),
           the RIGHT half of each background image, and its own seed (HELDOUT_SEED).
"""

import colorsys
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared.fashion_cnn import DEFAULT_DATA_DIR, load_split  # noqa: E402

# Fashion-MNIST label -> scene class: T-shirt/top, Trouser, Pullover, Dress, Coat,
# Sandal, Shirt, Sneaker, Bag, Ankle boot.
FASHION_TO_CLASS = np.array([1, 2, 1, 3, 1, 4, 1, 4, 5, 4])
DIGIT_CLASS = 6
NUM_CLASSES = 7
# Debian's `opencv-doc` package: OpenCV's samples/data/digits.png, 5000 digits of 20x20 in a
# 2000x1000 sheet; each digit 0..9 fills 5 rows of 100 (500 per digit).
DEFAULT_DIGITS = Path("/usr/share/doc/opencv-doc/examples/data/digits.png")
# scikit-image's bundled images: textures (grey, CC0) and photos (colour or grey, CC0 or
# public domain); see models/segment/MODEL_CARD.md.
BACKGROUNDS = ["brick", "grass", "gravel", "camera", "coffee", "chelsea", "rocket", "astronaut"]
HELDOUT_SEED = 1_000_003  # the held-out scenes' seed, whatever seed training uses


def load_digits(path: Path, split: str) -> np.ndarray:
    """Digits uint8 (N, 28, 28), white on black: 'train' = 4000 (first 4 rows of each digit),
    'heldout' = 1000 (the last row of each digit). Each 20x20 cell is resized to 28x28, so a
    digit is about as large as a Fashion-MNIST item."""
    sheet = np.asarray(Image.open(path).convert("L"))                  # (1000, 2000)
    cells = sheet.reshape(50, 20, 100, 20).transpose(0, 2, 1, 3)        # (row, col, 20, 20)
    rows = [r for r in range(50) if (r % 5 == 4) == (split == "heldout")]
    return np.stack([np.asarray(Image.fromarray(c).resize((28, 28), Image.BILINEAR))
                     for c in cells[rows].reshape(-1, 20, 20)])


def load_backgrounds(split: str) -> list[np.ndarray]:
    """One uint8 array (H, W, 3 or 1) per background: its left half (train) or right half."""
    import skimage.data

    halves = []
    for name in BACKGROUNDS:
        image = getattr(skimage.data, name)()
        image = image[..., None] if image.ndim == 2 else image[..., :3]
        w = image.shape[1] // 2
        halves.append(np.ascontiguousarray(image[:, :w] if split == "train" else image[:, w:]))
    return halves


class SceneGenerator:
    """scene = SceneGenerator('train', seed=0)(index) -> (image uint8 (S, S, 3), mask uint8 (S, S))."""

    def __init__(self, split: str, seed: int | None = None, data_dir: Path = DEFAULT_DATA_DIR,
                 digits_path: Path = DEFAULT_DIGITS, size: int = 128, max_objects: int = 4):
        assert split in ("train", "heldout")
        self.size, self.max_objects = size, max_objects
        self.seed = HELDOUT_SEED if split == "heldout" else (0 if seed is None else seed)
        images, labels = load_split(data_dir, "train" if split == "train" else "t10k")
        classes = FASHION_TO_CLASS[labels]
        # items[c]: the 28x28 uint8 glyphs of scene class c (index 0, background, is unused)
        self.items = [None] + [images[classes == c] for c in range(1, 6)]
        self.items.append(load_digits(digits_path, split))
        self.backgrounds = load_backgrounds(split)

    def background(self, rng: np.random.Generator) -> np.ndarray:
        """A random crop of a random background, resized: float32 (S, S, 3) in [0, 1]."""
        image = self.backgrounds[rng.integers(len(self.backgrounds))]
        h, w = image.shape[:2]
        crop = int(rng.integers(96, min(h, w) + 1))
        y, x = rng.integers(0, h - crop + 1), rng.integers(0, w - crop + 1)
        patch = Image.fromarray(image[y:y + crop, x:x + crop].squeeze(2) if image.shape[2] == 1
                                else image[y:y + crop, x:x + crop])
        patch = np.asarray(patch.resize((self.size, self.size), Image.BILINEAR), np.float32) / 255
        if patch.ndim == 2:  # grey texture: tint it
            patch = patch[..., None] * rng.uniform(0.3, 1.0, size=3).astype(np.float32)
        if rng.random() < 0.5:
            patch = patch[:, ::-1]
        return np.clip(patch * rng.uniform(0.7, 1.2), 0, 1)

    def __call__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng([self.seed, index])
        image = self.background(rng)
        mask = np.zeros((self.size, self.size), np.uint8)
        for _ in range(rng.integers(1, self.max_objects + 1)):
            cls = int(rng.integers(1, NUM_CLASSES))
            glyph = self.items[cls][rng.integers(len(self.items[cls]))]
            side = int(round(28 * rng.uniform(1.0, 3.0)))
            g = Image.fromarray(glyph).resize((side, side), Image.BILINEAR)
            g = g.rotate(rng.uniform(-20, 20), Image.BILINEAR, expand=True)
            g = np.asarray(g, np.float32)
            g /= max(g.max(), 1.0)                                  # brightest pixel -> 1
            alpha = np.minimum(2 * g, 1)[..., None]                 # opacity (h, w, 1)
            colour = np.array(colorsys.hsv_to_rgb(rng.random(), rng.uniform(0.3, 1.0),
                                                  rng.uniform(0.5, 1.0)), np.float32)
            paint = colour * (0.5 + 0.5 * g[..., None])             # keep the item's shading
            h, w = g.shape
            y, x = rng.integers(0, self.size - h + 1), rng.integers(0, self.size - w + 1)
            region = image[y:y + h, x:x + w]
            image[y:y + h, x:x + w] = region * (1 - alpha) + paint * alpha
            mask[y:y + h, x:x + w][g > 0.25] = cls
        return (image * 255 + 0.5).astype(np.uint8), mask


if __name__ == "__main__":  # python training/scenes.py out.png: a grid of 16 train scenes
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "apps" / "segment"))
    from unet import colorize  # unet.py alone: `import apps` would need gradio

    gen = SceneGenerator("train", seed=0)
    rows = [np.concatenate([np.concatenate([img, colorize(m)], 1) for img, m in
                            (gen(4 * r + c) for c in range(4))], 1) for r in range(4)]
    Image.fromarray(np.concatenate(rows, 0)).save(sys.argv[1] if len(sys.argv) > 1 else "scenes.png")
