"""Exploring in JupyterLab as a researcher would: ``python -m helpers lab``, driven through its REST and
websocket API (every notebook also runs under nbval)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
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
from test_reliability import files_of, foreign_home

from helpers.publish.workers import KERNEL_NAME


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


EXPLORE = """
import json, warnings
import matplotlib.pyplot as plt
import seaborn as sns
from helpers.views import tables

sns.set_theme(style="darkgrid")  # a theme call of one's own resets the fonts
shown = tables.ledger_table(R, section="award")
fig, ax = plt.subplots()
sns.barplot(x=[1, 2], y=["绿色工厂", "天工鼎"], ax=ax)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    fig.canvas.draw()
try:
    tables.ledger_table(R, section="Industry")
    refused = ""
except KeyError as exc:
    refused = str(exc)
print(json.dumps({"missing": [str(w.message) for w in caught if "missing from font" in str(w.message)],
                  "repr": repr(R), "shown": [type(shown).__name__, len(shown)], "refused": refused,
                  "out": str(R.out_dir)}))
"""


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(project), *args],
                          check=True, capture_output=True, text=True).stdout


def start_lab(project: Path, tmp_path: Path) -> tuple[subprocess.Popen, Server, int, str]:
    """``python -m helpers lab`` (what ``make lab`` runs) on a project copy, on a free port."""
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, PYTHONPATH=str(project / "src"), HOME=str(foreign_home(tmp_path)),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"))
    log = open(tmp_path / "server.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "helpers", "lab", "--", "--no-browser", f"--port={port}", "--ServerApp.port_retries=0",
         f"--IdentityProvider.token={token}"], cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(port, token)
    deadline = time.monotonic() + 60
    while True:
        try:
            server.call("GET", "/api/status")
            return process, server, port, token
        except (urllib.error.URLError, ConnectionError):
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.3)


def test_exploring_in_lab_keeps_chinese_glyphs_and_changes_nothing_committed_or_published(built_project, tmp_path):
    project = built_project
    (project / ".gitignore").write_text("build/\n__pycache__/\n*.egg-info/\n")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    published = {name: files_of(project / "build" / name) for name in ("site", "zh", "en")}
    process, server, port, token = start_lab(project, tmp_path)
    try:
        listing = server.call("GET", "/api/contents/notebooks")
        names = sorted(item["name"] for item in listing["content"])
        assert names == sorted(p.name for p in (project / "notebooks").glob("*.ipynb"))  # the scratch copies
        model = server.call("GET", "/api/contents/notebooks/01_award.ipynb")
        cells = model["content"]["cells"]
        parameters = next(c for c in cells if "parameters" in c["metadata"].get("tags", []))
        parameters["source"] = "".join(parameters["source"]).replace('lang = "zh"', 'lang = "en"')
        cells.append(nbformat.v4.new_code_cell(EXPLORE))
        server.call("PUT", "/api/contents/notebooks/01_award.ipynb", {"type": "notebook", "content": model["content"]})
        session = server.call("POST", "/api/sessions", {"path": "notebooks/01_award.ipynb", "type": "notebook",
                                                        "name": "01_award.ipynb", "kernel": {"name": KERNEL_NAME}})
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}/api/kernels/{session['kernel']['id']}/channels?token={token}", timeout=120)
        try:
            for index, cell in enumerate(c for c in cells if c["cell_type"] == "code"):
                replies = execute(ws, session["id"], "".join(cell["source"]))
                errors = [m["content"] for m in replies if m["msg_type"] == "error"]
                assert errors == [], f"code cell {index}: {errors}"
            printed = "".join(m["content"]["text"] for m in replies if m["msg_type"] == "stream")
            found = json.loads(printed.strip().splitlines()[-1])
            replies = execute(ws, session["id"], "import sys, os; print(json.dumps([sys.prefix, os.getcwd()]))")
            prefix, cwd = json.loads("".join(m["content"]["text"] for m in replies if m["msg_type"] == "stream"))
        finally:
            ws.close()
            server.call("DELETE", f"/api/sessions/{session['id']}")
    finally:
        children = psutil.Process(process.pid).children(recursive=True)
        process.terminate()
        process.wait(timeout=30)
        psutil.wait_procs(children, timeout=10)
    assert found["missing"] == []  # Chinese drawn with the bundled font after sns.set_theme()
    assert len(found["repr"]) < 300 and "lang='en'" in found["repr"] and "天工鼎" not in found["repr"]
    assert found["shown"][0] == "DataFrame" and found["shown"][1] > 0
    assert "'Industry' does not exist (allowed: award, industry" in found["refused"]
    assert Path(found["out"]) == project / "build" / "scratch" / "out" / "en"
    assert (project / "build" / "scratch" / "out" / "en" / "tables" / "01_ledger.csv").is_file()
    assert Path(prefix).resolve() == Path(sys.prefix).resolve()
    assert Path(cwd).resolve() == (project / "build" / "scratch" / "notebooks").resolve()
    assert git(project, "status", "--porcelain") == ""
    assert {name: files_of(project / "build" / name) for name in ("site", "zh", "en")} == published
    shutil.rmtree(project / ".git")
    (project / ".gitignore").unlink()
