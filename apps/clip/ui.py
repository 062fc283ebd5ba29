"""The `clip` tab: search a gallery by text or by image, classify an image against labels you
type, add your own images. Plain Gradio; the model code is in model.py, search.py, index.py."""

import time
from pathlib import Path

import gradio as gr

from apps.clip.search import GALLERY_TASK, MAX_K, WHERE, add_images, forget, search_image, search_text, zero_shot
from apps.clip.model import BRIDGE, CHOICES
from shared import background
from shared.uploads import MAX_IMAGES
from shared.models import find_choice
from shared.ui import image_input, Job, Link, localize, model_picker, read_image, t

FOLDER = Path(__file__).parent / "examples"
# (text query, image, labels): one row fills all three; the first row is what the e2e test clicks.
ROWS = [("a koala", "chelsea.jpg", "cat, dog, car"),
        ("a cup of coffee", "coffee.jpg", "espresso, tea, soup, beer"),
        ("a castle", "astronaut.jpg", "astronaut, pilot, doctor, cook"),
        ("a fish", "rocket.jpg", "rocket, airplane, lighthouse, tower")]
EXAMPLES = [FOLDER / name for name in ("chelsea.jpg", "coffee.jpg", "astronaut.jpg", "rocket.jpg")]


def progress_bar(progress, desc: str):
    return lambda done, total: progress((done, total), desc=desc)


def as_gallery(hits) -> list:
    """Hits -> gr.Gallery value: (thumbnail, 'score · caption') pairs, best first."""
    return [(hit.thumbnail(), f"{hit.score:.2f} · " + (localize("yours: ") if hit.source == "yours" else "")
             + hit.item.caption) for hit in hits]


def report(what: str, hits, where: str, model: str, seconds: float, probabilities: bool = False) -> str:
    if not hits:
        return localize(f"No results for {what}.")
    if probabilities:
        return localize(f"**{len(hits)} results** for {what} in *{where.lower()}*, best first; scores are the "
                        f"CNN's probability that the photo shows what you typed ({seconds * 1000:.0f} ms, "
                        f"model *{model}*).")
    return localize(f"**{len(hits)} results** for {what} in *{where.lower()}*, best first; scores are "
                    f"cosine similarities ({seconds * 1000:.0f} ms, model *{model}*).")


def wait_for_gallery(where: str, progress):
    """While the gallery is being embedded at launch (search.warm_up_gallery), wait for it
    with its progress shown and Stop working, rather than silently behind it."""
    if where != "My images":
        job = Job("Searching", fix="Try again in a minute: the gallery is being embedded.")
        background.wait(GALLERY_TASK, job.progress(progress, localize("embedding the gallery"), localize("images")))


def search(query, model, top_k=8, where="Gallery", mine=None, progress=gr.Progress()):
    """Text-to-image search in a joint embedding space (CLIP): the images that best match a description.

    Args:
        query: what to find, in words ("a bird", "something to cut paper with").
        model: which embedding model; the default works offline.
        top_k: how many images to return.
        where: search the "Gallery", "My images" (added with /clip_add in the same session) or "Both".
    Returns:
        the images with their scores and labels, and one info line.
    """
    start = time.perf_counter()
    wait_for_gallery(where, progress)
    hits = search_text(query, model, int(top_k), where, mine, progress_bar(progress, localize("embedding the gallery")))
    probabilities = find_choice(CHOICES, model).name == BRIDGE  # the bridge scores texts as probabilities
    return as_gallery(hits), report(f"'{query.strip()}'", hits, where, model, time.perf_counter() - start,
                                    probabilities)


def similar(image, model, top_k=8, where="Gallery", mine=None, progress=gr.Progress()):
    """Image-to-image search: the images most similar to a photo in the embedding space.

    Args:
        image: the photo to search with.
        model: which embedding model; the default works offline.
        top_k: how many images to return.
        where: search the "Gallery", "My images" or "Both".
    Returns:
        the images with their similarities, and one info line.
    """
    start = time.perf_counter()
    wait_for_gallery(where, progress)
    hits = search_image(read_image(image), model, int(top_k), where, mine,
                        progress_bar(progress, localize("embedding the gallery")))
    return as_gallery(hits), report("your image", hits, where, model, time.perf_counter() - start)


def classify(image, labels, model):
    """Zero-shot classification: which of the labels you write fits the photo best, with no training.

    Args:
        image: the photo.
        labels: two or more labels, separated by commas ("cat, dog, car").
        model: which embedding model; the default works offline.
    """
    return zero_shot(read_image(image), labels, model)


def add(files, model, mine=None, progress=gr.Progress()):
    """Add your own images to search, for this session: several files and/or zip archives.

    Args:
        files: the images, or zips of images.
        model: the embedding model the images are embedded with.
    """
    paths = [getattr(f, "name", f) for f in files or []]
    job = Job("Adding images", fix="Add fewer images at a time.")  # Stop, APP_TIME_LIMIT
    mine, notes = add_images(paths, model, mine, job.progress(progress, localize("embedding your images"), localize("images")))
    return mine, "\n".join(f"- {localize(note)}" for note in notes)


def clear(mine=None):
    forget(mine)
    return None, localize("No images added yet.")


def build_ui():
    # This session's images (apps.clip.search.UserImages); unpacked zips are deleted with it.
    mine = gr.State(None, delete_callback=forget)
    with gr.Row():
        with gr.Column(scale=2):
            query = gr.Textbox(label=t("Describe a picture (in English)"), placeholder="a koala", max_lines=1)
            with gr.Row():
                where = gr.Radio([(t(place), place) for place in WHERE], value="Gallery", label=t("Search in"))
                top_k = gr.Slider(1, MAX_K, value=8, step=1, label=t("Results (top-k)"))
            search_button = gr.Button(t("Search"), variant="primary")
            image = image_input(t("Image: find similar ones, or classify it"), height=200)
            labels = gr.Textbox(label=t("Labels for zero-shot classification (comma-separated, in English)"),
                                placeholder="cat, dog, car", max_lines=2)
            with gr.Row():
                similar_button = gr.Button(t("Find similar images"))
                classify_button = gr.Button(t("Classify the image"))
            model = model_picker(CHOICES)
        with gr.Column(scale=3):
            results = gr.Gallery(label=t("Results"), columns=4, height=400, object_fit="contain", format="jpeg",
                                 elem_classes="result")
            info = gr.Markdown()
            label = gr.Label(label=t("Zero-shot classification"), num_top_classes=5)
            with gr.Accordion(t(f"Your images (up to {MAX_IMAGES}, kept for this session only)"), open=False):
                files = gr.File(file_count="multiple", file_types=["image", ".zip"],
                                label=t("Images, or a .zip of images"))
                with gr.Row():
                    add_button = gr.Button(t("Add to my images"))
                    add_stop = gr.Button(t("Stop"), variant="stop")
                    clear_button = gr.Button(t("Clear my images"))
                mine_info = gr.Markdown(t("No images added yet."))
    examples = gr.Examples([[q, str(FOLDER / f), lab] for q, f, lab in ROWS], inputs=[query, image, labels],
                label=t("Examples (click one, then Search, Find similar or Classify)"))
    search_button.click(search, [query, model, top_k, where, mine], [results, info],
                        api_name="clip", concurrency_limit=4)
    query.submit(search, [query, model, top_k, where, mine], [results, info], api_visibility="private")
    similar_button.click(similar, [image, model, top_k, where, mine], [results, info],
                         api_name="clip_image", concurrency_limit=2)
    classify_button.click(classify, [image, labels, model], label, api_name="clip_zero_shot",
                          concurrency_limit=2)
    adding = add_button.click(add, [files, model, mine], [mine, mine_info], api_name="clip_add", concurrency_limit=1)
    add_stop.click(None, None, None, cancels=[adding])  # stops after the current batch of 16 images
    clear_button.click(clear, mine, [mine, mine_info], api_visibility="private")
    return Link(examples, model, None, search_button)  # what a deep link may set (shared/links.py)
