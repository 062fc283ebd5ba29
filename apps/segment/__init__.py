from apps.segment.model import CHOICES
from apps.segment.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="segment",
    title="Segment",
    description=(
        "**Semantic segmentation: a class for every pixel** (lecture: fully convolutional "
        "networks, encoder-decoders, U-Net). Online, SegFormer labels 150 kinds of things in "
        "indoor and outdoor scenes (or 19 in street scenes); offline, MediaPipe's tiny selfie "
        "model separates people from the background, and our own U-Net, trained on synthetic "
        "scenes of clothes and digits on real textures, shows the encoder-decoder at work: "
        "its feature maps shrink to coarse, semantic ones and grow back to a sharp mask."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
