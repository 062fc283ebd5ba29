"""The teach tab on 12 photos of 2 classes (6 hammers, 6 measuring tapes from the clip gallery),
one CPU thread as the app runs: seconds for the features, for the head, end to end through the
API (first call: features computed; second: cached), /teach's p50, and the baseline a student
might write first: fine-tuning the whole CNN on the same photos, in the same run.

    python bench/teach_bench.py                  # prints a markdown table
    python bench/teach_bench.py --epochs 10      # the baseline's epochs (default 10)
"""

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's memory settings, as in bench/bench.py

import numpy as np  # noqa: E402
import torch  # noqa: E402

from shared.device import configure_cpu_threads  # noqa: E402

configure_cpu_threads()  # one thread per request, as the app runs (APP_CPU_THREADS)

GALLERY = ROOT / "apps" / "clip" / "gallery"
BACKBONE = "EfficientNet-Lite0 (embedded)"


def photos_zip(folder: Path) -> Path:
    path = folder / "two_classes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, pattern in [("hammer", "tools_hammer*.jpg"), ("tape", "tools_measuringTape*.jpg")]:
            for i, photo in enumerate(sorted(GALLERY.glob(pattern))[:6]):
                archive.write(photo, f"{name}/{i}.jpg")
    return path


def seconds(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def parts(zip_path: Path, folder: Path) -> dict:
    """The steps one by one, in this process: features (a cold cache), the head (50 epochs)."""
    from apps.teach.dataset import read_dataset
    from apps.teach.model import FEATURES, prepare, train_head
    from shared.models import CACHE, find_choice
    from apps.teach.model import CHOICES

    with CACHE.use(find_choice(CHOICES, BACKBONE)):
        pass  # loaded once per process; not part of a training
    dataset, _ = read_dataset(zip_path, folder)
    labels = np.array([label for _, label in dataset.photos])
    FEATURES.items.clear()
    feats, data = seconds(lambda: prepare([p for p, _ in dataset.photos], labels, BACKBONE, True, 0.25, 0))
    head, history = seconds(lambda: list(train_head(data.x, data.y, data.x_val, data.y_val, 2, "Adam", 0.01, 50, 0)))
    train = len(labels) - len(data.val)
    return {f"features: {len(labels)} photos + 2 altered copies of the {train} training ones": feats,
            "head, 50 epochs": head,
            "validation accuracy (head)": history[-1][2]["validation accuracy"]}


def fine_tune(zip_path: Path, folder: Path, epochs: int) -> dict:
    """The baseline: every weight of the CNN trained, on the same split, no augmentation."""
    from apps.teach.dataset import read_dataset
    from apps.teach.model import split
    from shared.classifiers import load_efficientnet_lite0
    from shared.images import load_image

    dataset, _ = read_dataset(zip_path, folder / "ft")
    labels = np.array([label for _, label in dataset.photos])
    train, val = split(labels, 0.25, 0)
    clf = load_efficientnet_lite0("cpu", "float32")
    x = torch.stack([clf.preprocess(load_image(p)[0]) for p, _ in dataset.photos])
    y = torch.from_numpy(labels)
    torch.manual_seed(0)
    model = clf.model
    model.reset_classifier(2)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    model.train()
    start = time.perf_counter()
    for _ in range(epochs):
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x[train]), y[train]).backward()
        opt.step()
    took = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        accuracy = float((model(x[val]).argmax(1) == y[val]).float().mean())
    return {f"fine-tune the whole CNN, {epochs} epochs": took, "validation accuracy (fine-tune)": accuracy}


def through_api(zip_path: Path) -> dict:
    """The tab alone, launched; gradio_client calls /teach_train twice and /teach ten times."""
    import gradio as gr
    from gradio_client import Client, handle_file

    from apps.teach import SPEC
    from apps.teach.model import FEATURES
    from shared.handlers import serve_plainly

    with gr.Blocks() as demo:
        with gr.Tab(SPEC.title, id=SPEC.slug):
            SPEC.build_ui()
    serve_plainly(demo, SPEC.slug)
    demo.launch(server_port=7897, prevent_thread_lock=True, quiet=True)
    try:
        client = Client("http://127.0.0.1:7897/", verbose=False)
        FEATURES.items.clear()
        photos = handle_file(zip_path)
        cold, outputs = seconds(lambda: client.predict(photos, BACKBONE, "Adam", 0.01, 50, True, 0.25, 0,
                                                       api_name="/teach_train"))
        # Other settings, the same photos: the features come from their cache, while the app's
        # result cache (shared/handlers.py), which answers identical calls, cannot answer.
        warm, outputs = seconds(lambda: client.predict(photos, BACKBONE, "SGD with momentum", 0.1, 50, True,
                                                       0.25, 1, api_name="/teach_train"))
        model = handle_file(outputs[0])
        others = sorted(GALLERY.glob("tools_*.jpg"))[-10:]  # ten different photos: no cached answers
        calls = [seconds(lambda: client.predict(handle_file(photo), model, api_name="/teach"))[0]
                 for photo in others]
        return {"/teach_train end to end, first call (model loaded, features computed)": cold,
                "/teach_train end to end, features cached (other optimiser and seed)": warm,
                "/teach p50 (10 calls, 10 photos)": statistics.median(calls)}
    finally:
        demo.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=10, help="the fine-tuning baseline's epochs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        zip_path = photos_zip(folder)
        rows = {**through_api(zip_path), **parts(zip_path, folder / "parts"), **fine_tune(zip_path, folder, args.epochs)}
    print(f"teach, 12 photos of 2 classes, {torch.get_num_threads()} CPU thread(s)\n")
    print("| step | value |\n| --- | ---: |")
    for name, value in rows.items():
        shown = f"{value:.0%}" if "accuracy" in name else f"{value:.2f} s"
        print(f"| {name} | {shown} |")


if __name__ == "__main__":
    main()
