"""The gallery that ships with the tab: 237 CC0 / public-domain photos with labels
(gallery/LICENSES.csv, built by training/build_clip_gallery.py), and their precomputed
embeddings for the embedded model (gallery/embeddings.npz), so a cold start embeds nothing.

The precomputed vectors are only a seed for the embedding cache: they are used for files
whose sha1 they list and only for the model key they were made with; a changed or added
photo, or another model, is embedded again (and cached on disk, not in the repo).

    python -m apps.clip.gallery     # rewrite gallery/embeddings.npz after changing the gallery
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

GALLERY_DIR = Path(__file__).resolve().parent / "gallery"
PRECOMPUTED = GALLERY_DIR / "embeddings.npz"


@dataclass(frozen=True)
class Item:
    """One searchable image: its file and the caption shown under it."""

    path: Path
    label: str
    name: str = ""
    licence: str = ""

    @property
    def caption(self) -> str:
        return f"{self.label} ({self.name})" if self.name else self.label


def gallery_items(folder: Path = GALLERY_DIR) -> list[Item]:
    with open(folder / "LICENSES.csv", encoding="utf-8") as f:
        return [Item(folder / row["file"], row["label"], row["name"], row["licence"])
                for row in csv.DictReader(f)]


def precomputed(key: str, path: Path = PRECOMPUTED) -> dict[str, np.ndarray]:
    """{sha1: float32 vector} made with model `key`, or {} (no file, or another model)."""
    if not path.is_file():
        return {}
    data = np.load(path)
    if str(data["key"]) != key:
        return {}
    return {sha1: vector.astype(np.float32) for sha1, vector in zip(data["sha1"], data["vectors"])}


def write_precomputed(key: str, sha1s: list[str], vectors: np.ndarray, path: Path = PRECOMPUTED):
    """float16 keeps the file small (237 x 1280 -> 0.6 MB); cosines move by < 1e-3."""
    np.savez_compressed(path, key=np.array(key), sha1=np.array(sha1s), vectors=vectors.astype(np.float16))


def main():
    from apps.clip.index import EmbeddingCache, embed_files, file_sha1
    from apps.clip.model import BRIDGE, CHOICES
    from shared.models import CACHE, find_choice

    items = gallery_items()
    with CACHE.use(find_choice(CHOICES, BRIDGE)) as embedder:
        done = embed_files([i.path for i in items], embedder.images, EmbeddingCache(embedder.key),
                           embedder.dim, progress=lambda d, t: print(f"\r{d}/{t}", end="", flush=True))
    if done.failed:
        raise SystemExit(f"could not embed: {done.failed}")
    write_precomputed(embedder.key, [file_sha1(p) for p in done.paths], done.vectors)
    print(f"\nwrote {PRECOMPUTED} ({PRECOMPUTED.stat().st_size / 1e6:.2f} MB, key {embedder.key})")


if __name__ == "__main__":
    main()
