"""Build the `clip` tab's gallery: a few hundred CC0 / public-domain photos, downscaled, labelled.

Sources (both install from Debian / PyPI, nothing is downloaded by this script):
- Debian `gcompris-qt-data` (3.1-2): GCompris' activity images live inside Qt resource
  bundles (.rcc). We read the .rcc format ourselves (no Qt needed) and keep only the photos
  whose licence, in the upstream README that sits beside them in the same bundle, is CC0 or
  public domain. (Debian's copyright file still lists the older .jpg originals for many of
  these names; the README describes the .webp files that are actually shipped.)
- scikit-image's bundled photos (CC0 / public domain).

    apt-get download gcompris-qt-data     # or: apt-get install gcompris-qt-data
    python training/build_clip_gallery.py --deb gcompris-qt-data_3.1-2_all.deb
    python training/build_clip_gallery.py                  # uses /usr/share/gcompris-qt/rcc

Writes apps/clip/gallery/*.jpg (256 px on the long side, JPEG quality 85), LICENSES.csv (one
line per file: label, name, group, licence, author, source) and LICENSES.md. Deterministic:
the same package version gives the same files. Labels are generic nouns ("castle", "koala")
taken from the file names, with the hand-written corrections in LABELS below.
"""

import argparse
import csv
import io
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "apps" / "clip" / "gallery"
RCC_DIR = Path("/usr/share/gcompris-qt/rcc")
LONG_SIDE = 256
QUALITY = 85
FREE = {"cc0-1.0": "CC0-1.0", "cc0": "CC0-1.0", "public domain": "public domain"}
ACT = "gcompris/src/activities/"

# (bundle, folder inside it, group). Only photos: cartoon sprites and drawings are left out.
SOURCES = [
    ("explore_world_animals", "explore_world_animals/resource/animals", "animals"),
    ("explore_farm_animals", "explore_farm_animals/resource/animals", "animals"),
    ("erase", "erase/resource", "animals"),
    ("categorization", "categorization/resource/images/fishes", "fish"),
    ("categorization", "categorization/resource/images/tools", "tools"),
    ("categorization", "categorization/resource/images/others", "objects"),
    ("categorization", "categorization/resource/images/renewable", "energy"),
    ("categorization", "categorization/resource/images/monuments", "monuments"),
    ("explore_monuments", "explore_monuments/resource", "monuments"),
    ("explore_world_music", "explore_world_music/resource/music", "music"),
    ("solar_system", "solar_system/resource", "space"),
]

# file stem -> (generic label, specific name). A generic label is what a person would type
# ("castle"); the name says which one. Stems not listed get their camelCase words, digits
# dropped ("measuringTape3" -> "measuring tape").
LABELS = {
    # animals
    "dragon": ("komodo dragon", ""), "panda": ("giant panda", ""), "red_panda": ("red panda", ""),
    "polar_bear": ("polar bear", ""), "scarlet_macaw": ("macaw", "scarlet macaw"),
    # tools and objects
    "cuttingTool": ("wire cutter", ""), "plier": ("pliers", ""), "nailCutter": ("nail clipper", ""),
    "sideCutter": ("wire cutter", ""), "spray": ("spray bottle", ""), "tweezer": ("tweezers", ""),
    "screwDriver": ("screwdriver", ""), "blackslate": ("blackboard", ""),
    "bucket": ("bucket", "milk pail"), "buffetset": ("cup and saucer", ""), "bulb": ("light bulb", ""),
    "cup": ("cup", ""), "erasers": ("eraser", ""), "knife": ("cutlery", "knife, fork and spoon"),
    "pan": ("frying pan", ""), "spoons": ("spoons", ""), "volleyball": ("volleyball", ""),
    "weighingMachine": ("weighing scale", ""), "pillow": ("pillow", ""),
    # renewable energy (from each photo's source title)
    "geothermal": ("geothermal power plant", ""), "solar1": ("solar cooker", ""),
    "solar2": ("solar cooker", ""), "solar3": ("solar cooker", "solar oven"),
    "solar4": ("solar panels", "solar tracker"), "solar5": ("solar panels", ""),
    "solar6": ("solar panels", "on a roof"), "solar7": ("solar panels", ""),
    "solar8": ("solar panels", "solar collectors"),
    # monuments: a generic noun, then the monument's name
    "IndiaGate": ("arch", "India Gate"), "arcDeTriomphe": ("arch", "Arc de Triomphe du Carrousel"),
    "bayterek": ("tower", "Bayterek"), "brandenburgGate": ("gate", "Brandenburg Gate"),
    "burj": ("skyscraper", "Burj Khalifa"), "cathedral": ("cathedral", "Santiago de Compostela"),
    "christTheRedeemer": ("statue", "Christ the Redeemer"), "colosseum": ("amphitheater", "Colosseum"),
    "eiffelTower": ("tower", "Eiffel Tower"), "empireState": ("skyscraper", "Empire State Building"),
    "greatPyramid": ("pyramid", "Great Pyramid of Giza"), "greatWall": ("great wall", "Great Wall of China"),
    "jucheTower": ("tower", "Juche Tower"), "kutubMinar": ("tower", "Qutub Minar"),
    "leMusee": ("museum", "the Louvre"), "leaningTowerOfPisa": ("tower", "Leaning Tower of Pisa"),
    "monument1": ("mosque", "Dome of the Rock"), "monument2": ("ruins", "Tetrapylon"),
    "monument3": ("church", "Kaiser Jubilee Church, Vienna"),
    "mountRushmore": ("mountain carving", "Mount Rushmore"), "operaHouse": ("opera house", "Sydney Opera House"),
    "parthenon": ("temple", "Parthenon"), "statueOfLiberty": ("statue", "Statue of Liberty"),
    "tajMahal": ("mausoleum", "Taj Mahal"), "usCapitol": ("capitol building", "US Capitol"),
    "victoriaMemorial": ("statue", "Victoria Memorial"), "zimniPalace": ("palace", "Winter Palace"),
    "usa/canyondeChelly": ("canyon", "Canyon de Chelly"),
    "usa/georgeWashingtonBirthplace": ("house", "George Washington Birthplace"),
    "usa/lincolnMemorial": ("memorial", "Lincoln Memorial"), "usa/navajo": ("cliff dwelling", "Navajo National Monument"),
    "usa/cabrillo": ("statue", "Cabrillo National Monument"), "usa/mountRushmore": ("mountain carving", "Mount Rushmore"),
    "usa/statueofLiberty": ("statue", "Statue of Liberty"), "usa/castillodeSanMarcos": ("fort", "Castillo de San Marcos"),
    "usa/fortSumter": ("fort", "Fort Sumter"), "usa/castleClinton": ("fort", "Castle Clinton"),
    "egypt/meidumPyramid": ("pyramid", "Meidum Pyramid"), "egypt/greatPyramidOfGiza": ("pyramid", "Great Pyramid of Giza"),
    "egypt/bentPyramid": ("pyramid", "Bent Pyramid"), "egypt/redPyramid": ("pyramid", "Red Pyramid"),
    "india/greatStupa": ("stupa", "Great Stupa, Sanchi"), "india/gatewayofIndia": ("arch", "Gateway of India"),
    "india/konarkSunTemple": ("temple", "Konark Sun Temple"), "india/charminar": ("mosque", "Charminar"),
    "india/hawaMahal": ("palace", "Hawa Mahal"), "india/rangGhar": ("pavilion", "Rang Ghar"),
    "india/victoriaMemorial": ("memorial", "Victoria Memorial, Kolkata"), "india/mysorePalace": ("palace", "Mysore Palace"),
    "india/goldenTemple": ("temple", "Golden Temple"), "india/ajantaCave": ("cave", "Ajanta Caves"),
    "india/qutubMinar": ("tower", "Qutub Minar"),
    "france/chateaudeChambord": ("castle", "Château de Chambord"), "france/pontduGard": ("aqueduct", "Pont du Gard"),
    "france/palaisdesPapes": ("palace", "Palais des Papes"), "france/reimsCathedral": ("cathedral", "Reims Cathedral"),
    "france/arlesAmphitheater": ("amphitheater", "Arles Amphitheatre"),
    "france/chateaudeChenonceau": ("castle", "Château de Chenonceau"),
    "france/citedeCarcassonne": ("castle", "Cité de Carcassonne"), "france/eiffelTower": ("tower", "Eiffel Tower"),
    "france/montStMichel": ("abbey", "Mont-Saint-Michel"), "france/rocamadour": ("village", "Rocamadour"),
    "germany/berlinCathedral": ("cathedral", "Berlin Cathedral"), "germany/brandenburgGate": ("gate", "Brandenburg Gate"),
    "germany/neuschwansteinCastle": ("castle", "Neuschwanstein Castle"),
    "germany/schwerinPalace": ("castle", "Schwerin Palace"), "germany/trierImperialBaths": ("ruins", "Imperial Baths, Trier"),
    "germany/wormsCathedral": ("cathedral", "Worms Cathedral"),
    "wonders/colosseum": ("amphitheater", "Colosseum"), "wonders/greatWallofChina": ("great wall", "Great Wall of China"),
    "wonders/machuPicchu": ("ruins", "Machu Picchu"), "wonders/petra": ("ruins", "Petra"),
    # music (from each photo's source title)
    "africa": ("drums", "Batá drums"), "italy": ("singers", "opera singers"), "japan": ("drums", "taiko drums"),
    "mexico": ("band", "mariachi band"), "middleeast": ("lute", "dutar"), "orchestra": ("orchestra", ""),
    # space
    "sun": ("sun", ""), **{p: ("planet", p.capitalize()) for p in
                             ("mercury", "venus", "earth", "mars", "jupiter", "saturn", "uranus", "neptune")},
}

# scikit-image's photos: (function, file name, label, name, licence, author/source)
SKIMAGE = [
    ("astronaut", "astronaut", "astronaut", "Eileen Collins", "public domain", "NASA"),
    ("chelsea", "cat_chelsea", "cat", "Chelsea", "CC0-1.0", "Stefan van der Walt"),
    ("coffee", "coffee", "cup of coffee", "", "CC0-1.0", "Rachel Michetti"),
    ("rocket", "rocket", "rocket", "Falcon 9 launch", "public domain", "SpaceX"),
    ("camera", "cameraman", "photographer", "", "CC0-1.0", "Lav Varshney"),
    ("coins", "coins", "coins", "", "public domain", "Brooklyn Museum (no known copyright restrictions)"),
    ("hubble_deep_field", "hubble_deep_field", "galaxies", "Hubble deep field", "public domain", "NASA"),
    ("retina", "retina", "eye", "retina fundus photograph", "CC0-1.0", "Mikael Häggström"),
    ("brick", "brick", "brick wall", "", "CC0-1.0", "CC0Textures (Bricks25)"),
    ("grass", "grass", "grass", "", "CC0-1.0", "linolafett (Grass 01)"),
    ("gravel", "gravel", "gravel", "", "CC0-1.0", "CC0Textures (Gravel04)"),
]


@dataclass
class Item:
    file: str
    label: str
    name: str
    group: str
    licence: str
    author: str
    source: str
    origin: str


# --------------------------------------------------------------------------- Qt .rcc reader


def read_rcc(data: bytes) -> dict[str, bytes]:
    """All files of a Qt resource bundle (rcc format versions 1-3): {path: bytes}.

    Layout: a 20-byte header ('qres', version, tree/data/names offsets), a tree of 14-byte
    (v1) or 22-byte (v2+) nodes, the file data (4-byte size, then bytes; zlib-compressed
    ones start with their 4-byte uncompressed size) and the names (UTF-16BE)."""
    if data[:4] != b"qres":
        raise ValueError("not a Qt resource bundle")
    version, tree, payload, names = struct.unpack(">IIII", data[4:20])
    node_size = 22 if version >= 2 else 14

    def name(offset: int) -> str:
        (length,) = struct.unpack(">H", data[names + offset:names + offset + 2])
        return data[names + offset + 6:names + offset + 6 + 2 * length].decode("utf-16-be")

    files: dict[str, bytes] = {}
    stack = [(0, "")]
    while stack:
        index, prefix = stack.pop()
        at = tree + index * node_size
        name_offset, flags = struct.unpack(">IH", data[at:at + 6])
        path = f"{prefix}{name(name_offset)}" if index else ""
        if flags & 2:  # directory: children are a contiguous run of nodes
            count, first = struct.unpack(">II", data[at + 6:at + 14])
            stack.extend((child, f"{path}/" if index else "") for child in range(first, first + count))
            continue
        (offset,) = struct.unpack(">I", data[at + 10:at + 14])
        (size,) = struct.unpack(">I", data[payload + offset:payload + offset + 4])
        blob = data[payload + offset + 4:payload + offset + 4 + size]
        if flags & 4:
            raise ValueError(f"{path}: zstd-compressed resources are not supported")
        files[path] = zlib.decompress(blob[4:]) if flags & 1 else blob
    return files


# --------------------------------------------------------------------------- licences


def parse_readme(text: str) -> dict[str, dict]:
    """GCompris' per-folder README: blocks of 'Copyright:' (may continue on indented lines),
    'License:', 'Source:' or 'Comment: original source at URL' lines, then a 'Files:' list
    (inline or one per line). Returns {file path relative to the folder: block}."""
    out, block, key, fresh = {}, {}, None, True
    for raw in text.splitlines():
        line = raw.strip()
        match = re.match(r"^(Copyright|License|Source|Comments?|Files):\s*(.*)$", line)
        if match:
            key, value = match.groups()
            if fresh and key != "Files":  # the first key after a file list starts a new block
                block, fresh = {}, False
            if key == "Files":
                fresh = True
                for name in value.split():
                    out[name] = dict(block)
            else:
                block[key] = value
        elif line and key == "Files":
            out[line] = dict(block)
        elif line and key == "Copyright":  # an indented continuation line
            block["Copyright"] = f"{block['Copyright']}; {line}".strip("; ")
    for info in out.values():
        url = re.search(r"https?://\S+", info.get("Comment", "") + " " + info.get("Comments", ""))
        if not info.get("Source") and url:
            info["Source"] = url.group(0)
    return out


def free_licence(text: str | None) -> str | None:
    return FREE.get((text or "").strip().lower())


def label_for(key: str, stem: str) -> tuple[str, str]:
    base = re.sub(r"\d+$", "", stem)  # "plier3" -> "plier"
    for candidate in (key, stem, base):
        if candidate in LABELS:
            return LABELS[candidate]
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", base).replace("_", " ")
    return words.lower().strip(), ""


def gcompris_items(rcc_dir: Path, images: dict) -> list[Item]:
    items = []
    bundles = {}
    for bundle, folder, group in SOURCES:
        if bundle not in bundles:
            bundles[bundle] = read_rcc((rcc_dir / f"{bundle}.rcc").read_bytes())
        files = bundles[bundle]
        prefix = f"{ACT}{folder}/"
        readme = parse_readme(files[f"{prefix}README"].decode("utf-8", "replace"))
        for path in sorted(p for p in files if p.startswith(prefix) and p.endswith(".webp")):
            rel = path[len(prefix):]
            block = readme.get(rel)
            licence = free_licence(block and block.get("License"))
            if licence is None:
                continue
            key = rel[:-len(".webp")]
            label, name = label_for(key, Path(rel).stem)
            file = f"{group}_{key.replace('/', '_')}.jpg"
            images[file] = Image.open(io.BytesIO(files[path]))
            items.append(Item(file, label, name, group, licence, block.get("Copyright", ""),
                              block.get("Source", ""), f"gcompris-qt-data: {bundle}.rcc:{path}"))
    return items


def skimage_items(images: dict) -> list[Item]:
    import skimage.data

    items = []
    for func, stem, label, name, licence, author in SKIMAGE:
        file = f"skimage_{stem}.jpg"
        images[file] = Image.fromarray(getattr(skimage.data, func)())
        items.append(Item(file, label, name, "skimage", licence, author, f"skimage.data.{func}()",
                          f"scikit-image {skimage.__version__}"))
    return items


# --------------------------------------------------------------------------- output


def downscale(image: Image.Image) -> Image.Image:
    """RGB (transparent parts on white), at most LONG_SIDE px on the long side."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    image = image.convert("RGB")
    image.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
    return image


def write(items: list[Item], images: dict, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.jpg"):
        old.unlink()
    for item in items:
        downscale(images[item.file]).save(out / item.file, quality=QUALITY, optimize=True)
    with open(out / "LICENSES.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "label", "name", "group", "licence", "author", "source", "origin"])
        for item in items:
            writer.writerow([item.file, item.label, item.name, item.group, item.licence,
                             item.author, item.source, item.origin])
    groups = sorted({item.group for item in items})
    counts = ", ".join(f"{g} {sum(i.group == g for i in items)}" for g in groups)
    (out / "LICENSES.md").write_text(
        "# Gallery: licences\n\n"
        f"{len(items)} photos ({counts}), each CC0-1.0 or public domain, downscaled to at most "
        f"{LONG_SIDE} px on the long side (JPEG quality {QUALITY}).\n"
        "`LICENSES.csv` has one line per file: its label, what it shows, licence, author and "
        "source page.\n\n"
        "- Photos from Debian's `gcompris-qt-data` (GCompris, KDE): extracted from the Qt resource "
        "bundles by `training/build_clip_gallery.py`, which keeps only the images whose licence, "
        "in the upstream README next to them inside the bundle, is CC0 or public domain.\n"
        "- Photos from scikit-image's `skimage.data` (CC0 / public domain, see each function's "
        "docstring).\n\n"
        "Rebuild: `python training/build_clip_gallery.py --deb gcompris-qt-data_3.1-2_all.deb`.\n",
        encoding="utf-8")


def rcc_dir_from_deb(deb: Path, tmp: Path) -> Path:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp)], check=True)
    return tmp / "usr" / "share" / "gcompris-qt" / "rcc"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--deb", type=Path, help="gcompris-qt-data .deb (else the installed package)")
    p.add_argument("--rcc-dir", type=Path, default=RCC_DIR)
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rcc_dir = rcc_dir_from_deb(args.deb, Path(tmp)) if args.deb else args.rcc_dir
        if not rcc_dir.is_dir():
            sys.exit(f"{rcc_dir} not found: apt-get install gcompris-qt-data, or pass --deb FILE")
        images: dict[str, Image.Image] = {}
        items = gcompris_items(rcc_dir, images) + skimage_items(images)
        write(items, images, args.out)
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"{len(items)} images, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
