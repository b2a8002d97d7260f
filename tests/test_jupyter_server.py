"""Every notebook, run top to bottom through a real JupyterLab server's REST and websocket API."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import nbformat
import psutil
import websocket
from test_reliability import foreign_home

from helpers import paths
from helpers.publish.workers import KERNEL_NAME, kernel_env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, token: str):
        self.base = f"http://127.0.0.1:{port}"
        self.token = token

    def call(self, method: str, path: str, body: dict | None = None) -> dict | list | None:
        request = urllib.request.Request(
            f"{self.base}{path}", method=method, data=json.dumps(body).encode() if body else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            data = response.read()
        return json.loads(data) if data else None


def execute(ws: websocket.WebSocket, session: str, code: str, timeout: float = 120) -> list[dict]:
    """Send one execute_request; return the iopub messages it caused, until idle."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": session, "msg_type": "execute_request",
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    messages, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id or msg["channel"] != "iopub":
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages
    raise TimeoutError(f"no reply to {code[:40]!r}")


RUN_IN_LAB = ("00_source.ipynb", "02_industry.ipynb")  # every notebook runs under nbval; two here suffice


def test_notebooks_run_in_jupyterlab_on_the_project_kernel(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = kernel_env()
    env.update(HOME=str(foreign_home(tmp_path)), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    log = open(tmp_path / "server.log", "w")
    server_process = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={paths.ROOT}", *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(port, token)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                server.call("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError):
                alive = server_process.poll() is None and time.monotonic() < deadline
                assert alive, (tmp_path / "server.log").read_text()
                time.sleep(0.3)
        listing = server.call("GET", "/api/contents/notebooks")
        names = sorted(item["name"] for item in listing["content"] if item["name"].endswith(".ipynb"))
        assert names == sorted(p.name for p in paths.NOTEBOOKS.glob("*.ipynb")) and len(names) == 6
        for name in RUN_IN_LAB:
            session = server.call("POST", "/api/sessions", {
                "path": f"notebooks/{name}", "type": "notebook", "name": name,
                "kernel": {"name": KERNEL_NAME}})
            kernel_id = session["kernel"]["id"]
            ws = websocket.create_connection(
                f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}", timeout=120)
            try:
                nb = nbformat.read(paths.NOTEBOOKS / name, 4)
                for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
                    replies = execute(ws, session["id"], cell.source)
                    errors = [m["content"] for m in replies if m["msg_type"] == "error"]
                    assert errors == [], f"{name}, code cell {index}: {errors}"
                replies = execute(ws, session["id"], "import sys, os, json; print(json.dumps([sys.prefix, os.getcwd()]))")
                printed = "".join(m["content"]["text"] for m in replies if m["msg_type"] == "stream")
                prefix, cwd = json.loads(printed)  # paths may hold spaces
                assert Path(prefix).resolve() == Path(sys.prefix).resolve()
                assert Path(cwd).resolve() == paths.NOTEBOOKS.resolve()
            finally:
                ws.close()
                server.call("DELETE", f"/api/sessions/{session['id']}")
    finally:
        children = psutil.Process(server_process.pid).children(recursive=True)
        server_process.terminate()
        server_process.wait(timeout=30)
        psutil.wait_procs(children, timeout=10)
        for child in children:
            if child.is_running():
                child.kill()
        log.close()
