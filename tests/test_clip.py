"""Tests of the clip tab: real answers from the offline class bridge on the shipped gallery,
the embedding cache, exact vs approximate FAISS search, the folder indexer, user uploads
(zips included), bad input, the API, and the OpenCLIP hub path on a tiny random model."""

import csv
import io
import json
import sys
import zipfile
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from apps.clip.gallery import GALLERY_DIR, gallery_items, precomputed
from apps.clip.index import EmbeddingCache, VectorIndex, embed_files, file_sha1
from apps.clip.model import BRIDGE, CHOICES, load_open_clip
from apps.clip.search import UserImages, add_images, forget, search_image, search_text, zero_shot
from apps.clip.text import parse_labels
from shared.uploads import intake
from conftest import ROOT, serve_tab
from shared.errors import UserError
from shared.models import CACHE, ModelChoice, find_choice

EXAMPLES = ROOT / "apps" / "clip" / "examples"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Every test gets an empty embedding cache of its own (never ~/.cache)."""
    monkeypatch.setenv("APP_CACHE_DIR", str(tmp_path / "cache"))


def photo(name: str) -> Image.Image:
    return Image.open(EXAMPLES / name).convert("RGB")


def files(hits) -> list[str]:
    return [hit.item.path.name for hit in hits]


@pytest.fixture(scope="module")
def bridge():
    with CACHE.use(find_choice(CHOICES, BRIDGE)) as embedder:
        pass  # do not hold the model's lock for the whole module: search_text needs it too
    return embedder


# --------------------------------------------------------------------------- real answers


def test_offline_default_is_the_bridge():
    assert find_choice(CHOICES, None).name == BRIDGE


@pytest.mark.parametrize("query, expected", [("a koala", "animals_koala.jpg"),
                                             ("a cup of coffee", "skimage_coffee.jpg"),
                                             ("a hammer", "tools_hammer1.jpg")])
def test_text_finds_the_right_photo(query, expected):
    hits = search_text(query, k=5)
    assert expected in files(hits), [(h.item.caption, round(h.score, 3)) for h in hits]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_a_group_name_finds_the_whole_group():
    """WordNet parents in the class texts: "a bird" reaches every bird class the CNN knows."""
    hits = search_text("a bird", k=5)
    assert {h.item.label for h in hits} == {"chicken", "duck", "kingfisher", "macaw", "owl"}
    assert min(h.score for h in hits) > 0.5  # the CNN's probability for "some bird"


def test_zero_shot_knows_a_cat():
    probs = zero_shot(photo("chelsea.jpg"), "cat, dog, car")
    assert next(iter(probs)) == "cat" and probs["cat"] > 0.6
    assert abs(sum(probs.values()) - 1) < 1e-5


def test_an_image_finds_itself_then_its_kind():
    hits = search_image(Image.open(GALLERY_DIR / "animals_koala.jpg").convert("RGB"), k=5)
    assert hits[0].item.path.name == "animals_koala.jpg" and hits[0].score > 0.99
    fish = search_image(Image.open(GALLERY_DIR / "fish_fish1.jpg").convert("RGB"), k=5)
    assert sum(h.item.label == "fish" for h in fish) >= 4


def test_shipped_bridge_matches_its_model_card(bridge):
    """Recompute the card's held-out test figures with the app's own bridge: the gallery's
    precomputed vectors, the other packages' photos embedded now, the test half of the queries."""
    sys.path.insert(0, str(ROOT / "training"))
    from choose_clip_bridge import metrics, extra_images, read_queries, split_queries

    items = gallery_items()
    seed = precomputed(bridge.key)
    extra = extra_images()
    vectors = np.concatenate([np.stack([seed[file_sha1(i.path)] for i in items]),
                              bridge.images([image for image, _ in extra])])
    labels = [i.label for i in items] + [label for _, label in extra]
    card = json.loads((ROOT / "models" / "clip" / "metrics.json").read_text())["natural_queries"]
    test = split_queries(read_queries(set(labels)), card["seed"])["test"]
    got = metrics(vectors @ bridge.texts([q["text"] for q in test]).T, labels, test)
    want = card["results"][card["chosen"]]["test"]["all"]
    for name in ("recall@1", "recall@5", "mAP"):
        assert abs(got[name] - want[name]) < 0.02, (name, got[name], want[name])
    devise = card["results"]["devise"]["test"]["all"]
    assert got["recall@1"] > devise["recall@1"] + 0.05  # better than the bridge it replaced


# --------------------------------------------------------------------------- gallery, cache


def test_gallery_is_small_labelled_and_free():
    rows = list(csv.DictReader(open(GALLERY_DIR / "LICENSES.csv", encoding="utf-8")))
    jpgs = sorted(p.name for p in GALLERY_DIR.glob("*.jpg"))
    assert sorted(r["file"] for r in rows) == jpgs and len(jpgs) >= 200
    assert {r["licence"] for r in rows} <= {"CC0-1.0", "public domain"}
    assert all(r["label"] and r["source"] for r in rows)
    assert sum(p.stat().st_size for p in GALLERY_DIR.iterdir()) < 5e6
    assert max(max(Image.open(GALLERY_DIR / j).size) for j in jpgs[::10]) <= 256


def test_precomputed_vectors_are_the_models_and_stale_ones_are_rebuilt(bridge, tmp_path):
    names = ["animals_koala.jpg", "skimage_coffee.jpg", "tools_hammer1.jpg"]
    for name in names:
        (tmp_path / name).write_bytes((GALLERY_DIR / name).read_bytes())
    Image.open(tmp_path / names[0]).rotate(90).save(tmp_path / names[0])  # now stale
    seed = precomputed(bridge.key)
    done = embed_files([tmp_path / n for n in names], bridge.images, EmbeddingCache(bridge.key, seed=seed), bridge.dim)
    assert (done.cached, done.computed) == (2, 1)
    fresh = bridge.images([Image.open(GALLERY_DIR / n).convert("RGB") for n in names[1:]])
    assert np.allclose(fresh, done.vectors[1:], atol=2e-3)  # float16 in the file
    assert precomputed("another model") == {}


def make_images(folder, n=3):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        paths.append(folder / f"img{i}.png")
        Image.new("RGB", (40, 30), (60 * i, 100, 200 - 50 * i)).save(paths[-1])
    return paths


def test_cache_hit_on_second_indexing_and_miss_after_a_change(tmp_path):
    calls = []

    def embed(images):  # a stand-in model: the mean colour as a unit vector
        calls.append(len(images))
        x = np.array([np.asarray(im, np.float32).mean((0, 1)) for im in images]) + 1
        return x / np.linalg.norm(x, axis=1, keepdims=True)

    paths = make_images(tmp_path / "imgs")
    cache = EmbeddingCache("stand-in", root=tmp_path / "cache")
    first = embed_files(paths, embed, cache, 3, batch_size=2)
    assert (first.cached, first.computed, calls) == (0, 3, [2, 1])
    again = embed_files(paths, embed, cache, 3)
    assert (again.cached, again.computed) == (3, 0) and np.array_equal(first.vectors, again.vectors)
    Image.new("RGB", (40, 30), "white").save(paths[1])
    changed = embed_files(paths, embed, cache, 3)
    assert (changed.cached, changed.computed) == (2, 1)
    assert not np.allclose(changed.vectors[1], first.vectors[1])


def test_exact_and_approximate_indexes_agree():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(50, 64))
    x = centres[rng.integers(0, 50, 6000)] + 0.6 * rng.normal(size=(6000, 64))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    queries = x[:100] + 0.2 * rng.normal(size=(100, 64)).astype(np.float32)
    exact, approx = VectorIndex(x, threshold=10_000), VectorIndex(x, threshold=1000)
    assert exact.kind.startswith("exact") and approx.kind.startswith("approximate")
    (_, i1), (s2, i2) = exact.search(queries, 10), approx.search(queries, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(i1, i2)])
    assert recall >= 0.9, recall
    assert (i1[:, 0] == i2[:, 0]).mean() >= 0.95 and np.all(np.diff(s2, axis=1) <= 1e-6)
    assert exact.search(queries, 10_000)[1].shape == (100, 6000)  # k larger than the index


def test_cli_indexes_a_folder(tmp_path, capsys):
    from apps.clip.index_folder import main

    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    (folder / "koala.jpg").write_bytes((GALLERY_DIR / "animals_koala.jpg").read_bytes())
    (folder / "sub" / "coffee.jpg").write_bytes((GALLERY_DIR / "skimage_coffee.jpg").read_bytes())
    (folder / "broken.png").write_bytes(b"not a png")
    out = tmp_path / "index.npz"
    assert main([str(folder), "--query", "a koala", "-k", "1", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2 images indexed" in text and "0 from the cache" in text and "skipped" in text
    assert text.strip().splitlines()[-1].endswith("koala.jpg")
    assert np.load(out)["vectors"].shape == (2, 2280)  # 1000 class probabilities + the 1280-d feature
    assert main([str(folder)]) == 0 and "2 from the cache, 0 embedded" in capsys.readouterr().out
    assert main([str(tmp_path / "nowhere")]) == 2


# --------------------------------------------------------------------------- uploads


def zip_of(path, members: dict):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def png_bytes(colour="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_zip_intake_keeps_images_only_and_stays_in_its_folder(tmp_path):
    archive = zip_of(tmp_path / "a.zip", {"../../evil.png": png_bytes(), "dir/b.jpg": png_bytes("blue"),
                                          "notes.txt": b"hello", "__MACOSX/._b.jpg": b"x"})
    images, notes = intake([archive], tmp_path / "out")
    assert len(images) == 2 and all(p.parent == tmp_path / "out" for p in images)
    assert "skipped 1 file(s) that are not images: notes.txt" in notes[0]


@pytest.mark.parametrize("members, message", [
    ({"a.txt": b"text", "b.csv": b"1,2"}, "No images found in the upload .found only a.txt, b.csv"),
    ({"bomb.png": bytes(30 * 2**20)}, "zip bomb"),
])
def test_bad_zips_are_refused_clearly(tmp_path, members, message):
    with pytest.raises(UserError, match=message):
        intake([zip_of(tmp_path / "bad.zip", members)], tmp_path / "out")


def test_add_images_then_search_only_them(tmp_path):
    archive = zip_of(tmp_path / "mine.zip", {
        "koala.jpg": (GALLERY_DIR / "animals_koala.jpg").read_bytes(),
        "cup.jpg": (GALLERY_DIR / "skimage_coffee.jpg").read_bytes()})
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not really")
    mine, notes = add_images([str(archive), str(broken)])
    assert mine.names == ["koala.jpg", "cup.jpg"] and mine.vectors.shape == (2, 2280)
    assert "added 2 image(s)" in notes[0] and any("broken.jpg" in n for n in notes)
    hits = search_text("a cup of coffee", k=5, where="My images", mine=mine)
    assert [h.item.caption for h in hits] == ["cup.jpg", "koala.jpg"] and {h.source for h in hits} == {"yours"}
    both = search_text("a koala", k=3, where="Both", mine=mine)
    assert {h.source for h in both[:2]} == {"gallery", "yours"}  # the same koala photo, twice
    with pytest.raises(UserError, match="not added any images"):
        search_text("a koala", where="My images", mine=UserImages())
    unpacked = Path(mine.paths[0]).parent
    assert unpacked.is_dir() and Path(mine.paths[0]).is_file()
    forget(mine)  # what "Clear my images" and the end of a session do
    assert not unpacked.exists()


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("query, message", [
    ("", "empty"), ("   \n\t", "empty"), ("\u200b\u200e", "empty"), pytest.param("x" * 10_000, "10,000 characters", id="10k-chars"),
    ("🐨🐨🐨", "no letters or digits"), ("!!!", "no letters or digits"),
])
def test_bad_queries_get_clear_messages(query, message):
    with pytest.raises(UserError, match=message):
        search_text(query)


def test_odd_but_valid_queries_work():
    for query in ["KOALA!!!", "a\u00a0koala\u200b", "ein Koala 🐨", "コアラ", "a " * 100]:
        assert len(search_text(query, k=3)) == 3


@pytest.mark.parametrize("labels, message", [
    ("", "No labels"), ("cat", "at least two"), ("cat, Cat, CAT", "at least two"),
    pytest.param(", ".join(f"l{i}" for i in range(60)), "limit is 50", id="60-labels"),
    pytest.param("cat, " + "x" * 200, "limit is 100", id="long-label"),
])
def test_bad_labels_get_clear_messages(labels, message):
    with pytest.raises(UserError, match=message):
        parse_labels(labels)


def test_bad_settings_get_clear_messages():
    with pytest.raises(UserError, match="choose one of: Gallery"):
        search_text("a koala", where="Elsewhere")
    with pytest.raises(UserError, match="between 1 and 50"):
        search_text("a koala", k=0)
    with pytest.raises(UserError, match="choose one of: .*Class bridge"):
        search_text("a koala", model="CLIP-Z")


def test_hub_model_offline_without_cache_says_so():
    hub = next(c for c in CHOICES if not c.embedded)
    with pytest.raises(UserError, match="offline"):
        search_text("a koala", model=hub.name)


# --------------------------------------------------------------------------- hub path, tiny model


@pytest.fixture(scope="module")
def tiny_open_clip(tmp_path_factory):
    """A random OpenCLIP model saved as on the hub: open_clip_config.json + open_clip_model.safetensors."""
    import open_clip
    from safetensors.torch import save_file

    cfg = {"embed_dim": 32, "vision_cfg": {"image_size": 32, "layers": 1, "width": 32, "patch_size": 16,
                                           "head_width": 16},
           "text_cfg": {"context_length": 16, "vocab_size": 49408, "width": 32, "heads": 2, "layers": 1}}
    folder = tmp_path_factory.mktemp("tiny_open_clip")
    config = {"model_cfg": cfg, "preprocess_cfg": {"mean": [0.5] * 3, "std": [0.5] * 3}}
    (folder / "open_clip_config.json").write_text(json.dumps(config))
    save_file(open_clip.CLIP(**cfg).state_dict(), str(folder / "open_clip_model.safetensors"))
    return folder


def test_open_clip_loader_on_a_local_hub_folder(tiny_open_clip, monkeypatch, tmp_path):
    embedder = load_open_clip(str(tiny_open_clip), None, "cpu", "float32")
    images = embedder.images([photo("chelsea.jpg"), photo("coffee.jpg")])
    texts = embedder.texts(["a koala", "a cup of coffee", "x"])
    assert images.shape == (2, 32) and texts.shape == (3, 32) and embedder.dim == 32
    assert np.allclose(np.linalg.norm(images, axis=1), 1, atol=1e-5) and np.isfinite(texts).all()
    assert embedder.key.startswith(f"open_clip:{tiny_open_clip}") and embedder.logit_scale > 1
    # The whole tab path (model cache, uploads, search, zero-shot) with it as a hub choice:
    import apps.clip.search as search

    tiny = ModelChoice("tiny OpenCLIP (test)", partial(load_open_clip, str(tiny_open_clip), None),
                       hub_id=str(tiny_open_clip), revision=None)
    monkeypatch.setattr(search, "CHOICES", [*CHOICES, tiny])
    mine, _ = add_images(make_images(tmp_path / "imgs", 2), tiny.name)
    hits = search_text("a koala", tiny.name, k=5, where="My images", mine=mine)
    assert len(hits) == 2 and all(-1 <= h.score <= 1 for h in hits)
    assert set(zero_shot(photo("chelsea.jpg"), "cat, dog", tiny.name)) == {"cat", "dog"}


# --------------------------------------------------------------------------- API


def test_api_endpoints(tmp_path):
    from gradio_client import handle_file

    from apps.clip import SPEC

    with serve_tab(SPEC) as client:
        gallery, info = client.predict("a koala", BRIDGE, 4, "Gallery", api_name="/clip")
        assert len(gallery) == 4 and gallery[0]["caption"].endswith("· koala") and "4 results" in info
        similar, _ = client.predict(handle_file(EXAMPLES / "coffee.jpg"), BRIDGE, 3, "Gallery", api_name="/clip_image")
        score, caption = similar[0]["caption"].split(" · ")
        assert caption == "cup of coffee" and float(score) > 0.8  # the gallery keeps a smaller copy
        label = client.predict(handle_file(EXAMPLES / "chelsea.jpg"), "cat, dog, car", BRIDGE,
                               api_name="/clip_zero_shot")
        assert label["label"] == "cat"
        archive = zip_of(tmp_path / "mine.zip", {"koala.jpg": (GALLERY_DIR / "animals_koala.jpg").read_bytes()})
        summary = client.predict([handle_file(archive)], BRIDGE, api_name="/clip_add")
        assert "added 1 image(s)" in summary
        mine, _ = client.predict("a koala", BRIDGE, 5, "My images", api_name="/clip")
        assert mine[0]["caption"].endswith(" · yours: koala.jpg")
        for args, endpoint, message in [
            (("", BRIDGE, 5, "Gallery"), "/clip", "empty"),
            (("x" * 10_000, BRIDGE, 5, "Gallery"), "/clip", "limit is 300"),
            ((None, BRIDGE, 5, "Gallery"), "/clip_image", "No image"),
            ((handle_file(EXAMPLES / "chelsea.jpg"), "cat", BRIDGE), "/clip_zero_shot", "at least two"),
            (([handle_file(zip_of(tmp_path / "txt.zip", {"a.txt": b"x"}))], BRIDGE), "/clip_add", "No images found"),
        ]:
            with pytest.raises(Exception, match=message) as info:
                client.predict(*args, api_name=endpoint)
            assert "Traceback" not in str(info.value)
