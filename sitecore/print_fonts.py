"""The fonts the minifesto PDFs embed, read from the settings in one place:
the PDF's stylesheet, its cache key, its fetcher (which serves only these
files) and the unchanged-build check all list them alike."""

from __future__ import annotations

# (the family's name, its files by (weight, style)): the party's face, then the text's.
FONT_SETTINGS = (("MINIFESTO_FONT_FAMILY", "MINIFESTO_FONT_FILES"),
                 ("MINIFESTO_TEXT_FONT_FAMILY", "MINIFESTO_TEXT_FONT_FILES"))


def print_font_faces(settings: dict) -> list[tuple[str, int, str, str]]:
    """(family, weight, style, file) of every font the minifesto PDFs embed:
    the party's face (MINIFESTO_FONT_FILES: headings, the party's name)
    and the text's (MINIFESTO_TEXT_FONT_FILES: all else), in a fixed order."""
    faces = []
    for family_setting, files_setting in FONT_SETTINGS:
        if not settings.get(family_setting):
            continue  # font_setting_problems reports files without their family's name
        for (weight, style), path in sorted((settings.get(files_setting) or {}).items()):
            faces.append((settings[family_setting], weight, style, str(path)))
    return faces


def font_setting_problems(settings: dict) -> list[tuple[str, str, str]]:
    """(setting, message, fix) for a family named without its files, or files
    without their family's name: the PDFs would silently use another face."""
    problems = []
    for family, files in FONT_SETTINGS:
        if bool(settings.get(family)) != bool(settings.get(files)):
            missing, given = (files, family) if settings.get(family) else (family, files)
            problems.append((missing, f"is not set, but {given} is",
                             f"set both {family} and {files} in pelicanconf.py, or neither"))
    return problems
