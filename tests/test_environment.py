"""One source of truth for versions: pyproject ranges, requirements.lock pins, environment.yml."""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from helpers import paths


def pyproject():
    return tomllib.loads((paths.ROOT / "pyproject.toml").read_text())


def locked() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_dependency_is_pinned_inside_its_range():
    project = pyproject()["project"]
    pins = locked()
    required = project["dependencies"] + project["optional-dependencies"]["test"]
    for text in required:
        req = Requirement(text)
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in requirements.lock"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {req.specifier}"


def test_environment_yml_installs_the_same_thing():
    text = (paths.ROOT / "environment.yml").read_text()
    python = re.search(r"-\s*python=(\S+)", text).group(1)
    assert Requirement(f"python{pyproject()['project']['requires-python']}").specifier.contains(python + ".0")
    assert "- -c requirements.lock" in text and "- -e .[test]" in text


def test_makefile_installs_with_the_lock():
    text = (paths.ROOT / "Makefile").read_text()
    assert '-c requirements.lock -e ".[test]"' in text


def test_the_package_names_itself_as_the_distribution_does():
    assert paths.PROJECT == pyproject()["project"]["name"]  # the kernel, data packages and site are named by it


def test_the_lock_leaves_out_the_slow_iri_parser():
    """jsonschema from 4.24 brings rfc3987-syntax through the format-nongpl extra: 2.3 s of parser building
    in every process that imports nbformat (see the lock's header)."""
    pins = locked()
    assert Version(pins["jsonschema"]) < Version("4.24"), "jsonschema 4.24+ brings rfc3987-syntax"
    assert "rfc3987-syntax" not in pins and "lark" not in pins
