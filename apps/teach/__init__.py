"""The `teach` tab: train a classifier on your own photos, live, and export it as your own Space."""

from shared.spec import DemoSpec, folder_slug

from .model import CHOICES
from .ui import EXAMPLES, build_ui

SPEC = DemoSpec(
    slug=folder_slug(__file__),
    title="Teach",
    description=(
        "**Teach a CNN your own classes** (lecture: transfer learning). Collect photos of 2 to 10 "
        "classes (a zip with one folder per class, files or the webcam), then train: a frozen "
        "pretrained CNN turns each photo into a feature vector once, and only a linear layer on top "
        "learns, in seconds on a CPU. Watch the train and validation curves, compare with a "
        "nearest-neighbour baseline on the same features, see the features in 2-D and where the model "
        "errs. Then use it on a new photo, download it, or export it as your own Space."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
