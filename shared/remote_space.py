"""Serve a tab's model choice from a Gradio app running this same code elsewhere (a Space,
or `python app.py` on a machine with a GPU), through gradio_client. See shared/remote.py.

The call goes to the same endpoint, argument by argument (by name), and what comes back is
turned into what this app's output components take: both sides run the same UI code.
"""

import os
import tempfile
import time
from pathlib import Path

from shared.errors import UserError

# Files a Space sends back are saved under Gradio's own upload folder: Gradio 6 serves a file
# a handler returns only from there, the system temp dir or the working directory.
DOWNLOADS = Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio") / "remote"
# Input components whose values are files: those are uploaded, everything else is sent as is.
FILE_INPUTS = {"image", "audio", "video", "file", "imageeditor", "model3d", "gallery"}

_clients: dict[tuple, tuple] = {}  # (space, token variable) -> (gradio_client.Client, its API)


def connect(route) -> tuple:
    """A gradio_client.Client for the route's Space, and its API description; one per Space."""
    key = (route.space, route.hf_token)
    if key not in _clients:
        from gradio_client import Client

        # gradio_client's own timeouts bound connecting; ask_space bounds the wait for an answer.
        client = Client(route.space, token=route.token(), verbose=False, download_files=DOWNLOADS,
                        analytics_enabled=False)
        _clients[key] = client, client.view_api(return_format="dict", print_info=False)
    return _clients[key]


def forget(route):
    """Drop the connection (after an error): the next call connects afresh."""
    client, _ = _clients.pop((route.space, route.hf_token), (None, None))
    if client is not None:
        client.close()  # stops its heartbeat thread


def ask_space(route, api_name: str, arguments: dict):
    """Call the same endpoint of a Gradio app running this code, by parameter name (so the
    handler's gr.State and gr.Progress arguments, which no API takes, stay here)."""
    client, api = connect(route)
    endpoint = api["named_endpoints"].get(f"/{api_name}")
    if endpoint is None:
        raise UserError(f"{route.space} has no /{api_name} endpoint: is it running this app?")
    values = {}
    for parameter in endpoint["parameters"]:
        name = parameter["parameter_name"]
        if name == "model":
            values[name] = route.model or route.name
        elif name in arguments:
            value = arguments[name]
            values[name] = to_upload(value) if parameter["component"].lower() in FILE_INPUTS else value
    job = client.submit(**values, api_name=f"/{api_name}")
    deadline, shown = time.monotonic() + route.timeout, 0
    try:
        while not job.done():
            if time.monotonic() > deadline:
                raise TimeoutError
            partial = job.outputs()
            if len(partial) > shown:  # a generator's partial results, as they come
                shown = len(partial)
                yield as_outputs(partial[-1], endpoint["returns"])
            time.sleep(0.05)
        yield as_outputs(job.result(), endpoint["returns"])
    finally:
        if not job.done():  # out of time, or the person left: the remote may stop early
            job.cancel()


def to_upload(value):
    """A handler's file argument (a path, a PIL image, a dict or list of them) -> handle_file."""
    from gradio_client import handle_file
    from PIL import Image

    if isinstance(value, (str, Path)) and Path(value).is_file():
        return handle_file(str(value))
    if isinstance(value, Image.Image):
        with tempfile.NamedTemporaryFile(suffix=".png", dir=_downloads(), delete=False) as file:
            value.save(file, format="PNG")
        return handle_file(file.name)
    if isinstance(value, dict):
        return {key: to_upload(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_upload(item) for item in value]
    return value


def _downloads() -> Path:
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    return DOWNLOADS


def as_outputs(result, returns: list[dict]) -> tuple:
    """What the API returned -> what this app's output components take, one per output."""
    values = result if len(returns) > 1 else (result,)
    return tuple(_as_value(value, info["component"].lower()) for value, info in zip(values, returns))


def _as_value(value, component: str):
    if component == "label" and isinstance(value, dict) and "confidences" in value:
        return {c["label"]: c["confidence"] for c in value["confidences"] or []} or value.get("label")
    if component == "gallery" and isinstance(value, list):
        return [(item.get("image") or item.get("video"), item.get("caption")) for item in value]
    if component == "annotatedimage" and isinstance(value, dict):
        import numpy as np
        from PIL import Image

        # Each mask comes back as an RGBA picture whose alpha channel is the mask.
        return value["image"], [(np.asarray(Image.open(a["image"]).convert("RGBA"))[..., 3] / 255.0, a["label"])
                                for a in value["annotations"]]
    return value  # images and files (paths), text, numbers, a Dataframe's dict, dropdown updates
