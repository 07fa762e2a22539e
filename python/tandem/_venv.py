"""What Tandem adds to ``python -m venv`` (``tandem -m venv DIR``): checks of the target
directory with messages that say what is wrong, and a ``pip.conf`` that makes pip install
from PyPI alone.

GraalPy's pip also asks https://www.graalvm.org/python/wheels/ for GraalPy builds of
packages with C code; where that site is unreachable, every install would first wait for
its retries. The environment's pip.conf says how to ask it anyway.
"""

import os
import sys

# pip skips empty values, so the extra index (GraalPy's pip adds GraalVM's by default) is
# PyPI itself, which pip then asks once.
PIP_CONF = """\
# Written by tandem -m venv: pip installs from PyPI alone. GraalPy's own builds of packages
# with C code (numpy and others) are on GraalVM's index; to use it:
#   pip install --extra-index-url https://www.graalvm.org/python/wheels/ NAME
[global]
extra-index-url = https://pypi.org/simple
"""


def prepare():
    """Wrap venv.EnvBuilder.create with the checks, and write pip.conf once the environment exists."""
    import venv

    create = venv.EnvBuilder.create

    def checked_create(self, env_dir):
        _check_target(os.path.abspath(env_dir), self.clear or self.upgrade)
        create(self, env_dir)
        with open(os.path.join(env_dir, "pip.conf"), "w", encoding="utf-8") as conf:
            conf.write(PIP_CONF)

    venv.EnvBuilder.create = checked_create


def _check_target(env_dir, replacing):
    """Exit with one line when ``env_dir`` cannot become an environment."""
    if os.path.lexists(env_dir) and not os.path.isdir(env_dir):
        sys.exit(f"tandem -m venv: {env_dir} exists and is not a directory")
    if os.path.isdir(env_dir):
        if not os.access(env_dir, os.W_OK | os.X_OK):
            sys.exit(f"tandem -m venv: cannot write to {env_dir}: permission denied")
        is_env = os.path.isfile(os.path.join(env_dir, "pyvenv.cfg"))
        if os.listdir(env_dir) and not is_env and not replacing:
            sys.exit(f"tandem -m venv: {env_dir} is not empty and not a virtual environment;"
                     " choose a new directory (or pass --clear to empty this one)")
        return
    parent = os.path.dirname(env_dir)
    while parent and not os.path.exists(parent):
        parent = os.path.dirname(parent)
    if parent and not os.access(parent, os.W_OK | os.X_OK):
        sys.exit(f"tandem -m venv: cannot create {env_dir}: {parent} is not writable")
