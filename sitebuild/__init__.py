"""Build the site safely: Pelican into a fresh folder, errors fatal, then swap.

`python -m sitebuild` is what `invoke build` runs. See build.py. Nothing is
imported here: `invoke` loads sitebuild.command_line for every command, and
the build's modules (Pelican among them) took a fifth of a second.
"""
