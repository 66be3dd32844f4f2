"""Move the keyboard's focus to what a page has just said, for readers who do not see the page change.

After *Versturen* the form is replaced by its confirmation, but the focus stayed on a button that was gone: a
screen reader said nothing, and Tab started again at the top of the page. A small constant script (no text from
data goes into it) gives the page's first notice (``st.success``, ``st.error`` …) the focus, so it is read out
and Tab goes on from there.
"""

from __future__ import annotations

import streamlit as st

_SCRIPT = """<script>
(function () {
  const deadline = Date.now() + 5000;
  function focusNotice() {
    const notice = document.querySelector('[data-testid="stMain"] [data-testid="stAlertContainer"]');
    if (!notice) {
      if (Date.now() < deadline) window.setTimeout(focusNotice, 50);
      return;
    }
    notice.setAttribute("tabindex", "-1");
    notice.focus({preventScroll: true});
    notice.scrollIntoView({block: "center"});
  }
  focusNotice();
})();
</script>"""


def focus_first_notice() -> None:
    """Put the script on the page (it takes no room); call it right after the notice."""
    st.html(_SCRIPT, unsafe_allow_javascript=True)
