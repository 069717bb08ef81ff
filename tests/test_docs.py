"""The README's Python example runs as written, and its commands name real options."""

from __future__ import annotations

import os
import re
import shutil

from typer.testing import CliRunner

from newsfuse.cli import app

from .conftest import EXAMPLE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_example_runs(capsys):
    block = re.findall(r"```python\n(.*?)```", README, flags=re.S)[0]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr().out
    assert "('S2', 'S3')" in printed and "security forces killed [8, 18]" in printed


def test_readme_corpus_example_runs(capsys, tmp_path):
    block = re.findall(r"```python\n(.*?)```", README, flags=re.S)[1]
    shutil.copytree(EXAMPLE, tmp_path / "examples" / EXAMPLE.name)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert (tmp_path / "newsfuse.db").exists()
    assert " 5 " in capsys.readouterr().out  # one story of the five reports


def test_readme_corpus_commands_name_real_options():
    usage = re.search(r"```bash\n(newsfuse add .*?)```", README, flags=re.S).group(1)
    for line in usage.splitlines():
        words = line.split()
        command = words[1]
        help_text = CliRunner().invoke(app, [command, "--help"]).output
        for option in re.findall(r"--[a-z-]+", line.split("#")[0]):
            assert option in help_text, (command, option)


def test_readme_options_exist_in_the_cli():
    help_text = CliRunner().invoke(app, ["brief", "--help"]).output
    usage = re.search(r"newsfuse brief PATHS\.\.\. (.*?)```", README, flags=re.S).group(1)
    for option in re.findall(r"--[a-z-]+", usage):
        assert option in help_text, option


def test_readme_gives_the_two_commands_that_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```bash\n(python3\.11 -m venv[^\n]*)\n```", README)
    assert len(commands) == 2
    for command in commands:
        assert command in ci
