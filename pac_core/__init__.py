"""PAC Pilot core: everything that is not Streamlit (read → validate → store → compute)."""

__version__ = "0.1.0"
