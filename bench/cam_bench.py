"""Every CAM method on EfficientNet-Lite0 at 224 px, one CPU thread as the app runs, and
ScoreCAM's shortcut against the full method in the same run: time per call, and how close the
fast map is to the full one (correlation, distance between the two peaks).

    python bench/cam_bench.py                 # every method x 3 photos, full ScoreCAM once per photo
    python bench/cam_bench.py --repeats 5

ScoreCAM scores the SCORECAM_CHANNELS channels of the last layer whose activation maps vary
most (Faster Score-CAM, apps/gradcam/model.py); "ScoreCAM, all 1280 channels" is the library's
original method, the baseline.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's memory settings, as in bench/bench.py

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image  # noqa: E402

import apps.gradcam.model as gradcam  # noqa: E402

MODEL = "EfficientNet-Lite0 (embedded)"
PHOTOS = ["cat_on_grass.jpg", "chelsea.jpg", "coffee.jpg"]


def timed(image, method, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = gradcam.explain(image, MODEL, method)
        times.append(time.perf_counter() - start)
    return result, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed calls per method and photo")
    args = parser.parse_args()
    torch.set_num_threads(1)  # as the app (APP_CPU_THREADS=1)
    folder = ROOT / "apps" / "gradcam" / "examples"
    images = {name: Image.open(folder / name if (folder / name).exists() else
                               ROOT / "apps" / "classify" / "examples" / name).convert("RGB") for name in PHOTOS}
    gradcam.explain(images[PHOTOS[0]], MODEL, "GradCAM")  # load the model and the library
    rows, fast_maps = [], {}
    for method in gradcam.METHODS:
        times = []
        for name, image in images.items():
            result, spent = timed(image, method, args.repeats)
            times += spent
            if method == "ScoreCAM":
                fast_maps[name] = result.cam
        rows.append((method if method != "ScoreCAM" else f"ScoreCAM, {gradcam.SCORECAM_CHANNELS} channels "
                     "(the app)", times))
    saved, agreement = gradcam.SCORECAM_CHANNELS, []
    gradcam.SCORECAM_CHANNELS = 10_000  # every channel: the original method
    full_times = []
    for name, image in images.items():
        result, spent = timed(image, "ScoreCAM", 1)
        full_times += spent
        fast = fast_maps[name]
        peak_fast = np.unravel_index(fast.argmax(), fast.shape)
        peak_full = np.unravel_index(result.cam.argmax(), result.cam.shape)
        agreement.append((name, float(np.corrcoef(fast.ravel(), result.cam.ravel())[0, 1]),
                          float(np.hypot(*np.subtract(peak_fast, peak_full)))))
    gradcam.SCORECAM_CHANNELS = saved
    rows.append(("ScoreCAM, all 1280 channels (baseline: the library's method)", full_times))
    print(f"EfficientNet-Lite0 at 224 px, 1 thread, {len(PHOTOS)} photos ({', '.join(PHOTOS)})\n")
    print("| method | p50 | max | calls |\n| --- | ---: | ---: | ---: |")
    for method, times in rows:
        print(f"| {method} | {statistics.median(times):.2f} s | {max(times):.2f} s | {len(times)} |")
    print("\n| photo | correlation of the fast and full ScoreCAM maps | distance between their peaks (px of 224) |")
    print("| --- | ---: | ---: |")
    for name, correlation, distance in agreement:
        print(f"| {name} | {correlation:.3f} | {distance:.0f} |")


if __name__ == "__main__":
    main()
