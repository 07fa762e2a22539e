"""Running the peers: programs outside this process (CPython, a JVM) that do a workload under
the protocol of tandem_bench.measure and print one JSON line.

A peer that is not installed is reported as missing with the reason; one that fails is
reported as failed with the end of its error output. Neither is dropped from the table.
"""

import json
import os
import subprocess


class Peer:
    """A command line for a workload, or the reason it cannot run here."""

    def __init__(self, name, command=None, env=None, missing=None):
        self.name = name
        self.command = command
        self.env = env
        self.missing = missing

    def run(self, *arguments):
        """``{"seconds", "tokens", "digest", "version"}``, or ``{"missing"|"failed": why}``."""
        if self.missing:
            return {"missing": self.missing}
        env = dict(os.environ, **(self.env or {}))
        try:
            done = subprocess.run(self.command + [str(a) for a in arguments], env=env,
                                  capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as error:
            return {"failed": str(error)}
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return {"failed": f"exit status {done.returncode}: {' | '.join(tail)}"}
        return json.loads(lines[-1])


def prepare(home, progress):
    """Runs scripts/peers.sh (idempotent): the CPython venv with the peers, rank files, jars."""
    progress("preparing peers (scripts/peers.sh)")
    done = subprocess.run([os.path.join(home, "scripts", "peers.sh")], capture_output=True, text=True)
    if done.returncode != 0:
        progress("scripts/peers.sh failed; CPython peers will be reported missing: "
                 + " | ".join(done.stderr.strip().splitlines()[-3:]))
    return done.returncode == 0


def jit_flags(home):
    """The flags that give a stock JDK GraalPy's runtime compiler (the Graal JIT), as ./tandem sets them."""
    return ["-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
            f"--upgrade-module-path={os.path.join(home, 'target', 'compiler')}", "--sun-misc-unsafe-memory-access=allow"]


def tandem_jvm(home, java_home):
    """The JVM command line that runs Tandem's modules with the JIT, as ./tandem does."""
    target = os.path.join(home, "target")
    return [os.path.join(java_home, "bin", "java"), *jit_flags(home),
            f"--module-path={os.path.join(target, 'lib')}{os.pathsep}{os.path.join(target, 'tandem.jar')}",
            "--add-modules=dev.tandem", "--enable-native-access=org.graalvm.truffle,dev.tandem"]


def compiled_java(home, java_home, name, javac_options):
    """``(classes directory, None)`` or ``(None, why)``: scripts/bench/NAME.java compiled once into
    target/bench-classes (again when the source is newer), so that no timed run pays for the
    source launcher's compile."""
    source = os.path.join(home, "scripts", "bench", f"{name}.java")
    classes = os.path.join(home, "target", "bench-classes")
    compiled = os.path.join(classes, f"{name}.class")
    if not os.path.exists(compiled) or os.path.getmtime(compiled) < os.path.getmtime(source):
        done = subprocess.run([os.path.join(java_home, "bin", "javac"), *javac_options, "-d", classes, source],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return None, f"javac {name}.java failed: " + " | ".join(done.stderr.strip().splitlines()[-3:])
    return classes, None


def venv_python(home):
    path = os.path.join(home, "target", "peers-venv", "bin", "python")
    return path if os.path.exists(path) else None


def maven_jar(group, artifact, version):
    path = os.path.join(os.path.expanduser("~"), ".m2", "repository", *group.split("."), artifact, version,
                        f"{artifact}-{version}.jar")
    return path if os.path.exists(path) else None
