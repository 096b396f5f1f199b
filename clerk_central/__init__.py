"""ClerkCentral: the county server that ClerkDesk terminals sync with."""

from __future__ import annotations

__version__ = "0.1.0"
