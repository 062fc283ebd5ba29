"""Train the Fashion-MNIST VAE that the `vae` tab ships (apps/vae/vae.py).

Data: Debian's `dataset-fashion-mnist`, or any folder with the four original gzip IDX files
(--data). Runs on CUDA if present (about 1 minute on an H100), else on CPU (about 2 minutes
an epoch on 2 busy cores).

    python training/train_vae.py --latent-dim 2 --epochs 30 --seed 0 --out models/vae/latent2
    python training/train_vae.py --latent-dim 16 --epochs 30 --seed 0 --out models/vae/latent16

Writes into --out: vae.safetensors, config.json, metrics.json (test-split ELBO, reconstruction
error and KL, measured once on the final weights), train_log.csv, samples.png (prior samples)
and test_latents.safetensors (the test images' latent means and labels: the tab's scatter plot).
"""

import argparse
import importlib.util
import json
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file

ROOT = Path(__file__).resolve().parents[1]


def load_by_path(name: str, path: Path):
    """Import one model file without importing the app (gradio is not needed to train)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


vae_module = load_by_path("vae", ROOT / "apps" / "vae" / "vae.py")
fashion = load_by_path("fashion_cnn", ROOT / "shared" / "fashion_cnn.py")
vae_loss = vae_module.vae_loss


@torch.no_grad()
def evaluate(model, x, batch=1000) -> dict:
    """Test-split averages per image, in nats: -ELBO = reconstruction + KL (one z sample each)."""
    model.eval()
    rec, kl, mse = [], [], []
    for i in range(0, len(x), batch):
        xb = x[i:i + batch]
        logits, mean, logvar = model(xb)
        r, k = vae_loss(logits, xb, mean, logvar)
        rec.append(r)
        kl.append(k)
        mse.append((model.decode(mean) - xb).pow(2).flatten(1).mean(1))  # at the latent mean
    rec, kl, mse = torch.cat(rec).mean().item(), torch.cat(kl).mean().item(), torch.cat(mse).mean().item()
    return {"neg_elbo_nats": round(rec + kl, 2), "reconstruction_nats": round(rec, 2),
            "kl_nats": round(kl, 2), "reconstruction_mse_per_pixel": round(mse, 5)}


def save_grid(images: torch.Tensor, path: Path, rows: int):
    """images (N,1,28,28) in [0,1] -> one PNG grid, `rows` rows, scaled up 2x."""
    images = (images.clamp(0, 1) * 255).byte().cpu().numpy()[:, 0]
    cols = len(images) // rows
    grid = images[:rows * cols].reshape(rows, cols, 28, 28).transpose(0, 2, 1, 3).reshape(rows * 28, cols * 28)
    Image.fromarray(grid).resize((cols * 56, rows * 56), Image.NEAREST).save(path)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=fashion.DEFAULT_DATA_DIR)
    p.add_argument("--out", type=Path, default=Path("models/vae/latent2"))
    p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()

    torch.manual_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"

    def tensors(split):
        images, labels = fashion.load_split(args.data, split)
        return torch.from_numpy(images.copy()).float().div_(255).unsqueeze(1).to(device), labels

    x_train, _ = tensors("train")
    x_test, y_test = tensors("t10k")
    model = vae_module.ConvVAE(latent_dim=args.latent_dim).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.epochs)

    log = ["epoch,train_neg_elbo,test_neg_elbo,seconds"]
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x_train), device=device)
        total = 0.0
        for i in range(0, len(x_train), args.batch_size):
            xb = x_train[order[i:i + args.batch_size]]
            logits, mean, logvar = model(xb)
            rec, kl = vae_loss(logits, xb, mean, logvar)
            loss = (rec + kl).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        sched.step()
        test = evaluate(model, x_test)  # logged for the curve only, never used to choose weights
        log.append(f"{epoch},{total / len(x_train):.2f},{test['neg_elbo_nats']:.2f},{time.time() - start:.1f}")
        print(log[-1], flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    metrics = evaluate(model, x_test)
    model.eval()
    with torch.no_grad():
        means = torch.cat([model.encode(x_test[i:i + 1000])[0] for i in range(0, len(x_test), 1000)])
        save_grid(model.decode(torch.randn(64, args.latent_dim, device=device)), args.out / "samples.png", 8)
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(args.out / "vae.safetensors"))
    save_file({"means": means.cpu().half().contiguous(), "labels": torch.from_numpy(y_test.astype(np.uint8))},
              str(args.out / "test_latents.safetensors"))
    config = {"architecture": "ConvVAE", "latent_dim": args.latent_dim, "width": 32, "hidden": 256,
              "input": "1x28x28 float in [0,1], white item on black", "classes": fashion.CLASSES}
    (args.out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    metrics.update({"split": "t10k (10,000 test images), one z sample per image",
                    "parameters": sum(p.numel() for p in model.parameters()), "epochs": args.epochs,
                    "seed": args.seed, "device": torch.cuda.get_device_name() if device == "cuda" else "cpu",
                    "torch": torch.__version__, "train_seconds": round(time.time() - start, 1)})
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (args.out / "train_log.csv").write_text("\n".join(log) + "\n")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
