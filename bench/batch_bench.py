"""Does Gradio's batch=True raise throughput? Two cheap models, batched vs one call at a time.

    python bench/batch_bench.py                      # 50 users, 60 s per row, think time 1 s
    python bench/batch_bench.py --think 0 --seconds 30   # no think time: users wait only on the app

A small app (this file with --serve, a subprocess on 127.0.0.1) has two endpoints per model,
around the repo's own model code:
- VAE decode (apps/vae/model.py, the 2-D Fashion-MNIST VAE): /vae_plain calls decode() on one
  point, as the vae tab does; /vae_batched decodes up to --max-batch points in one forward pass.
- EfficientNet-Lite0 classify (shared/classifiers.py): /classify_plain calls the classify
  tab's predict() on one photo; /classify_batched stacks up to --max-batch photos in one pass.
The plain endpoints keep the app's concurrency_limit (vae 1, classify 2); the batched ones run
one batch at a time. Each row: --users users (the user loop of bench/loadgen.py: own Client,
call, think, again) on one endpoint for --seconds. Reported: served/s, p50/p95, errors, the
app's CPU cores used and the mean batch size formed. Writes bench/out/batch_bench.{md,json}.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

from gradio_client import handle_file

from load_test import PHOTOS
from loadgen import (REPO_ROOT, Endpoint, fmt_s, free_port, one_call_each, own_cpu_s, run_users, start_server,
                     stop_server, summarise, tree_cpu_s)

OUT = REPO_ROOT / "bench" / "out" / "batch_bench"
ROWS = [  # (model, endpoint, batched)
    ("VAE decode (2-D)", Endpoint("/vae_plain", False, lambda rng: (rng.uniform(-3, 3), rng.uniform(-3, 3))), False),
    ("VAE decode (2-D)", Endpoint("/vae_batched", False, lambda rng: (rng.uniform(-3, 3), rng.uniform(-3, 3))), True),
    ("EfficientNet-Lite0 classify", Endpoint("/classify_plain", False,
                                             lambda rng: (handle_file(str(rng.choice(PHOTOS))),)), False),
    ("EfficientNet-Lite0 classify", Endpoint("/classify_batched", False,
                                             lambda rng: (handle_file(str(rng.choice(PHOTOS))),)), True),
]


# --------------------------------------------------------------------------- the small app


def build_demo(max_batch: int):
    """Plain and batched endpoints around the repo's VAE decoder and EfficientNet-Lite0."""
    sys.path.insert(0, str(REPO_ROOT))
    import gradio as gr
    import torch

    from apps.classify.model import predict
    from apps.vae.model import CHOICES as VAES
    from apps.vae.model import VAE_2D, decode, upscale
    from shared.classifiers import CHOICES as CLASSIFIERS
    from shared.device import configure_cpu_threads
    from shared.models import CACHE, find_choice

    configure_cpu_threads()  # one thread per request, as in the app

    def vae_plain(z1, z2):
        return decode([float(z1), float(z2)], VAE_2D)

    @torch.no_grad()
    def vae_batched(z1s: list, z2s: list):
        print(f"batch of {len(z1s)}", flush=True)  # the bench reads the mean batch size from the log
        with CACHE.use(find_choice(VAES, VAE_2D), "cpu") as vae:
            x = vae.model.decode(torch.tensor([[float(a), float(b)] for a, b in zip(z1s, z2s)]))
        return [[upscale(item) for item in x]]  # one list per output component

    def classify_plain(image):
        return predict(image, "EfficientNet-Lite0 (embedded)", 5).probs

    @torch.no_grad()
    def classify_batched(images: list):
        print(f"batch of {len(images)}", flush=True)
        with CACHE.use(find_choice(CLASSIFIERS, "EfficientNet-Lite0 (embedded)")) as clf:
            x = torch.stack([clf.preprocess(image.convert("RGB")) for image in images])
            probs = clf.model(x.to(clf.device)).softmax(dim=1).cpu()
        top = [p.topk(5) for p in probs]
        return [[{clf.labels[i]: float(v) for v, i in zip(t.values.tolist(), t.indices.tolist())} for t in top]]

    with gr.Blocks() as demo:
        z1, z2, decoded = gr.Number(), gr.Number(), gr.Image()
        image, label = gr.Image(type="pil"), gr.Label()
        button = gr.Button()
        button.click(vae_plain, [z1, z2], decoded, api_name="vae_plain")  # the app's default limit: 1
        button.click(vae_batched, [z1, z2], decoded, api_name="vae_batched", batch=True, max_batch_size=max_batch)
        button.click(classify_plain, image, label, api_name="classify_plain", concurrency_limit=2)  # as the app
        button.click(classify_batched, image, label, api_name="classify_batched", batch=True,
                     max_batch_size=max_batch)
    demo.queue(max_size=64, default_concurrency_limit=1)  # as app.py
    return demo


# --------------------------------------------------------------------------- the bench


def mean_batch(log_path: Path, offset: int) -> float | None:
    with open(log_path) as f:
        f.seek(offset)
        sizes = [int(n) for n in re.findall(r"batch of (\d+)", f.read())]
    return sum(sizes) / len(sizes) if sizes else None


def run_row(url: str, pid: int, endpoint: Endpoint, log_path: Path, args) -> dict:
    """Warm the endpoint up with one call, then all users on it for args.seconds."""
    warm = one_call_each(url, [endpoint], args.call_timeout)[endpoint.api_name]
    if warm["error"]:
        raise RuntimeError(f"{endpoint.api_name} failed: {warm['error']}")
    offset, cpu_start, own_start = log_path.stat().st_size, tree_cpu_s(pid), own_cpu_s()
    result = run_users(url, [endpoint] * args.users, args)
    wall_s = result["wall_s"]
    return {**summarise(result["records"], wall_s), "cpu_cores_used": (tree_cpu_s(pid) - cpu_start) / wall_s,
            "load_generator_cpu_cores": (own_cpu_s() - own_start) / wall_s,
            "mean_batch": mean_batch(log_path, offset)}


def report(rows: list[dict], args) -> str:
    lines = [f"{args.users} users per row, {args.seconds:.0f} s, think time {args.think:.1f} s, "
             f"max_batch_size {args.max_batch}; {os.cpu_count()} cores, load average "
             f"{os.getloadavg()[0]:.2f} at the end.", "",
             "| model | endpoint | served | served/s | p50 | p95 | errors | app CPU cores | client CPU cores | mean batch |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        batch = "-" if r["mean_batch"] is None else f"{r['mean_batch']:.1f}"
        lines.append(f"| {r['model']} | {r['endpoint']} | {r['served']} | {r['served_per_s']:.2f} "
                     f"| {fmt_s(r['p50_s'])} | {fmt_s(r['p95_s'])} | {r['errors']} "
                     f"| {r['cpu_cores_used']:.2f} | {r['load_generator_cpu_cores']:.2f} | {batch} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60, help="per row (default 60)")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time between calls (s)")
    parser.add_argument("--max-batch", type=int, default=16, help="max_batch_size of the batched endpoints")
    parser.add_argument("--call-timeout", type=float, default=120)
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)  # internal: be the app
    args = parser.parse_args(argv)
    if args.serve:
        return build_demo(args.max_batch).launch(server_port=args.serve, quiet=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = OUT.with_name("batch_bench_app.log")
    command = [sys.executable, __file__, "--serve", str(port), "--max-batch", str(args.max_batch)]
    proc, _ = start_server(command, url, log_path, {"APP_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"})
    rows = []
    try:
        for model, endpoint, batched in ROWS:
            print(f"{endpoint.api_name}: {args.users} users for {args.seconds:.0f} s", flush=True)
            rows.append({"model": model, "endpoint": endpoint.api_name, "batched": batched,
                         **run_row(url, proc.pid, endpoint, log_path, args)})
    finally:
        stop_server(proc)
    text = report(rows, args)
    print("\n" + text)
    OUT.with_suffix(".md").write_text(text)
    OUT.with_suffix(".json").write_text(json.dumps({"options": vars(args), "rows": rows}, indent=1))
    print(f"written: {OUT.with_suffix('.md')}, {OUT.with_suffix('.json')}, {log_path}")


if __name__ == "__main__":
    main()
