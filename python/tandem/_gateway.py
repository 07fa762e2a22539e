"""The Java host's kernel gateway, set by the host when the script runs inside Tandem.

Stays None on plain CPython, where only the pure-Python backend exists.
"""

gateway = None
