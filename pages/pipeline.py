"""Placeholder until this screen is built (issue 4)."""

import streamlit as st

st.title("pipeline")
