from apps.classify.ui import EXAMPLES, build_ui
from shared.classifiers import CHOICES
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="classify",
    title="Classify",
    description=(
        "**Image classification with a CNN** (lecture: convolutional networks, transfer learning). "
        "Upload a photo and compare models: a classic ResNet, a modern ConvNeXt, a Vision "
        "Transformer, a mobile EfficientNet that works offline, and a small CNN this repo trains "
        "on Fashion-MNIST. Look at *what the model sees* (the resized, cropped, normalised input) "
        "and, for the small CNN, at its first-layer feature maps: edge and blob detectors."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
