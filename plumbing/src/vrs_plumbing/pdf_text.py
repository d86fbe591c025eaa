"""Text as the standard PDF fonts can draw it; pure and standard-library only.

fpdf2's Helvetica, a font every reader has, writes the Windows-1252 letters, which hold Spanish
ones; any other character is drawn as its nearest plain letter. Used by notifications' letters
and records-requests' labels.
"""

import unicodedata

ENCODING = "windows-1252"


def drawable(text: str) -> str:
    """``text`` in the letters Helvetica can draw: Windows-1252, others as their plain letter."""
    out = []
    for char in text:
        try:
            char.encode(ENCODING)
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(plain or "?")
    return "".join(out)
