from __future__ import annotations

import json
import subprocess
import sys

from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.render.json import load_schema

from .conftest import EXAMPLE

runner = CliRunner()


def test_brief_json_to_stdout_validates_against_the_schema():
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    Draft202012Validator(load_schema()).validate(data)
    assert len(data["sources"]) == 5


def test_markdown_to_file_from_suffix(tmp_path):
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# newsfuse brief") and "Wire group S2, S3" in text


def test_markdown_is_md():
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--format", "markdown", "-q"])
    assert result.exit_code == 0 and result.stdout.startswith("# newsfuse brief")


def test_exit_code_1_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(
        app, ["brief", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")]
    )
    assert result.exit_code == 1
    assert "is empty" in result.stderr and "does not exist" in result.stderr


def test_exit_code_2_on_usage_errors():
    assert runner.invoke(app, ["brief", str(EXAMPLE), "--format", "xml"]).exit_code == 2
    bad_field = runner.invoke(app, ["brief", str(EXAMPLE), "--field", "body"])
    assert bad_field.exit_code == 2 and "FIELD=KEY" in bad_field.stderr
    bad_date = runner.invoke(app, ["brief", str(EXAMPLE), "--published", "someday"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.stderr


def test_problems_are_reported_but_good_inputs_are_briefed(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    good = tmp_path / "ok.txt"
    good.write_text("The council approved the budget on Monday after a long debate, members said.")
    result = runner.invoke(app, ["brief", str(tmp_path)])
    assert result.exit_code == 0
    assert "binary" in result.stderr
    data = json.loads(result.stdout)
    assert [s["path"] for s in data["sources"]] == [str(good)]
    assert data["problems"][0]["severity"] == "error"


def test_console_script_runs_as_a_process(tmp_path):
    out = tmp_path / "brief.json"
    done = subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", "brief", str(EXAMPLE), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["generator"].startswith("newsfuse ")


def test_bad_numbers_name_their_option():
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--words", "-5"])
    assert result.exit_code == 2
    assert "--words:" in result.stderr and "greater than or equal to 0" in result.stderr
    assert "pydantic" not in result.stderr


def test_unknown_embedder_is_a_usage_error():
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--embedder", "bert"])
    assert result.exit_code == 2 and "embedder" in result.stderr


def test_a_focus_no_source_shares_a_word_with_gives_the_generic_summary(example_brief):
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--focus", "xyzzy plugh"])
    assert result.exit_code == 0, result.output
    assert "no source uses a word of --focus 'xyzzy plugh'" in result.stderr
    summary = [s["text"] for s in json.loads(result.stdout)["summary"]]
    assert summary == [s.text for s in example_brief.summary]


def test_an_output_that_cannot_take_the_brief_is_refused_before_any_work(tmp_path):
    story = tmp_path / "in"
    story.mkdir()
    report = story / "a.txt"
    report.write_text("Rescue teams reached the villages on Tuesday, officials said. " * 3)
    cases = {
        "missing folder": (story, tmp_path / "missing" / "brief.html", "does not exist"),
        "a folder": (story, tmp_path, "is a folder"),
        "no format": (story, tmp_path / "brief.docx", "cannot tell the format"),
        "an input": (report, report, "is one of the inputs"),
        "inside the input folder": (story, story / "brief.json", "inside the input folder"),
    }
    for case, (given, output, message) in cases.items():
        result = runner.invoke(app, ["brief", str(given), "-o", str(output), "-q"])
        assert result.exit_code == 2, case
        assert message in result.output, case
    assert report.read_text().startswith("Rescue teams")  # the report is untouched


def test_a_brief_replaces_a_link_at_its_path_and_leaves_its_target_alone(tmp_path):
    target = tmp_path / "precious.json"
    target.write_text('{"keep": true}')
    link = tmp_path / "brief.json"
    link.symlink_to(target)
    result = runner.invoke(app, ["brief", str(EXAMPLE), "-o", str(link), "-q"])
    assert result.exit_code == 0, result.output
    assert target.read_text() == '{"keep": true}'
    assert not link.is_symlink() and json.loads(link.read_text())["sources"]
    assert not list(tmp_path.glob(".brief.json.*"))  # no temporary file left behind


def test_a_relative_publication_date_is_refused_and_a_url_is_named_as_one(tmp_path):
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--published", "yesterday", "-q"])
    assert result.exit_code == 2 and "is relative" in result.output
    result = runner.invoke(
        app, ["brief", "https://example.com/a.html", "-o", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 1 and "is a web address" in result.output
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--published", "Jan 6, 2022", "-q"])
    assert result.exit_code == 0


def test_messages_keep_the_brackets_of_what_they_quote(tmp_path):
    bad = tmp_path / "crawl [embeddings] [red].jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["brief", str(bad), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 1
    assert "crawl [embeddings] [red].jsonl" in result.output  # not read as rich markup


def test_a_missing_embedder_is_said_before_the_work_with_the_extra_to_install(
    tmp_path, monkeypatch
):
    import importlib.util

    real = importlib.util.find_spec
    # a machine without the extra: onnxruntime cannot be found
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "onnxruntime" else real(name, *a),
    )
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["brief", str(EXAMPLE), "--embedder", "minilm", "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert "pip install 'newsfuse[embeddings]'" in result.output
