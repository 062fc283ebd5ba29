from apps.clip.model import CHOICES
from apps.clip.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="clip",
    title="CLIP search",
    description=(
        "**Images and text in one space** (lecture: contrastive learning, CLIP, joint "
        "embeddings). Type a description and get the closest photos of the gallery, search by "
        "an image, or classify an image against labels you type (zero-shot: no training for "
        "your labels). Scores are cosines between vectors. Online this is OpenCLIP ViT-B/32, "
        "trained on 2 billion image-text pairs. Offline it is a *DeViSE* bridge this repo "
        "trained in seconds: ImageNet CNN features and a sentence encoder joined by one matrix. "
        "Compare: the bridge finds koalas and coffee cups, but not a rocket (ImageNet has no "
        "such class). Add your own photos (several files or a zip) and search them too."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
