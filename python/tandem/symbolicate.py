"""``from tandem import symbolicate`` and ``tandem.symbolicate``: the module lives in the source-map
area, ``tandem.sourcemap.symbolicate``; this name is bound to that same module object."""

import sys

from tandem.sourcemap import symbolicate

sys.modules[__name__] = symbolicate
