"""The first five minutes (issue 18): the README gives exactly two set-up commands — the app on the demo data, and
the tests — each creating its virtual environment (a stock Debian's pip refuses to install outside one); CI runs the
README's test command as written; the app's install does not pull the test tools."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_TOOLS = ("pytest", "pytest-xdist", "playwright", "hypothesis", "pypdf", "axe-playwright-python")


def start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Démarrer", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def packages(name: str) -> list[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [re.split(r"[=<>\[ ]", line, 1)[0].lower() for line in lines if line and not line.startswith(("#", "-r"))]


def test_the_readme_has_two_commands_each_in_a_virtual_environment():
    app, tests = start_commands()
    assert app == "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && .venv/bin/streamlit run serveur.py"
    assert tests.startswith("python3 -m venv .venv && .venv/bin/pip install -r requirements-dev.txt")
    assert tests.endswith(".venv/bin/python -m pytest -n auto --dist loadgroup"), "the suite runs on every core"
    assert "Python 3.11" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "http://localhost:8501" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readmes_test_command_as_written():
    _, tests = start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == tests


def test_the_apps_install_has_no_test_tool_and_the_tests_install_has_the_app():
    assert not set(TEST_TOOLS) & set(packages("requirements.txt"))
    assert set(TEST_TOOLS) <= set(packages("requirements-dev.txt"))
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
