"""Image embeddings for many files, cached on disk, searched with FAISS. No gradio here.

- `EmbeddingCache`: one .npy per (model key, sha1 of the file's bytes) under
  $APP_CACHE_DIR/clip/embeddings (default ~/.cache/deep-learning-live/...): indexing the same
  folder again only reads the cache, and a file whose bytes change is embedded again.
- `embed_files`: embeddings in batches, with a progress callback; unreadable files are reported.
- `VectorIndex`: inner product (= cosine for unit vectors). Exact (IndexFlatIP) below
  APPROX_THRESHOLD vectors, approximate above (IndexIVFFlat: k-means cells, search the
  `nprobe` nearest cells only).
"""

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from shared.device import cpu_threads
from shared.errors import UserError
from shared.images import load_image

APPROX_THRESHOLD = int(os.environ.get("CLIP_APPROX_THRESHOLD", "20000"))
BATCH_SIZE = 16


def cache_root() -> Path:
    """$APP_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache, + deep-learning-live. Never the repo."""
    if os.environ.get("APP_CACHE_DIR"):
        return Path(os.environ["APP_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "deep-learning-live"


def file_sha1(path) -> str:
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class EmbeddingCache:
    """Vectors by sha1 for one model key. `seed`: read-only vectors to fall back on (the
    gallery's precomputed ones); every newly computed vector goes to disk."""

    def __init__(self, key: str, root: Path | None = None, seed: dict | None = None):
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", key)[:120]
        self.folder = (root or cache_root()) / "clip" / "embeddings" / safe
        self.seed = seed or {}

    def _path(self, sha1: str) -> Path:
        return self.folder / sha1[:2] / f"{sha1}.npy"

    def get(self, sha1: str) -> np.ndarray | None:
        if sha1 in self.seed:
            return self.seed[sha1]
        try:
            return np.load(self._path(sha1))
        except (OSError, ValueError):  # not cached yet, or a half-written file
            return None

    def put(self, sha1: str, vector: np.ndarray):
        path = self._path(sha1)
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as f:
            np.save(f, np.asarray(vector, dtype=np.float32))
        os.replace(f.name, path)  # atomic: readers never see half a vector


@dataclass
class Embedded:
    """vectors: (N, D) float32 for the readable files, in `paths` order; failed: (path, reason)."""

    paths: list[Path]
    vectors: np.ndarray
    cached: int = 0
    computed: int = 0
    failed: list = field(default_factory=list)


def embed_files(paths, embed: Callable, cache: EmbeddingCache, dim: int, batch_size: int = BATCH_SIZE,
                progress: Callable[[int, int], None] | None = None) -> Embedded:
    """Embed image files, `batch_size` at a time, reusing the cache. embed: list of RGB PIL
    -> (B, dim) float32. progress(done, total) is called after each batch."""
    paths = [Path(p) for p in paths]
    found: dict[int, np.ndarray] = {}
    todo, failed = [], []
    for i, path in enumerate(paths):
        try:
            sha1 = file_sha1(path)
        except OSError as exc:
            failed.append((path, f"cannot be read ({exc.strerror})"))
            continue
        vector = cache.get(sha1)
        if vector is not None and vector.shape == (dim,):
            found[i] = vector
        else:
            todo.append((i, sha1))
    cached = len(found)
    for start in range(0, len(todo), batch_size):
        batch, images = [], []
        for i, sha1 in todo[start:start + batch_size]:
            try:
                images.append(load_image(paths[i])[0])
                batch.append((i, sha1))
            except UserError as exc:
                failed.append((paths[i], str(exc)))
        if images:
            for (i, sha1), vector in zip(batch, embed(images)):
                cache.put(sha1, vector)
                found[i] = vector
        if progress:
            progress(cached + min(start + batch_size, len(todo)), len(paths))
    order = sorted(found)
    vectors = np.stack([found[i] for i in order]).astype(np.float32) if order else np.zeros((0, dim), np.float32)
    return Embedded([paths[i] for i in order], vectors, cached, len(order) - cached, failed)


class VectorIndex:
    """FAISS over unit vectors (N, D) float32: search(queries (Q, D), k) -> (scores, ids),
    both (Q, k'), k' = min(k, N), best first; scores are cosines."""

    def __init__(self, vectors: np.ndarray, threshold: int = APPROX_THRESHOLD, nprobe: int | None = None):
        import faiss

        faiss.omp_set_num_threads(cpu_threads())
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.size, dim = vectors.shape
        if self.size < threshold:
            self.index = faiss.IndexFlatIP(dim)
            self.kind = "exact (FAISS IndexFlatIP)"
        else:
            self.index = _ivf(vectors, nprobe)
            self.kind = f"approximate (FAISS IVF, {self.index.nlist} cells, {self.index.nprobe} searched)"
        self.index.add(vectors)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.size)
        if k == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        scores, ids = self.index.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return scores, ids


def _ivf(vectors: np.ndarray, nprobe: int | None):
    """IVF-Flat: sqrt(N) k-means cells trained on at most 64 vectors per cell (fixed seed);
    a query scans the `nprobe` cells whose centroids are closest (default N^(1/2) / 16, >= 8)."""
    import faiss

    n, dim = vectors.shape
    nlist = int(min(4096, max(16, round(np.sqrt(n)))))
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    sample = vectors[np.random.default_rng(0).choice(n, min(n, 64 * nlist), replace=False)]
    index.train(sample)
    index.nprobe = nprobe or max(8, nlist // 16)
    return index
