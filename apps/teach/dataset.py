"""Your photos as a data set: a zip with one folder per class (the ImageFolder layout that
torchvision and the hub's `imagefolder` read), and the checks a class needs. No gradio here.

    tools.zip
      hammer/1.jpg, hammer/2.jpg, ...
      scissors/1.jpg, ...

The zip is the state of the Collect step: adding photos or webcam snapshots to a class writes
a new zip, and training reads one, so the UI and the API (/teach_train takes the zip) train on
the same thing, and you can download your data set.
"""

import os
import re
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from shared.errors import UserError, quoted
from shared.images import MIN_SIDE, check_header
from shared.uploads import intake_with_folders

MIN_CLASSES, MAX_CLASSES = 2, 10
MIN_PER_CLASS = 2        # one to train on and one to validate on, at least
MAX_PER_CLASS = int(os.environ.get("TEACH_MAX_PER_CLASS", "100"))
MAX_PHOTOS = MAX_CLASSES * MAX_PER_CLASS
MAX_NAME = 40            # characters in a class name


@dataclass
class Dataset:
    """classes: the class names, sorted. photos: (image file, class index) pairs."""

    classes: list[str]
    photos: list[tuple[Path, int]]

    def counts(self) -> dict[str, int]:
        counts = {name: 0 for name in self.classes}
        for _, label in self.photos:
            counts[self.classes[label]] += 1
        return counts


def class_name(text) -> str:
    """A class name as typed: trimmed, one line, at most MAX_NAME characters, usable as a folder."""
    name = " ".join(str(text or "").split())
    if not name:
        raise UserError("The class name is empty: type a name such as 'cat' first.")
    if len(name) > MAX_NAME:
        raise UserError(f"The class name {quoted(name)} is too long; the limit is {MAX_NAME} characters.")
    if not re.search(r"\w", name) or name.startswith("."):
        raise UserError(f"The class name {quoted(name)} has no letters or digits: use a word such as 'cat'.")
    return name.replace("/", "-").replace("\\", "-")


def read_dataset(zip_path, folder: Path, checked: bool = True) -> tuple[Dataset, list[str]]:
    """A zip with one folder per class -> (Dataset, notes for the person). Members go to
    `folder`. checked: refuse a data set that cannot be trained (too few classes or photos)."""
    if not zip_path:
        raise UserError("No photos yet: upload a .zip with one folder per class, or add photos to "
                        "two classes or more.")
    if not zipfile.is_zipfile(zip_path):
        raise UserError("The photos must be a .zip with one folder per class (cat/1.jpg, dog/1.jpg, ...).")
    found, notes = intake_with_folders([zip_path], folder, limit=MAX_PHOTOS)
    loose = [path for path, parent in found if not parent]
    if loose:
        notes.append(f"skipped {len(loose)} photo(s) outside any class folder: put each class in its own folder")
    found, unreadable = usable(found)
    if unreadable:
        notes.append(f"skipped {len(unreadable)} photo(s) that cannot be used: {unreadable[0]}")
    found = [(path, class_name(parent) if parent else "") for path, parent in found]  # a name fit to show
    names = sorted({parent for _, parent in found if parent})
    photos = [(path, names.index(parent)) for path, parent in found if parent]
    dataset = Dataset(names, photos)
    if checked:
        check(dataset)
    return dataset, notes


def usable(found: list[tuple[Path, str]]) -> tuple[list[tuple[Path, str]], list[str]]:
    """The photos whose header says they are images of a usable size, and why the rest are not
    (from the header alone: a photo is decoded once, when its features are computed)."""
    kept, problems = [], []
    for path, parent in found:
        try:
            check_header(path)
            with Image.open(path) as image:
                if min(image.size) < MIN_SIDE:
                    raise UserError(f"only {image.width}x{image.height} pixels")
            kept.append((path, parent))
        except UserError as exc:
            problems.append(f"{path.name.split('_', 1)[-1]}: {exc}")
    return kept, problems


def check(dataset: Dataset):
    """Refuse, in one line, a data set a classifier cannot be trained on."""
    counts = dataset.counts()
    if len(counts) < MIN_CLASSES:
        which = f" (only {quoted(dataset.classes[0])})" if counts else ""
        raise UserError(f"Training needs at least {MIN_CLASSES} classes, one folder each{which}: "
                        "add photos of another class.")
    if len(counts) > MAX_CLASSES:
        raise UserError(f"{len(counts)} classes; the limit is {MAX_CLASSES}. Keep fewer folders in the zip.")
    few = [f"{quoted(name)} ({n})" for name, n in counts.items() if n < MIN_PER_CLASS]
    if few:
        raise UserError(f"Each class needs at least {MIN_PER_CLASS} photos, one to train and one to check "
                        f"on; too few in {', '.join(few)}.")
    many = [f"{quoted(name)} ({n})" for name, n in counts.items() if n > MAX_PER_CLASS]
    if many:
        raise UserError(f"At most {MAX_PER_CLASS} photos per class; too many in {', '.join(many)}.")


def write_dataset(photos: list[tuple[str, Path]], path: Path | None = None) -> Path:
    """(class name, image file) pairs -> a zip with one folder per class. Returns its path."""
    if path is None:
        path = fresh_zip_path()
    seen = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:  # photos do not compress
        for name, image in photos:
            seen[name] = seen.get(name, 0) + 1
            suffix = Path(image).suffix.lower() or ".png"
            archive.write(image, f"{name}/{seen[name]:03d}{suffix}")
    return path


DATASETS = Path(tempfile.gettempdir()) / "teach-datasets"  # the zips the Collect step writes
KEEP_S = 600  # Gradio copies a returned file at once: ours are only worth keeping for a while


def fresh_zip_path() -> Path:
    """A new path for a data set zip. Each photo added writes one, so the ones older than
    KEEP_S are removed first: a lecture of adds does not fill the disk."""
    DATASETS.mkdir(exist_ok=True)
    for old in DATASETS.glob("*.zip"):
        try:
            if time.time() - old.stat().st_mtime > KEEP_S:
                old.unlink()
        except OSError:
            continue  # removed meanwhile by another request
    handle, name = tempfile.mkstemp(prefix="photos-", suffix=".zip", dir=DATASETS)
    os.close(handle)
    return Path(name)


def add_photos(zip_path, name: str, images: list, folder: Path) -> tuple[Path, list[str]]:
    """The data set in `zip_path` (None: empty) with `images` added to the class `name`."""
    existing = []
    if zip_path:
        dataset, _ = read_dataset(zip_path, folder / "old", checked=False)
        existing = [(dataset.classes[label], path) for path, label in dataset.photos]
    name = class_name(name)
    classes = {c for c, _ in existing} | {name}
    if len(classes) > MAX_CLASSES:
        raise UserError(f"{len(classes)} classes; the limit is {MAX_CLASSES}. Add to a class you have.")
    found, notes = intake_with_folders(images, folder / "new", limit=MAX_PER_CLASS)
    in_class = sum(1 for c, _ in existing if c == name)
    if in_class + len(found) > MAX_PER_CLASS:
        raise UserError(f"At most {MAX_PER_CLASS} photos per class; {quoted(name)} would have "
                        f"{in_class + len(found)}.")
    return write_dataset(existing + [(name, path) for path, _ in found]), notes
