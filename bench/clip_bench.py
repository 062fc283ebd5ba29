"""CPU benchmark of the clip tab: indexing throughput and search latency.

    python bench/clip_bench.py            # 10k and 1M stored vectors (~11 GB of RAM, ~7 minutes)
    python bench/clip_bench.py --quick    # 10k and 100k, fewer images: about a minute

What it measures, offline, with the embedded DeViSE bridge and the app's threads per request
(APP_CPU_THREADS, default 1, for torch and FAISS alike):
1. Indexing throughput: the shipped gallery's photos embedded from scratch (an empty cache),
   in batches of 16, in images/s; then the same folder again, answered from the disk cache.
2. Query embedding: one text through MiniLM + the class bridge; one image through the CNN.
3. Search latency over N stored vectors (N = 10k and 1M, of the bridge's dimension: 1000
   class probabilities + the 1280-d CNN feature): the vectors are synthetic, drawn around the 237 real gallery embeddings (each a cluster
   centre, plus Gaussian noise), and the queries are real text embeddings ("a photo of a
   <label>."). Exact search (IndexFlatIP) and the approximate index the app switches to past
   20,000 vectors (IVF-Flat), one query at a time; recall@10 of approximate vs exact.

Prints Markdown tables and writes them to bench/out/clip.md.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
os.environ["APP_OFFLINE"] = "1"
from shared.memory import tune_memory  # noqa: E402

tune_memory()  # the app's malloc and huge-page settings, before torch is imported

import numpy as np  # noqa: E402
import torch  # noqa: E402

from apps.clip.gallery import gallery_items, precomputed  # noqa: E402
from apps.clip.index import EmbeddingCache, VectorIndex, embed_files, file_sha1  # noqa: E402
from apps.clip.model import BRIDGE, CHOICES  # noqa: E402
from shared.device import configure_cpu_threads, cpu_threads  # noqa: E402
from shared.models import CACHE, find_choice  # noqa: E402

OUT = REPO_ROOT / "bench" / "out" / "clip.md"
K = 10


def percentiles(samples: list[float]) -> str:
    ms = np.array(samples) * 1000
    return f"{np.percentile(ms, 50):.2f} ms | {np.percentile(ms, 95):.2f} ms | {len(ms)}"


def bench_indexing(embedder, n_images: int) -> list[str]:
    paths = [item.path for item in gallery_items()][:n_images]
    with tempfile.TemporaryDirectory() as tmp:
        cache = EmbeddingCache(embedder.key, root=Path(tmp))
        start = time.perf_counter()
        cold = embed_files(paths, embedder.images, cache, embedder.dim)
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        warm = embed_files(paths, embedder.images, cache, embedder.dim)
        warm_s = time.perf_counter() - start
    assert cold.computed == len(paths) and warm.cached == len(paths)
    return ["| what | images | seconds | images/s |", "|---|---:|---:|---:|",
            f"| embed from scratch (decode, resize, CNN; batches of 16) | {len(paths)} | {cold_s:.1f} | "
            f"**{len(paths) / cold_s:.1f}** |",
            f"| index again: sha1 + disk cache hit | {len(paths)} | {warm_s:.2f} | {len(paths) / warm_s:.0f} |"]


def bench_query_embedding(embedder, repeats: int) -> list[str]:
    from PIL import Image

    image = Image.open(gallery_items()[0].path).convert("RGB")
    rows = ["| query | p50 | p95 | n |", "|---|---:|---:|---:|"]
    for what, call in (("text -> vector (MiniLM + bridge)", lambda: embedder.texts(["a koala in a tree"])),
                       ("image -> vector (EfficientNet-Lite0)", lambda: embedder.images([image]))):
        call()
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            call()
            samples.append(time.perf_counter() - start)
        rows.append(f"| {what} | {percentiles(samples)} |")
    return rows


def synthetic(centres: np.ndarray, n: int, seed: int, chunk: int = 100_000):
    """n unit vectors around the real gallery vectors, yielded in chunks (float32)."""
    rng = np.random.default_rng(seed)
    noise = 0.6 / np.sqrt(centres.shape[1])  # as far from their centre as gallery photos of one label
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        x = centres[rng.integers(0, len(centres), m)] + noise * rng.standard_normal((m, centres.shape[1]), np.float32)
        yield (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def bench_search(n: int, centres: np.ndarray, queries: np.ndarray, repeats: int) -> list[str]:
    import faiss

    rows = []
    results = {}
    vectors = np.concatenate(list(synthetic(centres, n, seed=n)))
    for kind, threshold in (("exact", 10**12), ("approximate", 0)):
        start = time.perf_counter()
        index = VectorIndex(vectors, threshold=threshold)
        build_s = time.perf_counter() - start
        mem_gb = index.size * vectors.shape[1] * 4 / 1e9
        index.search(queries[:1], K)  # warm-up
        samples, found = [], []
        for i in range(repeats):
            q = queries[i % len(queries)][None]
            start = time.perf_counter()
            _, ids = index.search(q, K)
            samples.append(time.perf_counter() - start)
            found.append(set(ids[0]))
        results[kind] = found
        rows.append((index.kind, build_s, mem_gb, samples))
        del index
        faiss.omp_set_num_threads(cpu_threads())
    exact, approx = results.values()
    recall = np.mean([len(a & e) / K for a, e in zip(approx, exact)])
    lines = []
    for kind, build_s, mem_gb, samples in rows:
        rec = "1.000" if kind.startswith("exact") else f"{recall:.3f}"
        lines.append(f"| {n:,} | {kind} | {build_s:.1f} s | {mem_gb:.2f} GB | "
                     f"{percentiles(samples)} | {rec} |")
    return lines


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="10k and 100k vectors, 48 images")
    p.add_argument("--repeats", type=int, default=50)
    args = p.parse_args(argv)
    configure_cpu_threads()
    sizes = [10_000, 100_000] if args.quick else [10_000, 1_000_000]
    with CACHE.use(find_choice(CHOICES, BRIDGE)) as embedder:
        pass
    info = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {cpu_threads()} thread(s) "
            f"per request, torch {torch.__version__}, faiss {__import__('faiss').__version__}")
    lines = ["# clip tab benchmark", "", f"Machine: {info}.", "", "## Indexing throughput (CPU)", ""]
    lines += bench_indexing(embedder, 48 if args.quick else 237)
    lines += ["", "## Query embedding", ""] + bench_query_embedding(embedder, args.repeats)
    seed = precomputed(embedder.key)
    centres = np.stack([seed[file_sha1(i.path)] for i in gallery_items()])
    labels = sorted({i.label for i in gallery_items()})
    queries = embedder.texts([f"a photo of a {label}." for label in labels])
    lines += ["", f"## Search latency, one query, top-{K} (dim {centres.shape[1]}; synthetic vectors around the gallery's)", "",
              "| stored vectors | index | build | memory | p50 | p95 | n | recall@10 vs exact |",
              "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        lines += bench_search(n, centres, queries, args.repeats)
        print(lines[-2] + "\n" + lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
