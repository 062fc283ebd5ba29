"""Train the small U-Net that the `segment` tab ships, on synthetic scenes (training/scenes.py).

Data: Fashion-MNIST (--data: Debian's `dataset-fashion-mnist`, or the four gzip IDX files),
OpenCV's digits.png (--digits: Debian's `opencv-doc`) and scikit-image's bundled photos.
Runs on CUDA if present (bfloat16 autocast), else CPU (slowly).

    python training/train_unet.py --steps 16000 --batch-size 64 --seed 0 --out models/segment

Every step sees fresh scenes: step k trains on train scenes k*B ... k*B+B-1, made by worker
processes. No checkpoint is chosen on the held-out scenes: we train a fixed number of steps
and report the held-out IoU of the final weights once (the curve in train_log.csv uses the
first 256 held-out scenes and is logged only).
Writes unet.safetensors, config.json, metrics.json, train_log.csv and samples.png into --out.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw
from safetensors.torch import save_file
from torch.utils.data import DataLoader, Dataset

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "apps" / "segment"))  # unet.py alone: `import apps` would need gradio
from unet import CLASSES, COLORS, UNet, colorize  # noqa: E402
from scenes import DEFAULT_DIGITS, SceneGenerator  # noqa: E402
from shared.fashion_cnn import DEFAULT_DATA_DIR  # noqa: E402

C = len(CLASSES)


class Scenes(Dataset):
    """Scenes 0..n-1 of a generator: image uint8 (3, S, S), mask uint8 (S, S) in 0..C-1."""

    def __init__(self, generator: SceneGenerator, n: int):
        self.generator, self.n = generator, n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        image, mask = self.generator(i)
        return torch.from_numpy(image).permute(2, 0, 1), torch.from_numpy(mask)


def make_loader(generator, n, batch_size, workers, device):
    return DataLoader(Scenes(generator, n), batch_size=batch_size, num_workers=workers,
                      pin_memory=device == "cuda", prefetch_factor=4 if workers else None)


@torch.no_grad()
def evaluate(model, images, masks, batch=250):
    """Per-class IoU (C,), pixel accuracy and the confusion matrix (true x predicted counts)."""
    model.eval()
    confusion = torch.zeros(C * C, dtype=torch.int64, device=images.device)
    for i in range(0, len(images), batch):
        pred = model(images[i:i + batch].float().div(255)).argmax(1)
        confusion += torch.bincount((masks[i:i + batch].long() * C + pred).flatten(), minlength=C * C)
    model.train()
    confusion = confusion.view(C, C).cpu()
    inter = confusion.diag()
    iou = inter / (confusion.sum(0) + confusion.sum(1) - inter).clamp(min=1)
    return iou, (inter.sum() / confusion.sum()).item(), confusion


def sample_grid(model, images, masks, rows=6, scale=2):
    """PNG grid, one held-out scene per row: scene | true mask | predicted mask, plus a legend."""
    model.eval()
    with torch.no_grad():
        pred = model(images[:rows].float().div(255)).argmax(1).cpu().numpy()
    model.train()
    tiles = [np.concatenate([images[r].permute(1, 2, 0).cpu().numpy(), colorize(masks[r].cpu().numpy()),
                             colorize(pred[r])], 1) for r in range(rows)]
    grid = Image.fromarray(np.concatenate(tiles, 0))
    grid = grid.resize((grid.width * scale, grid.height * scale), Image.NEAREST)
    canvas = Image.new("RGB", (grid.width, grid.height + 30), "white")
    canvas.paste(grid)
    draw = ImageDraw.Draw(canvas)
    for k, (name, colour) in enumerate(zip(CLASSES, COLORS)):
        x = 8 + k * grid.width // C
        draw.rectangle([x, grid.height + 8, x + 14, grid.height + 22], fill=colour, outline="black")
        draw.text((x + 20, grid.height + 10), name, fill="black")
    return canvas


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    p.add_argument("--digits", type=Path, default=DEFAULT_DIGITS)
    p.add_argument("--out", type=Path, default=Path("models/segment"))
    p.add_argument("--steps", type=int, default=16000)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--widths", type=int, nargs=4, default=[16, 32, 64, 128])
    p.add_argument("--size", type=int, default=128, help="scene side in pixels (multiple of 8)")
    p.add_argument("--heldout-scenes", type=int, default=2000)
    p.add_argument("--log-every", type=int, default=250)
    p.add_argument("--workers", type=int, default=max(1, min(15, (os.cpu_count() or 2) - 1)))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-minutes", type=float, default=None,
                   help="safety stop: end training early after this long (recorded in metrics.json)")
    args = p.parse_args()

    torch.manual_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.backends.cudnn.benchmark = True
    kw = dict(data_dir=args.data, digits_path=args.digits, size=args.size)
    train_gen = SceneGenerator("train", seed=args.seed, **kw)
    heldout_gen = SceneGenerator("heldout", **kw)

    # The held-out scenes, made once, kept on the device: uint8 (N, 3, S, S) and (N, S, S).
    batches = list(make_loader(heldout_gen, args.heldout_scenes, 250, args.workers, device))
    test_x = torch.cat([b[0] for b in batches]).to(device)
    test_y = torch.cat([b[1] for b in batches]).to(device)

    model = UNet(num_classes=C, widths=tuple(args.widths)).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, args.lr, total_steps=args.steps)
    loader = make_loader(train_gen, args.steps * args.batch_size, args.batch_size, args.workers, device)

    args.out.mkdir(parents=True, exist_ok=True)
    log = ["step,train_loss,heldout256_miou,seconds"]
    start = time.time()
    running = torch.zeros((), device=device)
    for step, (images, masks) in enumerate(loader, 1):
        x = images.to(device, non_blocking=True).float().div_(255)
        y = masks.to(device, non_blocking=True).long()
        with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = F.cross_entropy(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        running += loss.detach()
        stop = args.max_minutes is not None and time.time() - start > 60 * args.max_minutes
        if step % args.log_every == 0 or step == args.steps or stop:
            iou, _, _ = evaluate(model, test_x[:256], test_y[:256])  # for the curve only
            n = (step - 1) % args.log_every + 1
            log.append(f"{step},{running.item() / n:.4f},{iou.mean().item():.4f},{time.time() - start:.1f}")
            print(log[-1], flush=True)
            running.zero_()
        if stop:
            print(f"stopping early at step {step}: --max-minutes {args.max_minutes}", flush=True)
            break
    train_seconds = time.time() - start

    iou, pixel_acc, confusion = evaluate(model, test_x, test_y)
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(args.out / "unet.safetensors"))
    config = {"architecture": "UNet", "widths": args.widths, "num_classes": C, "classes": CLASSES,
              "colors": [list(c) for c in COLORS], "input_size": args.size,
              "input": f"3x{args.size}x{args.size} float RGB in [0,1] (H, W multiples of 8)"}
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    metrics = {"heldout_miou": round(iou.mean().item(), 4), "heldout_pixel_accuracy": round(pixel_acc, 4),
               "heldout_iou": {name: round(v, 4) for name, v in zip(CLASSES, iou.tolist())},
               "heldout_scenes": args.heldout_scenes, "confusion_true_x_pred": confusion.tolist(),
               "parameters": sum(p.numel() for p in model.parameters()), "steps": args.steps, "steps_done": step,
               "batch_size": args.batch_size, "lr": args.lr, "train_scenes_seen": step * args.batch_size,
               "seed": args.seed, "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
               "torch": torch.__version__, "train_seconds": round(train_seconds, 1)}
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (args.out / "train_log.csv").write_text("\n".join(log) + "\n")
    sample_grid(model, test_x, test_y).save(args.out / "samples.png")
    print(json.dumps({k: v for k, v in metrics.items() if k != "confusion_true_x_pred"}, indent=2))


if __name__ == "__main__":
    main()
