"""Streamlit-side helpers shared by the pages: the store and scope of this session, cached KPI calls,
and a few display widgets. Everything that computes lives in pac_core."""
