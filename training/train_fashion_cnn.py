"""Train the small Fashion-MNIST CNN that the `classify` and `gradcam` tabs ship.

Data: Debian's `dataset-fashion-mnist` (apt-get install dataset-fashion-mnist), or any folder
with the four original gzip IDX files (--data). Runs on CUDA if present, else CPU.

    python training/train_fashion_cnn.py --epochs 30 --seed 0 --out models/classify

Writes fashion_cnn.safetensors, config.json, metrics.json and train_log.csv into --out.
No checkpoint is chosen on the test split: we train a fixed number of epochs and report
the test accuracy of the final weights once.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared.fashion_cnn import CLASSES, DEFAULT_DATA_DIR, FashionCNN, load_split  # noqa: E402


def to_tensor(images, labels, device):
    x = torch.from_numpy(images.copy()).float().div_(255).unsqueeze(1).to(device)
    y = torch.from_numpy(labels.astype("int64")).to(device)
    return x, y


def augment(x: torch.Tensor) -> torch.Tensor:
    """Random horizontal flip and random shift by up to 2 px (pad 2, crop 28), on the device."""
    flip = torch.rand(x.shape[0], device=x.device) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    padded = F.pad(x, (2, 2, 2, 2))
    dx, dy = torch.randint(0, 5, (2,)).tolist()  # one shift per batch keeps it cheap
    return padded[:, :, dy:dy + 28, dx:dx + 28]


@torch.no_grad()
def evaluate(model, x, y, batch=2000):
    model.eval()
    preds = torch.cat([model(x[i:i + batch]).argmax(1) for i in range(0, len(x), batch)])
    per_class = {CLASSES[c]: (preds[y == c] == c).float().mean().item() for c in range(10)}
    return (preds == y).float().mean().item(), per_class


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    p.add_argument("--out", type=Path, default=Path("models/classify"))
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()

    torch.manual_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    x_train, y_train = to_tensor(*load_split(args.data, "train"), device)
    x_test, y_test = to_tensor(*load_split(args.data, "t10k"), device)

    model = FashionCNN(width=args.width).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=5e-4)
    steps_per_epoch = (len(x_train) + args.batch_size - 1) // args.batch_size
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.epochs * steps_per_epoch)

    args.out.mkdir(parents=True, exist_ok=True)
    log = ["epoch,train_loss,test_acc,seconds"]
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x_train), device=device)
        total = 0.0
        for i in range(0, len(x_train), args.batch_size):
            idx = order[i:i + args.batch_size]
            loss = F.cross_entropy(model(augment(x_train[idx])), y_train[idx], label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        acc, _ = evaluate(model, x_test, y_test)  # logged for the curve only, never used to choose
        log.append(f"{epoch},{total / len(x_train):.4f},{acc:.4f},{time.time() - start:.1f}")
        print(log[-1], flush=True)

    acc, per_class = evaluate(model, x_test, y_test)
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(args.out / "fashion_cnn.safetensors"))
    config = {"architecture": "FashionCNN", "width": args.width, "num_classes": 10,
              "input": "1x28x28 float in [0,1], white item on black", "classes": CLASSES}
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    metrics = {"test_accuracy": round(acc, 4), "per_class_accuracy": {k: round(v, 4) for k, v in per_class.items()},
               "parameters": sum(p.numel() for p in model.parameters()), "epochs": args.epochs,
               "seed": args.seed, "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
               "torch": torch.__version__, "train_seconds": round(time.time() - start, 1)}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (args.out / "train_log.csv").write_text("\n".join(log) + "\n")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
