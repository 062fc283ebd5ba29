"""The `teach` tab: collect photos of your classes, train a head on a frozen CNN live, use it,
export it as a file and as a Space. Plain Gradio; the model code is in model.py and export.py.

The data set is a zip with one folder per class (dataset.py): the Collect step writes it, the
Train step reads it, and /teach_train takes one. The model file is the state of /teach.
"""

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import gradio as gr
import numpy as np
import pandas as pd
from PIL import Image, ImageOps

from apps.teach.dataset import add_photos, read_dataset
from apps.teach.export import load_head, save_head, space_zip
from apps.teach.model import CHOICES, OPTIMIZERS, confusion, knn_predict, pca_2d, predict, prepare, to_head, train_head
from shared.errors import UserError
from shared.models import find_choice
from shared.ui import Job, Link, examples_beside, image_input, localize, model_picker, read_image, settings, t, warn

EXAMPLES = [Path(__file__).parent / "examples" / "tools.zip"]


@contextmanager
def scratch():
    """A private folder for one request's unpacked photos, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="teach-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def train(photos, backbone, optimizer="Adam", learning_rate=0.01, epochs=50, augment=True, validation=0.25,
          seed=0, progress=gr.Progress()):
    """Train a classifier on your own photos: a linear head on a frozen pretrained CNN's features (transfer learning).

    Args:
        photos: a zip with one folder per class (hammer/1.jpg, scissors/1.jpg, ...): 2-10 classes, 2-100 photos each.
        backbone: the frozen CNN that turns photos into features; the default works offline.
        optimizer: "SGD", "SGD with momentum" or "Adam".
        learning_rate: the optimiser's step size.
        epochs: passes over the training photos.
        augment: also train on 2 mirrored or cropped copies of each training photo.
        validation: the share of each class held out to check on, 0.1-0.5.
        seed: the split's, the head's and the batches' seed.
    Returns:
        your model file (safetensors, the input of /teach), your own Space as a zip, a summary, the loss and accuracy curves, the features in 2-D, and the confusion matrix. Streams the curves epoch by epoch.
    """
    job = Job("Training", fix="Use fewer photos or epochs.")
    seed = int(seed) % 2**32  # any integer is a seed
    backbone = find_choice(CHOICES, backbone).name  # "" or None: the default, named in the model file
    with scratch() as folder:
        dataset, notes = read_dataset(photos, folder)
        paths = [path for path, _ in dataset.photos]
        labels = np.array([label for _, label in dataset.photos])
        data = prepare(paths, labels, backbone, bool(augment), float(validation), seed,
                       job.progress(progress, "features", "photos"))
    for note in notes + data.notes:
        warn(note)
    history, skip = [], gr.skip()
    for epoch, layer, figures in train_head(data.x, data.y, data.x_val, data.y_val, len(dataset.classes),
                                            optimizer, float(learning_rate), int(epochs), seed):
        job.check()
        history.append({"epoch": epoch, **figures})
        yield skip, skip, summary(dataset.counts(), epoch, int(epochs), figures), *curves(history), skip, skip
    knn = knn_predict(*data.plain(), data.x_val)
    head = to_head(layer, dataset.classes, backbone, {**figures, "photos": len(paths),
                                                      "kNN validation accuracy": float((knn == data.y_val).mean())})
    predicted = head.probabilities(data.x_val).argmax(axis=1)
    yield (str(save_head(head)), str(space_zip(head)), summary(dataset.counts(), epoch, epoch, figures, head.metrics),
           *curves(history), feature_map(data.photos, labels, data.val, dataset.classes),
           confusion_table(confusion(data.y_val, predicted, len(dataset.classes)), dataset.classes))


def summary(counts: dict, epoch: int, epochs: int, figures: dict, final: dict | None = None) -> str:
    photos = ", ".join(f"{name}: {n}" for name, n in counts.items())
    lines = [f"Photos per class: {photos}",
             f"Epoch {epoch} of {epochs}: validation accuracy {figures['validation accuracy']:.0%}, "
             f"train accuracy {figures['train accuracy']:.0%}"]
    if final:
        lines.append(f"Baseline, 3 nearest neighbours on the same features: validation accuracy "
                     f"{final['kNN validation accuracy']:.0%}")
    return "\n\n".join(lines)


def curves(history: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Loss and accuracy per epoch, train vs validation, as long tables for gr.LinePlot."""
    tables = []
    for what in ("loss", "accuracy"):
        rows = [{"epoch": h["epoch"], "value": h[f"{split} {what}"], "split": localize(split)}
                for h in history for split in ("train", "validation")]
        tables.append(pd.DataFrame(rows))
    return tables[0], tables[1]


def feature_map(points: np.ndarray, labels: np.ndarray, val: np.ndarray, classes: list[str]) -> pd.DataFrame:
    xy = pca_2d(points)
    split = np.full(len(labels), localize("train"), dtype=object)
    split[val] = localize("validation")
    return pd.DataFrame({"PC 1": xy[:, 0], "PC 2": xy[:, 1], "class": [classes[i] for i in labels], "split": split})


def confusion_table(matrix: np.ndarray, classes: list[str]) -> pd.DataFrame:
    table = pd.DataFrame(matrix, columns=classes)
    table.insert(0, localize("true \\ predicted"), classes)
    return table


def classify(image, model_file):
    """Classify a photo with a model trained by /teach_train (or the Teach tab).

    Args:
        image: the photo.
        model_file: the .safetensors file /teach_train returned.
    Returns:
        every class with its probability, and one info line.
    """
    head = load_head(model_file)
    probs = predict(read_image(image), head)
    return probs, localize(f"{len(head.classes)} classes, a linear head on {head.backbone} features")


def classify_live(image, model_file):
    """The same, as the photo changes (an upload, a webcam snapshot): quiet until both are there."""
    if not image or not model_file:
        return gr.skip(), gr.skip()
    return classify(image, model_file)


def add(photos, name, files, snapshot):
    """Collect: the photos (and webcam snapshot) added to the class `name`; returns the new zip."""
    sent = [f for f in (files or []) if f] + ([snapshot] if snapshot else [])
    if not sent:
        raise gr.Error(localize("Choose photos or take a snapshot first, then add them to the class."),
                       print_exception=False)
    with scratch() as folder:
        zip_path, notes = add_photos(photos, name, sent, folder)
    for note in notes:
        warn(note)
    return str(zip_path), None, None


MAX_THUMBS = 30  # per class: a light page, even with 100 photos a class


def thumbnail(path) -> Image.Image:
    """A 96 px thumbnail, decoded at a reduced size where the format allows (JPEG: draft mode),
    so a class of 12-megapixel phone photos shows in moments. read_dataset checked the header."""
    with Image.open(path) as image:
        image.draft("RGB", (192, 192))
        small = ImageOps.exif_transpose(image).convert("RGB")
    small.thumbnail((96, 96))
    return small


def galleries(photos):
    """One gallery per class of the data set in `photos` (thumbnails, 8 per row)."""
    if not photos:
        return
    with scratch() as folder:
        try:
            dataset, _ = read_dataset(photos, folder, checked=False)
        except UserError:
            return  # the Train step says what is wrong
        thumbs = {name: [] for name in dataset.classes}
        for path, label in dataset.photos:
            if len(thumbs[dataset.classes[label]]) < MAX_THUMBS:
                thumbs[dataset.classes[label]].append(thumbnail(path))
    for name, images in thumbs.items():
        gr.Gallery(images, label=f"{name} ({len(images)})", columns=10, height=110, object_fit="contain",
                   allow_preview=False)


def build_ui():
    with gr.Row():
        with gr.Column(scale=2):
            with gr.Row():
                photos = gr.File(label=t("Photos: a .zip with one folder per class"), file_types=[".zip"],
                                 height=110, scale=3)
                examples = examples_beside([str(p) for p in EXAMPLES], [photos], t("Example"))
            with gr.Accordion(t("Add photos to a class (files or webcam)"), open=False):
                name = gr.Textbox(label=t("Class name"), max_lines=1)
                with gr.Row():
                    files = gr.File(label=t("Photos"), file_count="multiple", file_types=["image"], height=110)
                    snapshot = image_input(label=t("Webcam snapshot"), sources=["webcam", "upload"], height=110)
                add_button = gr.Button(t("Add to this class"))
            backbone = model_picker(CHOICES, label=t("Backbone (frozen)"))
            with gr.Row():
                button = gr.Button(t("Train"), variant="primary")
                stop = gr.Button(t("Stop"), variant="stop")
            with settings():
                optimizer = gr.Radio([(t(name), name) for name in OPTIMIZERS], value="Adam", label=t("Optimizer"))
                learning_rate = gr.Slider(0.001, 1.0, value=0.01, step=0.001, label=t("Learning rate"))
                epochs = gr.Slider(1, 200, value=50, step=1, label=t("Epochs"))
                augment = gr.Checkbox(True, label=t("Augmentation: 2 mirrored or cropped copies of each training photo"))
                validation = gr.Slider(0.1, 0.5, value=0.25, step=0.05, label=t("Validation share"))
                seed = gr.Number(0, precision=0, label=t("Seed"))
        with gr.Column(scale=3):
            report = gr.Markdown()
            with gr.Row():
                model_file = gr.File(label=t("Your model (.safetensors)"), file_types=[".safetensors"], height=110,
                                     elem_classes="result")
                space = gr.File(label=t("Your Space (.zip)"), interactive=False, height=110)
            with gr.Row():
                loss = gr.LinePlot(x="epoch", y="value", color="split", label=t("Loss"))
                accuracy = gr.LinePlot(x="epoch", y="value", color="split", label=t("Accuracy"),
                                       y_lim=[0, 1])
            with gr.Row():
                pca = gr.ScatterPlot(x="PC 1", y="PC 2", color="class", label=t("Features in 2-D (PCA)"))
                matrix = gr.Dataframe(pd.DataFrame({"": []}), label=t("Confusion matrix (validation)"),
                                      interactive=False, wrap=True)
    with gr.Row():
        image = image_input(label=t("Photo to classify"), height=220)
        with gr.Column():
            use_button = gr.Button(t("Classify with your model"), variant="primary")
            label = gr.Label(label=t("Your model says"), num_top_classes=5)
            info = gr.Markdown()
    with gr.Accordion(t("Your photos"), open=False):
        gr.render(inputs=photos)(galleries)

    add_button.click(add, [photos, name, files, snapshot], [photos, files, snapshot], api_visibility="private")
    training = button.click(train, [photos, backbone, optimizer, learning_rate, epochs, augment, validation, seed],
                            [model_file, space, report, loss, accuracy, pca, matrix],
                            api_name="teach_train", concurrency_limit=1)
    stop.click(None, None, None, cancels=[training])  # stops within one batch or epoch
    use_button.click(classify, [image, model_file], [label, info], api_name="teach", concurrency_limit=4)
    image.change(classify_live, [image, model_file], [label, info], api_visibility="private",
                 trigger_mode="always_last", show_progress="hidden", concurrency_limit=4)
    return Link(examples, backbone, seed, button)
