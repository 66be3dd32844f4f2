"""Passend Werk Atlas — the web app. This file only routes; pages live in ui/pages."""

import streamlit as st

from ui.context import language
from ui.i18n import text

st.set_page_config(page_title="Passend Werk Atlas", page_icon="📚", layout="wide")
lang = language()
navigation = st.navigation([st.Page("ui/pages/overview.py", title=text("page_overview", lang), default=True)])
navigation.run()
