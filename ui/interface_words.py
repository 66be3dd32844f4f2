"""Streamlit's own English words in the reader's language: buttons' names for screen readers and tooltips.

Streamlit names its own controls in English only, with no setting for another language: the sidebar's
"Collapse sidebar", a table's "Search", "Fullscreen" and "Show/hide columns", a chart's "Show data", a
multiselect's "Select all" and "No results", a number's "Increment", and Vega its chart's parts ("axis",
"legend"). A screen reader on a Dutch page read them out in English, and a sighted reader saw some of them as
tooltips and in lists.

A small script of the app's own (constant: no text from data goes into it) renames them on the page: an
element whose ``aria-label``, ``title`` or ``aria-roledescription`` is one of these words gets the reader's
word, and so does a text that is exactly one of them where only Streamlit writes (a tooltip, the skip link, and
in a list of options only "Select all" and "No results", and the notice of an address the app has no page for),
also in what Streamlit draws later. Names in lists
of options are data (an organisation may be called "Open"), so the script leaves them alone. On an English page
the same script puts Streamlit's words back, so a switch of language goes both ways.
"""

from __future__ import annotations

import json

import streamlit as st

from graph.model.language import Lang

#: Streamlit's English → Dutch. Only whole texts and whole attribute values are replaced.
DUTCH = {
    "Select all": "Alles selecteren",
    "No results": "Geen resultaten",
    "Clear all": "Alles wissen",
    "Clear value": "Waarde wissen",
    "Selected values": "Gekozen waarden",
    "Skip to main content": "Naar de inhoud",
    "Sidebar": "Zijbalk",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Link to heading": "Link naar deze kop",
    "Search": "Zoeken",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Show data": "Gegevens tonen",
    "Copy to clipboard": "Naar klembord kopiëren",
    "Download as PNG": "Downloaden als PNG",
    "Copy Vega-Lite spec": "Grafiekbeschrijving kopiëren",
    "Vega visualization": "Grafiek",
    "Show password": "Wachtwoord tonen",
    "Hide password": "Wachtwoord verbergen",
    "Increment": "Hoger",
    "Decrement": "Lager",
    "Dismiss": "Sluiten",
    "Open": "Openen",
    "Close": "Sluiten",
    # the notice of an address the app has no page for (/overview, a mistyped link), which opens the main page
    "Page not found": "Pagina niet gevonden",
    "The page that you have requested does not seem to exist. Running the app's main page.": (
        "Deze pagina bestaat niet in de atlas. U ziet nu de beginpagina."
    ),
    # what Vega calls the parts of a chart (aria-roledescription); the chart's own texts are the app's
    "visualization": "grafiek",
    "axis": "as",
    "legend": "legenda",
    "group mark container": "groep",
    "rect mark container": "staven",
}
#: Streamlit's English beginnings of a name → Dutch ("Help for Startdatum": the help button of a field; a
#: chart's buttons are named after the chart: "Fullscreen: Staafdiagram van …").
DUTCH_BEGINNINGS = {
    "Help for ": "Uitleg bij ",
    "Remove ": "Verwijderen: ",  # a chosen option's button in a multiselect: "Remove Koffiecorner"
    "Fullscreen: ": "Volledig scherm: ",
    "Show data: ": "Gegevens tonen: ",
    "Download as PNG: ": "Downloaden als PNG: ",
    "Copy Vega-Lite spec: ": "Grafiekbeschrijving kopiëren: ",
}
ATTRIBUTES = ("aria-label", "title", "aria-roledescription")
#: The only texts renamed inside a list of options, whose other lines are data.
LIST_WORDS = ("Select all", "No results", "Alles selecteren", "Geen resultaten")

_SCRIPT = """<script>
(function () {
  const words = %(words)s;
  const beginnings = %(beginnings)s;
  const attributes = %(attributes)s;
  const listWords = %(list_words)s;
  const LISTS = '[role="listbox"], [data-testid="stMultiSelectDropdown"]';
  // The app opens no dialog of its own: a dialog is Streamlit's (the notice of an unknown address).
  const TEXT_PLACES = LISTS + ', [data-testid="stTooltipContent"], [data-testid="stSkipToContent"], [role="dialog"]';
  window.atlasInterfaceWords = words;
  window.atlasInterfaceBeginnings = beginnings;
  function say(root) {
    const current = window.atlasInterfaceWords;
    if (!root || root.nodeType !== 1) return;
    const named = attributes.map((name) => "[" + name + "]").join(", ");
    for (const element of [root, ...root.querySelectorAll(named)]) {
      if (element.closest(LISTS)) continue;  // an option's name is data (an organisation may be called "Open")
      for (const name of attributes) {
        const value = element.getAttribute(name);
        if (!value) continue;
        if (Object.hasOwn(current, value)) element.setAttribute(name, current[value]);
        for (const [start, said] of Object.entries(window.atlasInterfaceBeginnings)) {
          if (value.startsWith(start)) element.setAttribute(name, said + value.slice(start.length));
        }
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const whole = node.nodeValue.trim();
      if (!whole || !Object.hasOwn(current, whole)) continue;
      // Texts only where Streamlit writes its own: a tooltip, the skip link, and a list's first lines.
      const place = node.parentElement && node.parentElement.closest(TEXT_PLACES);
      if (!place || (place.matches(LISTS) && !listWords.includes(whole))) continue;
      node.nodeValue = node.nodeValue.replace(whole, current[whole]);
    }
  }
  if (!window.atlasInterfaceWordsWatch) {
    window.atlasInterfaceWordsWatch = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "childList") {
          change.addedNodes.forEach((node) => say(node.nodeType === 3 ? node.parentNode : node));
        } else {
          say(change.type === "characterData" ? change.target.parentNode : change.target);
        }
      }
    });
    window.atlasInterfaceWordsWatch.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attributes,
    });
  }
  say(document.body);
})();
</script>"""


def _towards(lang: Lang, words: dict[str, str]) -> dict[str, str]:
    return dict(words) if lang != Lang.EN else {dutch: english for english, dutch in words.items()}


#: Vega's own jargon for a chart's parts, in plain English on an English page.
PLAIN_ENGLISH = {"group mark container": "group", "rect mark container": "bars"}


def interface_words(lang: Lang) -> dict[str, str]:
    """What the script renames on a page in ``lang``: Streamlit's words to Dutch, or back to English."""
    words = _towards(lang, DUTCH)
    if lang == Lang.EN:
        words = {said: PLAIN_ENGLISH.get(english, english) for said, english in words.items()} | PLAIN_ENGLISH
    return words


def interface_words_script(lang: Lang) -> str:
    # json.dumps escapes nothing that could end the script: the words are this module's constants, and "<" is
    # escaped all the same.
    words = json.dumps(interface_words(lang), ensure_ascii=False).replace("<", "\\u003c")
    beginnings = json.dumps(_towards(lang, DUTCH_BEGINNINGS), ensure_ascii=False).replace("<", "\\u003c")
    listed = [said for english, said in interface_words(lang).items() if english in LIST_WORDS or said in LIST_WORDS]
    list_words = json.dumps(sorted({*LIST_WORDS, *listed}), ensure_ascii=False).replace("<", "\\u003c")
    return _SCRIPT % {
        "words": words,
        "beginnings": beginnings,
        "attributes": json.dumps(list(ATTRIBUTES)),
        "list_words": list_words,
    }


def show_interface_words(lang: Lang) -> None:
    """Put the script on the page (it takes no room)."""
    st.html(interface_words_script(lang), unsafe_allow_javascript=True)
