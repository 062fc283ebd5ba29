from apps.gradcam.ui import EXAMPLES, build_ui
from shared.classifiers import CHOICES
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="gradcam",
    title="Grad-CAM",
    description=(
        "**Where does the network look?** (lecture: interpreting CNNs). Class activation maps "
        "weight a layer's feature maps by how much each one raises the score of a class, then "
        "upsample the result onto the image. Compare methods (gradient-based GradCAM and its "
        "variants, gradient-free EigenCAM and ScoreCAM), explain a class other than the top-1 "
        "(where is the evidence for *coffee mug* in the espresso photo?), and move to earlier "
        "layers: sharper maps, less semantic ones. Built on the pytorch-grad-cam library."
    ),
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
)
