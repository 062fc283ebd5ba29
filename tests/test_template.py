"""Tests of the template demo: copy this file with the folder and adapt it to your demo."""

import numpy as np
import pytest
from gradio_client import handle_file
from PIL import Image

from apps._template import SPEC
from apps._template.model import CHOICES, predict
from conftest import serve_tab


def square_on_black() -> Image.Image:
    pixels = np.zeros((64, 64, 3), np.uint8)
    pixels[16:48, 16:48] = 255
    return Image.fromarray(pixels)


@pytest.mark.parametrize("model", [c.name for c in CHOICES])
def test_edges_are_found_on_the_border_of_a_square(model):
    edges = predict(square_on_black(), model)
    assert edges.shape == (64, 64) and edges.dtype == np.uint8
    assert edges[16, 32] > 100 and edges[32, 16] > 100   # on the square's border
    assert edges[32, 32] == 0 and edges[2, 2] == 0       # flat inside and outside


def test_api_endpoint(tmp_path):
    path = tmp_path / "square.png"
    square_on_black().save(path)
    with serve_tab(SPEC) as client:
        result = client.predict(handle_file(path), CHOICES[0].name, 1.0, api_name=f"/{SPEC.slug}")
        assert np.asarray(Image.open(result)).max() > 100
        with pytest.raises(Exception, match="No image"):
            client.predict(None, CHOICES[0].name, 1.0, api_name=f"/{SPEC.slug}")
