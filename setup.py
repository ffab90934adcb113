"""The wheel carries the shared templates and styles (kept at the project
root, beside src/) as kroppress/_data/; an editable install reads them in
place. Everything else is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return
        for name in ("templates", "styles"):
            target = Path(self.build_lib) / "kroppress" / "_data" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / name, target)


setup(cmdclass={"build_py": BuildWithData})
