"""The fonts the minifesto PDFs embed, read from the settings in one place:
the PDF's stylesheet, its cache key, its fetcher (which serves only these
files) and the unchanged-build check all list them alike."""

from __future__ import annotations


def print_font_faces(settings: dict) -> list[tuple[str, int, str, str]]:
    """(family, weight, style, file) of every font the minifesto PDFs embed:
    the party's face (MINIFESTO_FONT_FILES: headings, the party's name)
    and the text's (MINIFESTO_TEXT_FONT_FILES: all else), in a fixed order."""
    faces = []
    for family_setting, files_setting in (("MINIFESTO_FONT_FAMILY", "MINIFESTO_FONT_FILES"),
                                          ("MINIFESTO_TEXT_FONT_FAMILY", "MINIFESTO_TEXT_FONT_FILES")):
        for (weight, style), path in sorted((settings.get(files_setting) or {}).items()):
            faces.append((settings[family_setting], weight, style, str(path)))
    return faces
