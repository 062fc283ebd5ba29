"""Train the small DDPM that the `inpaint` tab uses for RePaint (Fashion-MNIST, 32x32, grey).

A diffusers UNet2DModel predicts the noise added at a random timestep (Ho et al., 2020) with
a linear beta schedule of 1000 steps; we keep an exponential moving average (EMA) of the
weights, which gives much cleaner samples, and save the EMA weights with the scheduler as a
DDPMPipeline folder (save_pretrained, fp16 safetensors so the file stays under 10 MB).

    python training/train_ddpm.py --steps 12000 --seed 0 --out models/inpaint/ddpm

Data: Debian's `dataset-fashion-mnist` (or --data with the four gzip IDX files); images are
padded from 28x28 to 32x32 with black and scaled to [-1, 1]. Runs on CUDA (bf16 autocast)
or, slowly, on CPU. Writes into --out: the pipeline folder (model_index.json, unet/,
scheduler/), train_log.csv, loss_curve.png, samples.png and metrics.json (FID in the repo's
Fashion-CNN feature space against the test split, see training/fashion_fid.py).
"""

import argparse
import copy
import json
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fashion_fid  # noqa: E402


def make_unet():
    from diffusers import UNet2DModel

    return UNet2DModel(
        sample_size=32, in_channels=1, out_channels=1, layers_per_block=2,
        block_out_channels=(32, 64, 128), norm_num_groups=8,
        down_block_types=("DownBlock2D", "AttnDownBlock2D", "DownBlock2D"),  # attention at 16x16
        up_block_types=("UpBlock2D", "AttnUpBlock2D", "UpBlock2D"),
    )


def to_model_space(images_uint8) -> torch.Tensor:
    """uint8 (N,28,28) -> float (N,1,32,32) in [-1, 1], padded with black (-1)."""
    x = torch.from_numpy(images_uint8.copy()).float().div_(127.5).sub_(1).unsqueeze(1)
    return F.pad(x, (2, 2, 2, 2), value=-1.0)


def to_fashion_space(x: torch.Tensor) -> torch.Tensor:
    """(N,1,32,32) in [-1, 1] -> (N,1,28,28) in [0, 1], the classifier's input."""
    return ((x[:, :, 2:30, 2:30] + 1) / 2).clamp(0, 1)


@torch.no_grad()
def sample(unet, scheduler, n: int, device, seed: int, batch: int = 1000) -> torch.Tensor:
    """Ancestral DDPM sampling through all training timesteps -> (n,1,32,32) in [-1, 1]."""
    generator = torch.Generator(device).manual_seed(seed)
    scheduler.set_timesteps(scheduler.config.num_train_timesteps)
    out = []
    for start in range(0, n, batch):
        x = torch.randn(min(batch, n - start), 1, 32, 32, device=device, generator=generator)
        for t in scheduler.timesteps:
            x = scheduler.step(unet(x, t).sample, t, x, generator=generator).prev_sample
        out.append(x.clamp(-1, 1).cpu())
    return torch.cat(out)


def save_grid(x: torch.Tensor, path: Path, rows: int = 8):
    """(N,1,32,32) in [-1,1] -> a PNG grid of rows x rows (fewer if N is small), scaled up 2x."""
    rows = min(rows, int(len(x) ** 0.5))
    images = ((x[:rows * rows, 0] + 1) * 127.5).round().clamp(0, 255).byte().numpy()
    grid = images.reshape(rows, rows, 32, 32).transpose(0, 2, 1, 3).reshape(rows * 32, rows * 32)
    Image.fromarray(grid).resize((rows * 64, rows * 64), Image.NEAREST).save(path)


def plot_loss(log_rows: list[str], path: Path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [int(r.split(",")[0]) for r in log_rows[1:]]
    losses = [float(r.split(",")[1]) for r in log_rows[1:]]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ax.plot(steps, losses)
    ax.set(xlabel="step", ylabel="noise MSE (mean of 100 steps)", yscale="log", title="DDPM training loss")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=fashion_fid.fashion.DEFAULT_DATA_DIR)
    p.add_argument("--out", type=Path, default=Path("models/inpaint/ddpm"))
    p.add_argument("--steps", type=int, default=12000)
    p.add_argument("--max-minutes", type=float, default=None, help="stop early (safety cap); "
                   "metrics.json records the steps actually done")
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=2e-4)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--eval-samples", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()

    from diffusers import DDPMPipeline, DDPMScheduler

    torch.manual_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    x_train = to_model_space(fashion_fid.fashion.load_split(args.data, "train")[0]).to(device)
    unet = make_unet().to(device)
    ema = copy.deepcopy(unet).eval().requires_grad_(False)
    scheduler = DDPMScheduler(num_train_timesteps=1000, beta_schedule="linear")
    alphas_cumprod = scheduler.alphas_cumprod.to(device)
    opt = torch.optim.AdamW(unet.parameters(), lr=args.lr, weight_decay=0.0)
    warmup = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 500))

    log, running, start, step = ["step,loss,seconds"], 0.0, time.time(), 0
    while step < args.steps:
        if args.max_minutes and time.time() - start > 60 * args.max_minutes:
            break
        x0 = x_train[torch.randint(len(x_train), (args.batch_size,), device=device)]
        x0 = torch.where(torch.rand(len(x0), 1, 1, 1, device=device) < 0.5, x0.flip(3), x0)
        noise = torch.randn_like(x0)
        t = torch.randint(0, 1000, (len(x0),), device=device)
        a = alphas_cumprod[t].view(-1, 1, 1, 1)
        noisy = a.sqrt() * x0 + (1 - a).sqrt() * noise  # q(x_t | x_0) in closed form
        with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = F.mse_loss(unet(noisy, t).sample.float(), noise)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(unet.parameters(), 1.0)
        opt.step()
        warmup.step()
        with torch.no_grad():
            for e, w in zip(ema.parameters(), unet.parameters()):
                e.lerp_(w, 1 - args.ema)
        step += 1
        running += loss.item()
        if step % 100 == 0:
            log.append(f"{step},{running / 100:.5f},{time.time() - start:.1f}")
            print(log[-1], flush=True)
            running = 0.0
    train_seconds = time.time() - start

    args.out.mkdir(parents=True, exist_ok=True)
    samples = sample(ema, scheduler, args.eval_samples, device, seed=args.seed)
    save_grid(samples, args.out / "samples.png")
    classifier = fashion_fid.load_classifier(device)
    test_images = fashion_fid.fashion.load_split(args.data, "t10k")[0]
    test = torch.from_numpy(test_images.copy()).float().div(255).unsqueeze(1)
    reference, _ = fashion_fid.features_and_probs(classifier, test)
    train_subset = to_fashion_space(x_train[:args.eval_samples].cpu())
    metrics = {
        "ddpm_samples": fashion_fid.quality(classifier, to_fashion_space(samples), reference),
        "real_train_images_same_count": fashion_fid.quality(classifier, train_subset, reference),
        "eval": f"{args.eval_samples} samples, 1000 ancestral DDPM steps, EMA weights, seed {args.seed}; "
                "FID against the 10,000 test images in the Fashion-CNN's 128-d feature space",
        "steps": step, "batch_size": args.batch_size, "lr": args.lr, "ema": args.ema, "seed": args.seed,
        "parameters": sum(p.numel() for p in unet.parameters()), "train_seconds": round(train_seconds, 1),
        "device": torch.cuda.get_device_name() if device == "cuda" else "cpu", "torch": torch.__version__,
    }
    DDPMPipeline(unet=ema.to(torch.float16), scheduler=scheduler).save_pretrained(args.out)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    (args.out / "train_log.csv").write_text("\n".join(log) + "\n")
    plot_loss(log, args.out / "loss_curve.png")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
