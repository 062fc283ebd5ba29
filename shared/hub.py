"""Is the Hugging Face hub reachable, and where is a file of a hub model?

Offline when APP_OFFLINE=1 or HF_HUB_OFFLINE=1, or when one quick TCP connection to the hub
fails (checked once per process, at most ~1.5 s, so nothing later waits on the network).
Offline, hub files come only from the local cache (`python -m huggingface_hub` or a
previous online run fills it); the embedded models need no network at all.
"""

import os
import socket
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from shared.errors import UserError

TRUE = {"1", "true", "yes", "on"}


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in TRUE


@lru_cache(maxsize=1)
def is_offline(timeout: float = 1.5) -> bool:
    if _env_flag("APP_OFFLINE") or _env_flag("HF_HUB_OFFLINE"):
        return True
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
        return False
    except OSError:
        return True


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
