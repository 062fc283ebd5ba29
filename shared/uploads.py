"""Images a person uploads: several files and/or zip archives (clip's "my images", teach's
photos, where a zip's folders name the classes). No gradio here.

Zip archives are opened with care: members are extracted one by one into a private folder
under their base name only (no paths, so nothing lands outside it), and refused when an
archive claims or turns out to hold too much (zip bombs), compresses suspiciously well, or
holds too many files. Members that are not images (by extension) are skipped and counted;
whether an image decodes is checked later, when it is embedded (apps/clip/index.py).
"""

import os
import re
import shutil
import zipfile
from pathlib import Path

from shared.errors import UserError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"}
MAX_IMAGES = int(os.environ.get("CLIP_MAX_UPLOADS", "200"))  # per upload (clip: and per session)
MAX_MEMBER_BYTES = 25 * 2**20     # one image inside a zip
MAX_ARCHIVE_BYTES = 300 * 2**20   # everything inside one zip, uncompressed
MAX_RATIO = 100                   # uncompressed / compressed; photos barely compress at all
MAX_MEMBERS = 5000                # entries listed in one zip, images or not


def intake(paths: list, folder: Path, limit: int = MAX_IMAGES) -> tuple[list[Path], list[str]]:
    """Uploaded files -> (image candidates, notes for the person). Zip members go to `folder`."""
    found, notes = intake_with_folders(paths, folder, limit)
    return [path for path, _ in found], notes


def intake_with_folders(paths: list, folder: Path, limit: int = MAX_IMAGES) -> tuple[list[tuple[Path, str]], list[str]]:
    """Like intake, with the name of the folder each image was in: (image, folder name) pairs.
    A zip member "cats/1.jpg" or "photos/cats/1.jpg" is in "cats"; a file sent on its own, or a
    member at a zip's top level, is in ""."""
    folder.mkdir(parents=True, exist_ok=True)
    images, notes, skipped = [], [], []
    for path in [Path(p) for p in paths or [] if p]:
        if zipfile.is_zipfile(path):
            found, ignored = _extract(path, folder, len(images), limit)
            images += found
            skipped += ignored
        else:
            images.append((path, ""))
    if skipped:
        notes.append(f"skipped {len(skipped)} file(s) that are not images: {_few(skipped)}")
    if not images:
        why = f" (found only {_few(skipped)})" if skipped else ""
        raise UserError(f"No images found in the upload{why}. Add JPEG, PNG, WebP, GIF, BMP or TIFF "
                        "files, or a .zip of them.")
    if len(images) > limit:
        notes.append(f"{len(images)} images: only the first {limit} are added (the limit per upload)")
        images = images[:limit]
    return images, notes


def _extract(archive: Path, folder: Path, already: int, limit: int) -> tuple[list[tuple[Path, str]], list[str]]:
    name = archive.name
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            _check_archive(name, members)
            images, skipped = [], []
            for member in members:
                base = Path(member.filename).name
                if base.startswith(".") or "__MACOSX" in member.filename:
                    continue  # macOS resource forks and hidden files
                if Path(base).suffix.lower() not in IMAGE_SUFFIXES or member.flag_bits & 0x1:
                    skipped.append(base)  # not an image, or encrypted
                    continue
                if already + len(images) >= limit:
                    break
                target = folder / f"{already + len(images):04d}_{_safe(base)}"
                _copy_capped(zf, member, target)
                parent = Path(member.filename.replace("\\", "/")).parent.name
                images.append((target, parent))
            return images, skipped
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as exc:
        raise UserError(f"{name}: the zip archive is damaged or uses an unsupported format ({exc}).") from exc


def _check_archive(name: str, members: list):
    if len(members) > MAX_MEMBERS:
        raise UserError(f"{name} lists {len(members):,} files; the limit is {MAX_MEMBERS:,}. Zip fewer files.")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > MAX_ARCHIVE_BYTES:
        raise UserError(f"{name} unpacks to {total / 2**20:,.0f} MB; the limit is "
                        f"{MAX_ARCHIVE_BYTES / 2**20:.0f} MB. Split it into smaller archives.")
    if total > 2**20 and total > MAX_RATIO * max(packed, 1):
        raise UserError(f"{name} unpacks to {total / max(packed, 1):,.0f} times its size, which photos "
                        "never do: refused as a possible zip bomb.")


def _copy_capped(zf: zipfile.ZipFile, member, target: Path):
    """Extract one member, stopping if it yields more bytes than it declared (or the cap)."""
    limit = min(member.file_size, MAX_MEMBER_BYTES)
    if member.file_size > MAX_MEMBER_BYTES:
        raise UserError(f"{member.filename} is {member.file_size / 2**20:.0f} MB; an image may be at most "
                        f"{MAX_MEMBER_BYTES / 2**20:.0f} MB.")
    written = 0
    with zf.open(member) as source, open(target, "wb") as out:
        for block in iter(lambda: source.read(1 << 16), b""):
            written += len(block)
            if written > limit:
                out.close()
                target.unlink()
                raise UserError(f"{member.filename} holds more data than the archive says: refused.")
            out.write(block)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[-80:] or "image"


def _few(names: list[str], n: int = 3) -> str:
    shown = ", ".join(names[:n])
    return shown + (f" and {len(names) - n} more" if len(names) > n else "")


def remove(folder: Path):
    shutil.rmtree(folder, ignore_errors=True)
