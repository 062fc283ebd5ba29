"""Train the example model of the `teach` tab: a linear head on frozen EfficientNet-Lite0
features for the four classes of apps/teach/examples/tools.zip, exactly as the tab's Train
button does with its default settings (Adam, learning rate 0.01, 50 epochs, augmentation,
a quarter of each class held out for validation, seed 0).

    python training/train_teach_example.py --out models/teach

Writes tools_head.safetensors (the file the tab's "Use it" step offers as an example, and
what /teach takes) and metrics.json into --out. Runs in a few seconds on a CPU.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from apps.teach.dataset import read_dataset  # noqa: E402
from apps.teach.export import save_head  # noqa: E402
from apps.teach.model import knn_predict, prepare, to_head, train_head  # noqa: E402

BACKBONE = "EfficientNet-Lite0 (embedded)"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=Path, default=ROOT / "apps" / "teach" / "examples" / "tools.zip")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "teach")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)  # the same numbers on any machine
    with tempfile.TemporaryDirectory() as folder:
        dataset, _ = read_dataset(args.photos, Path(folder))
        paths = [path for path, _ in dataset.photos]
        labels = np.array([label for _, label in dataset.photos])
        data = prepare(paths, labels, BACKBONE, augment=True, validation=0.25, seed=args.seed)
    for epoch, layer, figures in train_head(data.x, data.y, data.x_val, data.y_val, len(dataset.classes),
                                            "Adam", 0.01, 50, args.seed):
        pass
    knn = knn_predict(*data.plain(), data.x_val)  # the training photos as they are, without copies
    metrics = {**figures, "photos": len(paths), "kNN validation accuracy": float((knn == data.y_val).mean())}
    head = to_head(layer, dataset.classes, BACKBONE, metrics)
    args.out.mkdir(parents=True, exist_ok=True)
    save_head(head, args.out).rename(args.out / "tools_head.safetensors")
    summary = {"classes": dataset.classes, "counts": dataset.counts(), "validation photos": len(data.val),
               "seed": args.seed, **metrics}
    (args.out / "metrics.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
