"""Deep links (shared/links.py): the query string and its parsing. In a browser: test_links_browser.py."""

import gradio as gr
import pytest

from shared.links import Link, link_query, read_link


def test_link_query_keeps_only_what_is_set():
    assert link_query("classify", 2, "ResNet-50 (hub)", None) == "?tab=classify&example=2&model=ResNet-50+%28hub%29"
    assert link_query("style", None, "", 7.0) == "?tab=style&seed=7"


@pytest.fixture
def tab():
    with gr.Blocks():
        image, mask = gr.Image(type="filepath"), gr.Radio(["all", "half"])
        model = gr.Dropdown([("Big model", "big"), "small"], value="small")
        seed = gr.Number(0, precision=0)
        examples = gr.Examples([["a.png", "half"], ["b.png", "all"]], inputs=[image, mask])
    return Link(examples, model, seed, None), image, mask, model, seed


def test_read_link_sets_the_example_model_and_seed(tab):
    link, image, mask, model, seed = tab
    values, notes = read_link({"example": "2", "model": "big", "seed": "42"}, "t", link)
    assert notes == []
    assert values[image].endswith("b.png") and values[mask] == "all"
    assert values[model] == "big" and values[seed] == 42


@pytest.mark.parametrize("params, note", [
    ({"example": "3"}, "examples 1 to 2"), ({"example": "x"}, "examples 1 to 2"),
    ({"example": "0"}, "examples 1 to 2"), ({"model": "huge"}, "does not have"),
    ({"seed": "1.5e"}, "not a whole number")])
def test_a_bad_link_is_ignored_with_a_note(tab, params, note):
    values, notes = read_link(params, "t", tab[0])
    assert values == {} and len(notes) == 1 and note in notes[0]
