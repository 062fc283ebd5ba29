"""Index a folder of images from the command line, then (optionally) search it.

    python -m apps.clip.index_folder ~/Pictures                       # embed + cache
    python -m apps.clip.index_folder ~/Pictures --query "a koala" -k 5
    python -m apps.clip.index_folder ~/Pictures --out pictures.npz    # save paths + vectors
    python -m apps.clip.index_folder ~/Pictures --model "OpenCLIP ViT-B/32 · LAION-2B (hub)"

Embeddings go to the disk cache ($APP_CACHE_DIR, default ~/.cache/deep-learning-live), keyed
by model and by the sha1 of each file's bytes: a second run only embeds new or changed files.
Images are found recursively by extension; unreadable ones are listed and skipped.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from apps.clip.index import BATCH_SIZE, EmbeddingCache, VectorIndex, embed_files
from apps.clip.model import CHOICES
from apps.clip.text import clean_text
from shared.uploads import IMAGE_SUFFIXES
from shared.device import configure_cpu_threads
from shared.errors import UserError
from shared.models import CACHE, find_choice


def find_images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path)
    p.add_argument("--model", default=None, help="a model name of the tab (default: offline -> embedded)")
    p.add_argument("--query", action="append", default=[], help="text to search for (repeatable)")
    p.add_argument("-k", type=int, default=5, help="results per query")
    p.add_argument("--out", type=Path, help="save paths, vectors and the model key to this .npz")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    args = p.parse_args(argv)
    configure_cpu_threads()
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    paths = find_images(args.folder)
    if not paths:
        print(f"error: no images ({', '.join(sorted(IMAGE_SUFFIXES))}) in {args.folder}", file=sys.stderr)
        return 2
    try:
        queries = [clean_text(q) for q in args.query]
        with CACHE.use(find_choice(CHOICES, args.model)) as embedder:
            done, seconds = index(paths, embedder, args.batch_size)
            report(done, seconds, embedder)
            if args.out:
                np.savez(args.out, paths=np.array([str(x) for x in done.paths]), vectors=done.vectors,
                         key=np.array(embedder.key))
                print(f"saved {args.out}")
            search(done, queries, embedder, args.k)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def index(paths, embedder, batch_size):
    from tqdm import tqdm

    with tqdm(total=len(paths), unit="img", desc="embedding") as bar:
        def progress(done, total):
            bar.update(done - bar.n)

        start = time.perf_counter()
        done = embed_files(paths, embedder.images, EmbeddingCache(embedder.key), embedder.dim,
                           batch_size, progress)
    return done, time.perf_counter() - start


def report(done, seconds, embedder):
    rate = f", {done.computed / seconds:.1f} images/s" if done.computed and seconds > 0 else ""
    print(f"{len(done.paths)} images indexed with {embedder.name}: {done.cached} from the cache, "
          f"{done.computed} embedded in {seconds:.1f} s{rate}")
    for path, reason in done.failed:
        print(f"skipped {path}: {reason}")


def search(done, queries, embedder, k):
    if not queries or not len(done.paths):
        return
    index = VectorIndex(done.vectors)
    scores, ids = index.search(embedder.texts(queries), k)
    for query, row_scores, row_ids in zip(queries, scores, ids):
        print(f"\n{query!r} ({index.kind}):")
        for score, i in zip(row_scores, row_ids):
            print(f"  {score:.3f}  {done.paths[i]}")


if __name__ == "__main__":
    sys.exit(main())
