"""TEMPLATE: copy this folder to apps/<your_slug>/, then follow "Add your own tab" in README.md."""

from apps._template.model import CHOICES
from apps._template.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="template",
    title="Template: edges",
    description="**Template demo**: edge detection as a convolution with fixed 3x3 kernels. "
                "Copy `apps/_template/` to start your own tab.",
    build_ui=build_ui,
    models=CHOICES,
    examples=EXAMPLES,
    api_names=("template",),
)
