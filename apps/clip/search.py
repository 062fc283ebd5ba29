"""The tab's actions: search by text or by image, zero-shot classification, adding your own
images. Plain numpy/PIL on top of model.py (embedders) and index.py (cache + FAISS).

Searching = embed the query, then nearest neighbours by inner product (for CLIP, the cosine)
among the image vectors of the gallery, of your images, or of both (their top-k lists are
merged by score).
"""

import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from apps.clip.gallery import Item, gallery_items, precomputed
from apps.clip.index import EmbeddingCache, VectorIndex, embed_files
from apps.clip.model import CHOICES, Embedder
from apps.clip.text import clean_text, parse_labels
from shared.uploads import MAX_IMAGES, intake, remove
from shared.errors import UserError
from shared import background
from shared.gpu import ZERO_GPU, gpu
from shared.models import CACHE, default_choice, find_choice

WHERE = ("Gallery", "My images", "Both")
UNPACKED = "clip-uploads-"  # prefix of the temporary folders zips are unpacked into
MAX_K = 50
THUMB = 384  # px, long side of a result image


@dataclass
class Collection:
    """Images and their unit vectors (N, D) with a FAISS index, all for one model key."""

    items: list[Item]
    vectors: np.ndarray
    key: str
    index: VectorIndex | None = None

    def __post_init__(self):
        if self.index is None and len(self.items):
            self.index = VectorIndex(self.vectors)


@dataclass
class UserImages:
    """What a session added (kept in gr.State): files, captions and vectors for `key`."""

    paths: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    vectors: np.ndarray | None = None
    key: str = ""


@dataclass
class Hit:
    item: Item
    score: float
    source: str  # "gallery" or "yours"

    def thumbnail(self) -> Image.Image:
        with Image.open(self.item.path) as image:
            image = image.convert("RGB")
            image.thumbnail((THUMB, THUMB))
            return image


_galleries: dict[str, Collection] = {}
_lock = threading.Lock()


def gallery_collection(embedder: Embedder, progress: Callable | None = None) -> Collection:
    """The shipped gallery for this model, embedded once per process (precomputed vectors,
    then the disk cache, then the model)."""
    with _lock:
        if embedder.key not in _galleries:
            items = gallery_items()
            cache = EmbeddingCache(embedder.key, seed=precomputed(embedder.key))
            done = embed_files([i.path for i in items], embedder.images, cache, embedder.dim, progress=progress)
            by_path = {i.path: i for i in items}
            _galleries[embedder.key] = Collection([by_path[p] for p in done.paths], done.vectors, embedder.key)
        return _galleries[embedder.key]


GALLERY_TASK = "clip-gallery"


def warm_up_gallery():
    """At launch (app.py): embed the gallery for the default model in the background when that
    is a hub model (the embedded bridge's gallery vectors ship precomputed), so that the first
    search does not wait about 25 s on a CPU. The vectors also go to the disk cache
    (APP_CACHE_DIR; on a Space, point it at persistent storage), so a restart reads them back
    instead. Not on ZeroGPU: there the model runs only inside a GPU call."""
    choice = default_choice(CHOICES)
    if choice.embedded or ZERO_GPU:
        return None

    def work(progress):
        with CACHE.use(choice) as embedder:
            gallery_collection(embedder, progress)

    return background.start(GALLERY_TASK, f"CLIP gallery for {choice.name}", work)


def user_collection(embedder: Embedder, mine: UserImages | None) -> Collection | None:
    if mine is None or not mine.paths:
        return None
    if mine.key != embedder.key:  # added under another model: embed them for this one
        mine = embed_user_images(embedder, mine.paths, mine.names)
    items = [Item(Path(p), n) for p, n in zip(mine.paths, mine.names)]
    return Collection(items, mine.vectors, embedder.key)


def embed_user_images(embedder: Embedder, paths: list, names: list, progress=None) -> UserImages:
    done = embed_files(paths, embedder.images, EmbeddingCache(embedder.key), embedder.dim, progress=progress)
    name_of = dict(zip(map(str, paths), names))
    kept = [str(p) for p in done.paths]
    return UserImages(kept, [name_of[p] for p in kept], done.vectors, embedder.key)


def nearest(query: np.ndarray, where: str, embedder: Embedder, mine: UserImages | None, k: int,
            progress=None) -> list[Hit]:
    """The k best images for one unit query vector (D,), from the chosen collections."""
    if where not in WHERE:
        raise UserError(f"unknown place to search {where!r}; choose one of: {', '.join(WHERE)}")
    if not 1 <= k <= MAX_K:
        raise UserError(f"top-k must be between 1 and {MAX_K}, got {k}.")
    sources = []
    if where in ("Gallery", "Both"):
        sources.append(("gallery", gallery_collection(embedder, progress)))
    if where in ("My images", "Both"):
        yours = user_collection(embedder, mine)
        if yours is None and where == "My images":
            raise UserError("You have not added any images yet: upload some under 'Your images' "
                            "(several files or a .zip), or search the gallery.")
        if yours is not None:
            sources.append(("yours", yours))
    hits = []
    for source, collection in sources:
        scores, ids = collection.index.search(query[None], k)
        hits += [Hit(collection.items[i], float(s), source) for s, i in zip(scores[0], ids[0]) if i >= 0]
    return sorted(hits, key=lambda h: -h.score)[:k]


def _embedder(model: str | None):
    return CACHE.use(find_choice(CHOICES, model))


@gpu(callbacks=("progress",))  # progress: the first search embeds the gallery
def search_text(query: str, model: str | None = None, k: int = 8, where: str = "Gallery",
                mine: UserImages | None = None, progress=None) -> list[Hit]:
    """Text -> the k images whose vectors are closest to the text's vector."""
    query = clean_text(query)
    with _embedder(model) as embedder:
        return nearest(embedder.texts([query])[0], where, embedder, mine, int(k), progress)


@gpu(callbacks=("progress",))
def search_image(image: Image.Image, model: str | None = None, k: int = 8, where: str = "Gallery",
                 mine: UserImages | None = None, progress=None) -> list[Hit]:
    """RGB image -> the k most similar images (cosine of image vectors)."""
    with _embedder(model) as embedder:
        query = embedder.images([image])[0]
        if embedder.image_query:
            query = embedder.image_query(query)
        return nearest(query, where, embedder, mine, int(k), progress)


@gpu
def zero_shot(image: Image.Image, labels: str, model: str | None = None) -> dict[str, float]:
    """RGB image + 'cat, dog, car' -> {label: probability}, highest first: the softmax of
    logit_scale x cosine(image, 'a photo of a <label>.') over the labels (or, where the model's
    scores are probabilities already, the scores scaled to sum to 1)."""
    names = parse_labels(labels)
    with _embedder(model) as embedder:
        image_vec = embedder.images([image])[0]
        text_vecs = embedder.texts([embedder.label_prompt.format(name) for name in names])
        scores = text_vecs @ image_vec
    if embedder.probabilities:
        probs = np.maximum(scores, 1e-12)
    else:
        probs = np.exp(embedder.logit_scale * (scores - scores.max()))
    probs /= probs.sum()
    order = np.argsort(-probs)
    return {names[i]: float(probs[i]) for i in order}


def _unpack(paths: list) -> tuple[list, list, Path]:
    """intake() into a fresh temporary folder, removed again when nothing was unpacked."""
    folder = Path(tempfile.mkdtemp(prefix=UNPACKED))
    try:
        candidates, notes = intake(paths, folder)
    except Exception:
        remove(folder)
        raise
    if not any(folder.iterdir()):  # no zip in this upload
        remove(folder)
    return candidates, notes, folder


@gpu(duration=120, callbacks=("progress",))
def add_images(paths: list, model: str | None = None, mine: UserImages | None = None,
               progress=None) -> tuple[UserImages, list[str]]:
    """Uploaded files (images and/or zips) -> the session's images with these added, and notes
    (skipped files, unreadable images, cache hits)."""
    mine = mine or UserImages()
    room = MAX_IMAGES - len(mine.paths)
    if room <= 0:
        raise UserError(f"You already added {len(mine.paths)} images, the limit per session; "
                        "clear them first to add others.")
    candidates, notes, folder = _unpack(paths)
    if len(candidates) > room:
        notes.append(f"only {room} more image(s) fit in this session (limit {MAX_IMAGES})")
        candidates = candidates[:room]
    try:
        with _embedder(model) as embedder:
            if mine.paths and mine.key != embedder.key:
                mine = embed_user_images(embedder, mine.paths, mine.names)
            done = embed_files(candidates, embedder.images, EmbeddingCache(embedder.key), embedder.dim,
                               progress=progress)
            key = embedder.key
    except Exception:  # stopped (progress may raise: a Stop, a time limit) or failed: keep nothing
        remove(folder)
        raise
    notes += [f"{Path(p).name}: {reason}" for p, reason in done.failed]
    if not done.paths:
        remove(folder)
        raise UserError("None of the uploaded files is an image we can read: " + "; ".join(notes[-3:]))
    names = [Path(p).name.split("_", 1)[-1] if Path(p).parent.name.startswith(UNPACKED) else Path(p).name
             for p in done.paths]
    vectors = done.vectors if mine.vectors is None or not mine.paths else np.concatenate([mine.vectors, done.vectors])
    added = UserImages(mine.paths + [str(p) for p in done.paths], mine.names + names, vectors, key)
    notes.insert(0, f"added {len(done.paths)} image(s) ({done.cached} from the cache); "
                    f"{len(added.paths)} in total")
    return added, notes


def forget(mine: UserImages | None):
    """Delete the folders this session's zips were unpacked into (files uploaded one by one
    live in Gradio's own upload cache, which Gradio manages)."""
    for folder in {Path(p).parent for p in (mine.paths if mine else [])}:
        if folder.name.startswith(UNPACKED):
            remove(folder)
