"""A quality figure for generated Fashion-MNIST images, from this repo's own classifier.

FID (Heusel et al., 2017) compares the mean and covariance of image features. The usual FID
uses Inception-v3 features of 299x299 RGB photos, which are neither available offline nor
meaningful for 28x28 grey items, so we compute it with the 128-d pooled features of the
repo's Fashion-MNIST CNN (models/classify, 94.5 % test accuracy). Numbers are comparable with
each other, not with published Inception FIDs. We also report the classifier's mean top-1
confidence and the entropy of the predicted-class histogram (log 10 = 2.30 for all 10 classes
equally often): a generator that makes blurry or one-class samples scores low on both.
"""

import importlib.util
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file
from scipy import linalg

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("fashion_cnn", ROOT / "shared" / "fashion_cnn.py")
fashion = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fashion)


def load_classifier(device) -> torch.nn.Module:
    model = fashion.FashionCNN(width=32)
    model.load_state_dict(load_file(str(ROOT / "models" / "classify" / "fashion_cnn.safetensors")))
    return model.to(device).eval()


@torch.no_grad()
def features_and_probs(model, images: torch.Tensor, batch: int = 1000):
    """images (N,1,28,28) float in [0,1] -> (features (N,128) float64 numpy, probs (N,10))."""
    feats, probs = [], []
    for i in range(0, len(images), batch):
        x = images[i:i + batch].to(next(model.parameters()).device)
        f = model.pool(model.features(x)).flatten(1)
        feats.append(f.double().cpu())
        probs.append(model.classifier(f).softmax(1).cpu())
    return torch.cat(feats).numpy(), torch.cat(probs)


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """FID between two feature sets (N, D): |mu_a - mu_b|^2 + Tr(Sa + Sb - 2 sqrt(Sa Sb))."""
    mu_a, mu_b = a.mean(0), b.mean(0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    covmean = linalg.sqrtm(cov_a @ cov_b).real
    return float(((mu_a - mu_b) ** 2).sum() + np.trace(cov_a + cov_b - 2 * covmean))


def quality(model, images: torch.Tensor, reference_features: np.ndarray) -> dict:
    """FID of `images` against the reference features, plus confidence and class entropy."""
    feats, probs = features_and_probs(model, images)
    histogram = torch.bincount(probs.argmax(1), minlength=10).float() / len(probs)
    entropy = -(histogram[histogram > 0] * histogram[histogram > 0].log()).sum().item()
    return {"fid_fashion_cnn": round(frechet_distance(feats, reference_features), 2),
            "mean_top1_confidence": round(probs.max(1).values.mean().item(), 3),
            "class_histogram_entropy": round(entropy, 3),
            "class_histogram": [round(v, 3) for v in histogram.tolist()]}
