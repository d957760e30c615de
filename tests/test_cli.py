"""The command line: output formats, --explain, and the exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleaner.cli import main

from .conftest import SEEDS

SEED_TEXT = SEEDS[0].with_name(SEEDS[0].name.replace(".gold.json", ".txt"))


def test_text_output_is_the_clean_text(capsys):
    assert main([str(SEED_TEXT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("KYIV (Reuters) -Russia said")
    assert "Your cart is empty" not in out


def test_json_output_is_document_to_dict(capsys):
    import cleaner

    assert main(["--format", "json", str(SEED_TEXT)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(cleaner.clean(SEED_TEXT.read_bytes()).to_dict()))
    assert printed["dateline"] == {"place": "KYIV", "agency": "Reuters"}


def test_explain_lists_removals_on_stderr(capsys):
    assert main(["--explain", str(SEED_TEXT)]) == 0
    err = capsys.readouterr().err
    assert "[shop-widget] widget.cart-empty" in err
    assert "[navigation] nav.skip-to-content" in err


def test_stdin_is_read_when_no_file_is_given():
    run = subprocess.run([sys.executable, "-m", "cleaner.cli"], input=SEED_TEXT.read_bytes(), capture_output=True)
    assert run.returncode == 0
    assert run.stdout.decode().startswith("KYIV (Reuters)")


def test_a_missing_input_file_is_an_io_error_exit_3(tmp_path, capsys):
    assert main([str(tmp_path / "absent.txt")]) == 3
    assert "cannot read" in capsys.readouterr().err


def test_a_bad_rule_file_exits_2(tmp_path, capsys):
    rules = tmp_path / "r.toml"
    rules.write_text("[[rule]]\nid = 'x'\n")
    assert main(["--rules", str(rules), str(SEED_TEXT)]) == 2
    assert "r.toml" in capsys.readouterr().err


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as info:
        main(["--format", "yaml"])
    assert info.value.code == 2


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("cleaner ")


def test_a_closed_stdout_ends_quietly():
    big = SEED_TEXT.read_bytes() * 50
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner.cli"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdin.write(big)
    proc.stdin.close()
    proc.stdout.read(10)
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_encoding_and_whole_page_options(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_bytes("Le café était fermé ce matin, a déclaré la mairie dans un communiqué.".encode("cp1252"))
    assert main(["--encoding", "cp1252", "--whole-page", "no", "--format", "json", str(page)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["text"].startswith("Le café était fermé")
    assert (printed["encoding"]["name"], printed["encoding"]["source"]) == ("cp1252", "caller")


def test_html_from_a_file(capsys):
    page = SEED_TEXT.parent.parent / "html" / "reuters_shop.html"
    assert main([str(page)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("KYIV (Reuters)") and "Your cart is empty" not in out


def test_a_page_cleaned_in_a_new_process_loads_no_copy_machinery():
    """A shell pipeline starts cleaner once per page: datasketch, and the scipy it imports (a third
    of a second), load only when a copy's signature is first made."""
    code = (
        "import sys, cleaner.cli\n"
        "cleaner.clean('<html><body><p>The council met on Monday.</p></body></html>')\n"
        "print([name for name in ('datasketch', 'scipy') if name in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
