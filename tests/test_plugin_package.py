"""The plugin is publishable as a Pelican namespace plugin: its wheel holds exactly
`pelican/plugins/claims_explorer/` (with its schemas, and never a `pelican/__init__.py` that
would shadow Pelican's), and the package loaded from that wheel, by its short name, builds a
site that has no plugin folder of its own."""

import shutil
import subprocess
import sys
import zipfile

from conftest import PLUGIN_FOLDER, PROJECT, copy_project

PACKAGE = "pelican/plugins/claims_explorer/"

# Put the unpacked wheel where Pelican looks for namespace plugins (pelican.plugins), as an
# install into site-packages would, then build with the plugin's own command line.
BUILD_FROM_WHEEL = """
import sys
import pelican.plugins
pelican.plugins.__path__.append(sys.argv[1])
from pelican.plugins.claims_explorer.cli import main
sys.exit(main(["build", "-s", "pelicanconf.py", "-o", sys.argv[2]]))
"""


def build_wheel(folder):
    """Built from a copy: setuptools writes build/ and *.egg-info beside the sources."""
    source = shutil.copytree(PROJECT / "plugins" / "claims-explorer", folder / "source",
                             ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-w", str(folder), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = folder.glob("pelican_claims_explorer-*.whl")
    return wheel


def test_wheel_is_a_namespace_plugin_that_builds_a_site(tmp_path):
    wheel = build_wheel(tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    code = [name for name in names if not name.startswith("pelican_claims_explorer-")]
    assert all(name.startswith(PACKAGE) for name in code), code
    source = sorted(p.relative_to(PROJECT / PLUGIN_FOLDER).as_posix()
                    for p in (PROJECT / PLUGIN_FOLDER / "claims_explorer").iterdir()
                    if p.suffix in (".py", ".json"))
    assert sorted(name.removeprefix("pelican/plugins/") for name in code) == source

    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "plugins")  # the site's PLUGIN_PATHS now leads nowhere
    output = tmp_path / "output"
    result = subprocess.run([sys.executable, "-c", BUILD_FROM_WHEEL, str(unpacked / "pelican" / "plugins"),
                             str(output)], cwd=project, capture_output=True, text=True, timeout=300)

    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "claims" / "thompson-no-new-ground.html").is_file()
    assert (output / "timeline.html").is_file()
    assert (output / "pagefind-claims" / "pagefind-entry.json").is_file()
