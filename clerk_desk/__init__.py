"""ClerkDesk: the domain and storage of the counter application (no Qt here)."""

__version__ = "0.1.0"
