"""Every demo is an MCP tool: the app serves Gradio's MCP server (app.py, APP_MCP), each public
endpoint a tool named after it, described by its handler's docstring; an MCP client lists
them and calls classify on a photo."""

import asyncio
import base64
import os
import subprocess
import sys

import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

from conftest import ROOT, serve_demo

CAT = ROOT / "apps" / "classify" / "examples" / "chelsea.jpg"


@pytest.fixture(scope="module")
def app_url():
    import app

    with serve_demo(app.build_demo(), **app.LAUNCH_OPTIONS) as client:
        yield client.src, client.view_api(print_info=False, return_format="dict")["named_endpoints"]


async def session_do(url: str, work):
    async with streamablehttp_client(url + "gradio_api/mcp/") as (read, write, _):
        async with ClientSession(read, write) as session:
            await session.initialize()
            return await work(session)


def list_tools(url: str):
    async def work(session):
        return (await session.list_tools()).tools
    return asyncio.run(session_do(url, work))


def test_every_public_endpoint_is_a_tool_that_says_what_it_does_and_what_its_arguments_mean(app_url):
    url, endpoints = app_url
    tools = {tool.name: tool for tool in list_tools(url)}
    assert set(tools) == {name.lstrip("/") for name in endpoints}  # tool names are the endpoints' names
    for name, tool in tools.items():
        first = tool.description.split(". ")[0]
        assert len(first) > 30 and not first.startswith(("The /", "Event handler")), (name, tool.description)
        for argument, schema in tool.inputSchema.get("properties", {}).items():
            assert len(schema.get("description", "")) > 5, f"{name}: describe {argument!r} in its docstring's Args:"


def test_an_mcp_client_calls_classify_on_a_photo(app_url):
    url, _ = app_url
    photo = "data:image/jpeg;base64," + base64.b64encode(CAT.read_bytes()).decode()

    async def work(session):
        return await session.call_tool("classify", {"image": photo, "model": "EfficientNet-Lite0 (embedded)",
                                                    "top_k": 3})
    result = asyncio.run(session_do(url, work))
    assert not result.isError
    text = " ".join(getattr(part, "text", "") for part in result.content)
    assert "'label': 'tiger cat'" in text or "'label': 'tabby'" in text or "'label': 'Egyptian cat'" in text, text[:300]


def test_a_bad_call_is_a_clear_tool_error(app_url):
    url, _ = app_url

    async def work(session):
        return await session.call_tool("clip", {"query": "", "model": "Class bridge · EfficientNet-Lite0 + MiniLM + "
                                                "WordNet (this repo)", "top_k": 3, "where": "Gallery"})
    result = asyncio.run(session_do(url, work))
    text = " ".join(getattr(part, "text", "") for part in result.content)
    assert result.isError and "query is empty" in text and "Traceback" not in text, text[:300]


def test_app_mcp_0_turns_the_server_off():
    code = "import app; print(app.LAUNCH_OPTIONS['mcp_server'])"
    for value, expected in (("0", "False"), ("1", "True")):
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "APP_OFFLINE": "1", "APP_MCP": value})
        assert done.stdout.strip().splitlines()[-1] == expected, done.stderr[-500:]
