"""TEMPLATE: `python scripts/new_tab.py <slug>` copies this folder to apps/<slug>/ and registers it.

The slug is the folder's name, written nowhere else: the tab's id, its endpoint /<slug>,
tests/test_<slug>.py and models/<slug>/ all follow from it.
"""

from shared.spec import DemoSpec, folder_slug

from .model import CHOICES
from .ui import EXAMPLES, build_ui

SPEC = DemoSpec(
    slug=folder_slug(__file__),
    title="Template: edges",
    description="**Template demo**: edge detection as a convolution with fixed 3x3 kernels. "
                "`python scripts/new_tab.py <name>` makes a tab like this one.",
    build_ui=build_ui,
    models=CHOICES,  # [] for a demo with no model choice: no picker, no offline banner
    examples=EXAMPLES,
)
