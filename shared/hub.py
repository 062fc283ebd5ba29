"""Is the Hugging Face hub reachable, and where is a file of a hub model?

Offline when APP_OFFLINE=1 or HF_HUB_OFFLINE=1, or when one quick TCP connection to the hub
fails (at most ~1.5 s). A hub that answered is trusted for the life of the process; a probe that
failed is tried again after RETRY_S, so a Space that started during a network hiccup does not
stay offline until it restarts, and nothing waits on the network more than once a minute.
Offline, hub files come only from the local cache (`python -m huggingface_hub` or a
previous online run fills it); the embedded models need no network at all.
"""

import os
import re
import socket
import time
from pathlib import Path
from urllib.parse import urlparse

from shared.errors import UserError, quoted

TRUE = {"1", "true", "yes", "on"}


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in TRUE


RETRY_S = 60.0
_probe = {"offline": None, "at": 0.0}  # the last probe's answer, and when it was made


def is_offline(timeout: float = 1.5) -> bool:
    if _env_flag("APP_OFFLINE") or _env_flag("HF_HUB_OFFLINE"):
        return True
    if _probe["offline"] is False or (_probe["offline"] and time.monotonic() - _probe["at"] < RETRY_S):
        return _probe["offline"]
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
        offline = False
    except OSError:
        offline = True
    _probe.update(offline=offline, at=time.monotonic())
    return offline


def hub_file(repo_id: str, filename: str, revision: str | None = None) -> Path:
    """Local path of `filename` from a hub repo, or from a local folder given as repo_id.

    A local folder (tests, a model you trained and have not uploaded) is read as it is.
    Offline, only the local hub cache is looked at, so this never waits on the network.
    """
    if Path(repo_id).is_dir():
        path = Path(repo_id) / filename
        if not path.is_file():
            raise UserError(f"{filename} is missing in the local model folder {repo_id}")
        return path
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(hf_hub_download(repo_id, filename, revision=revision, local_files_only=is_offline()))
    except LocalEntryNotFoundError as exc:
        raise UserError(
            f"'{repo_id}' is not in the local cache and the hub is unreachable (offline mode). "
            "Pick an embedded model, or run the app once with the network on to cache it."
        ) from exc


# --- a person's own hub model, typed into a model field (classify, gradcam, segment) -------

HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}")
MAX_OWN_MB = float(os.environ.get("APP_OWN_MODEL_MB", "500"))  # ViT-B/16 is 346 MB, ConvNeXt-T 115 MB


def typed_hub_id(text) -> str | None:
    """'owner/name' (or 'hf-hub:owner/name') as typed -> the repo id; None if it is no hub id."""
    repo = str(text or "").strip().removeprefix("hf-hub:")
    return repo if HUB_ID.fullmatch(repo) and ".." not in repo else None


def own_file(repo_id: str, filename: str) -> Path:
    """hub_file for an id a person typed: from the hub or its cache, never a folder of this server."""
    if Path(repo_id).exists():
        raise UserError(f"{quoted(repo_id)} is a path here, not a hub id: type owner/name from the hub.")
    return hub_file(repo_id, filename)


def check_own_weights(repo_id: str, local: Path | None = None, filename: str = "model.safetensors"):
    """Refuse a typed model whose weights are not `filename` (safetensors: never a pickle) or
    are over APP_OWN_MODEL_MB. Online, before downloading, from the hub's file list; `local`:
    the file once it is here (offline, from the cache)."""
    if local is not None:
        size = local.stat().st_size
    elif is_offline():
        return  # only the local cache is read, and checked once it is
    else:
        from huggingface_hub import HfApi
        from huggingface_hub.errors import HfHubHTTPError

        try:
            found = HfApi().get_paths_info(repo_id, [filename], revision="main")
        except HfHubHTTPError as exc:
            raise UserError(f"{quoted(repo_id)} is not a model the hub shows us (a typo, or private?).") from exc
        if not found:
            raise UserError(f"{quoted(repo_id)} has no {filename}: only safetensors weights are loaded, "
                            "never pickles. Pick a model that has them.")
        size = found[0].size
    if size > MAX_OWN_MB * 2**20:
        raise UserError(f"{quoted(repo_id)} has {size / 2**20:,.0f} MB of weights; the limit is "
                        f"{MAX_OWN_MB:,.0f} MB (APP_OWN_MODEL_MB). Pick a smaller model.")
