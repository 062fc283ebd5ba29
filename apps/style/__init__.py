from apps.style.fast import MAGENTA
from apps.style.model import CHOICES
from apps.style.ui import EXAMPLES, build_ui
from shared.spec import DemoSpec

SPEC = DemoSpec(
    slug="style",
    title="Style transfer",
    description=(
        "**Neural style transfer, two ways** (lecture: what CNN features encode; optimisation "
        "vs. learned feed-forward networks). Pick a photo and a painting or texture. "
        "*Gatys et al.* change the pixels of the photo by gradient descent until, seen through "
        "a frozen ImageNet CNN, its deep features still match the photo (content loss) while the "
        "Gram matrices of its features, which channels fire together anywhere in the image, match "
        "the painting's (style loss): watch the style loss fall while the content loss stays "
        "small. *Magenta's* network learned to do this in one pass, for any painting: compare the "
        "seconds each takes, and slide the style strength, which blends two 100-number style codes."
    ),
    build_ui=build_ui,
    models=[*CHOICES, MAGENTA],
    examples=EXAMPLES,
)
