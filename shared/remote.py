"""When one machine is not enough: serve a model choice from elsewhere. Configured, not coded.

APP_REMOTE holds inline JSON, or the path of a .json or .yaml file: tab slug -> model name -> where.

    {"classify": {"EfficientNet-Lite0 (embedded)": {"space": "http://gpu-box:7860/"},
                  "ViT-B/16 · Inference Providers": {"provider": "hf-inference",
                                                     "model": "google/vit-base-patch16-224"}}}

where is one of
    {"space": "user/space" or "http://host:port/"}  a Gradio app running this same code;
        "model": the name in its dropdown (default: the same name)
    {"provider": "hf-inference", "auto", ..., "model": "org/model" or an endpoint URL}
        Hugging Face Inference Providers, for the tabs in shared/remote_providers.py
and both take "hf_token" (the NAME of an environment variable holding a token) and "timeout"
(seconds, default 120). A name the tab does not have is added to its model picker.

A handler opts in with @remotable(slug): when its `model` argument names a configured choice,
the call goes there (shared/remote_space.py, shared/remote_providers.py); otherwise the
handler runs here as usual.
"""

import functools
import inspect
import json
import os
from dataclasses import dataclass
from pathlib import Path

from shared.errors import UserError

KEYS = {"space", "provider", "model", "hf_token", "timeout"}


@dataclass(frozen=True)
class Route:
    """One configured choice: `name` in tab `slug` is served by a Space or a provider."""

    slug: str
    name: str
    space: str | None = None
    provider: str | None = None
    model: str | None = None  # the remote's name for it: its dropdown entry, or a hub id / URL
    hf_token: str | None = None  # the name of an environment variable, never the token itself
    timeout: float = 120.0

    @property
    def where(self) -> str:
        return self.space or f"Inference Providers ({self.provider}, {self.model})"

    def token(self) -> str | None:
        return os.environ.get(self.hf_token) if self.hf_token else None


def parse(config: dict) -> dict[tuple[str, str], Route]:
    """{slug: {name: where}} -> {(slug, name): Route}; a clear error for anything malformed."""
    from shared.remote_providers import TASKS

    if not isinstance(config, dict) or not all(isinstance(names, dict) for names in config.values()):
        raise ValueError(f"APP_REMOTE: expected {{tab slug: {{model name: where}}}}, got {config!r}")
    found = {}
    for slug, names in config.items():
        for name, where in names.items():
            what = f"APP_REMOTE: {slug} / {name!r}"
            if not isinstance(where, dict) or set(where) - KEYS:
                raise ValueError(f"{what}: expected an object with keys from {sorted(KEYS)}, got {where!r}")
            if ("space" in where) == ("provider" in where):
                raise ValueError(f'{what}: give either "space" or "provider" (with "model")')
            if "provider" in where and not where.get("model"):
                raise ValueError(f'{what}: "provider" needs "model", a hub id such as "org/model"')
            if "provider" in where and slug not in TASKS:
                raise ValueError(f"{what}: Inference Providers have no task for the {slug} tab "
                                 f"(only {', '.join(TASKS)}); serve it from a Space running this app")
            found[slug, name] = Route(slug, name, **{**where, "timeout": float(where.get("timeout", 120))})
    return found


@functools.cache
def routes() -> dict[tuple[str, str], Route]:
    """The configuration in APP_REMOTE, read once (tests call routes.cache_clear())."""
    text = os.environ.get("APP_REMOTE", "").strip()
    if text and not text.startswith("{"):
        path = Path(text)
        if not path.is_file():
            raise ValueError(f"APP_REMOTE: no such file {text!r} (give inline JSON or a .json/.yaml file)")
        text = path.read_text()
        if path.suffix in (".yaml", ".yml"):
            import yaml

            return parse(yaml.safe_load(text) or {})
    return parse(json.loads(text) if text else {})


def route_for(slug: str, name: str | None) -> Route | None:
    return routes().get((slug, name)) if name else None


def new_names(slug: str | None, known: list[str]) -> list[str]:
    """Configured names for this tab that its dropdown does not have yet."""
    return [name for (tab, name) in routes() if tab == slug and name not in known]


def about_rows(slug: str | None) -> list[str]:
    """Rows for a model picker's "About these models" table (model | source | notes)."""
    return [f"| {route.name} | remote: {route.where} | runs on another machine (`APP_REMOTE`) |"
            for (tab, _), route in routes().items() if tab == slug]


def describe() -> list[str]:
    """Markdown for the System tab: which choices run elsewhere, and where."""
    if not routes():
        return ["", "**Remote models**: none; set `APP_REMOTE` to serve a choice from another machine."]
    rows = [f"| {route.slug} | {route.name} | {route.where} | {route.model or route.name} |"
            for route in routes().values()]
    return ["", "**Remote models** (`APP_REMOTE`): these choices run on another machine", "",
            "| tab | model | served by | remote model |", "| --- | --- | --- | --- |", *rows]


def remotable(slug: str, api_name: str | None = None, state_outputs: int = 0):
    """Decorate a tab's handler so that a model choice named in APP_REMOTE runs elsewhere.

    api_name: the endpoint called on a Space (default: the slug); state_outputs: how many
    gr.State outputs end the handler's outputs (an API does not return them: they come back
    as None). Generators stay generators: a Space's partial results stream through.
    """
    api_name = api_name or slug

    def decorate(fn):
        signature = inspect.signature(fn)

        def find(args, kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            return route_for(slug, bound.arguments.get("model")), bound.arguments

        def answers(route, arguments):
            for outputs in ask(route, api_name, arguments):
                outputs = (*outputs, *[None] * state_outputs)
                yield outputs if len(outputs) > 1 else outputs[0]  # one output: the bare value

        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def stream(*args, **kwargs):
                route, arguments = find(args, kwargs)
                yield from (answers(route, arguments) if route else fn(*args, **kwargs))

            return stream

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            route, arguments = find(args, kwargs)
            if route is None:
                return fn(*args, **kwargs)
            outputs = None
            for outputs in answers(route, arguments):
                pass  # a plain handler returns the final answer only
            return outputs

        return wrapper

    return decorate


def ask(route: Route, api_name: str, arguments: dict):
    """Yield the endpoint's outputs (a tuple, one value per output) from where the route
    points: partial results, then the final one. Every failure becomes a UserError."""
    from gradio_client.exceptions import AppError

    try:
        if route.space:
            from shared.remote_space import ask_space

            yield from ask_space(route, api_name, arguments)
        else:
            from shared.remote_providers import ask_provider

            yield ask_provider(route, api_name, arguments)
    except UserError:
        raise
    except AppError as exc:  # the remote app's own gr.Error: its message is meant for people
        raise UserError(f"{route.where} (serving {route.name!r}) answered: {exc}") from None
    except TimeoutError:
        raise UserError(f"{route.where} gave no answer within {route.timeout:g} s for {route.name!r}. "
                        "It may be busy or asleep: try again later, or pick another model.") from None
    except Exception as exc:  # unreachable, refused, a broken answer
        from shared.remote_space import forget

        forget(route)  # connect afresh next time
        raise UserError(f"{route.name!r} is served by {route.where}, which failed "
                        f"({type(exc).__name__}: {str(exc)[:300]}). Check that it is running, "
                        "or pick another model.") from None
