"""File sizes as people read them."""


def human_size(length: int) -> str:
    """A file size as download boxes show it: "212 KB", "1.4 MB"."""
    kilobytes = length / 1024
    if kilobytes < 1024:
        return f"{max(1, round(kilobytes))} KB"
    return f"{kilobytes / 1024:.1f} MB"
