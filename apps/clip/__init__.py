from apps.clip.model import CHOICES
from apps.clip.search import warm_up_gallery
from apps.clip.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="clip",
    title="CLIP search",
    description=(
        "**Images and text in one space** (lecture: contrastive learning, CLIP, joint "
        "embeddings). Type a description and get the closest photos of the gallery, search by "
        "an image, or classify an image against labels you type (zero-shot: no training for "
        "your labels). Online this is OpenCLIP ViT-B/32, trained on 2 billion image-text pairs; "
        "its scores are cosines between vectors. Offline it is a bridge built in this repo from "
        "two networks that install with pip: your words become a mix of ImageNet's 1000 classes "
        "(a sentence encoder compares them with each class's name, definition and WordNet "
        "parents, so 'a bird' reaches every bird), and a photo's score is the CNN's probability "
        "for that mix. Compare: the bridge finds koalas, birds and coffee cups, but not a rocket "
        "(ImageNet has no such class). Add your own photos (several files or a zip) and search "
        "them too."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
    warm_up=warm_up_gallery,  # the hub model's gallery vectors, embedded at launch
)
