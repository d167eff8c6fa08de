"""Sveltia CMS's config.yml, made from the front matter schemas.

The editor's fields are generated from the same schemas the build checks
against, so what the form lets a volunteer save passes the build, and a field
added to a schema appears in the editor without anyone editing config.yml.
"""

from __future__ import annotations

import os

import yaml

from sitecore.schema import fields as types

from .editor_collections import COLLECTIONS, FILE_NAME_FIELD, FORMAT_SUFFIX, SINGLE_FILES
from .form_fields import form_fields


def repository_path(settings: dict, *parts: str) -> str:
    return os.path.relpath(os.path.join(settings["PATH"], *parts), settings["CMS_REPO_ROOT"])


def collection_config(schema, name, label, folder_setting, path, settings) -> dict:
    in_file_name = tuple(FILE_NAME_FIELD.findall(path))
    fields = form_fields(schema, settings, in_file_name)
    for field in fields:
        if field["name"] in in_file_name:
            # Sveltia keeps an existing file's name; our format refuses the change.
            field["hint"] = field["hint"].rstrip(".") + ". The file's name starts with it, so it cannot be changed " \
                                                        "here once saved."
    # Uploads go into content/images/<collection>/ (a leading / is the repository root).
    media = repository_path(settings, "images", name)
    config = {"name": name, "label": label, "label_singular": schema.name.capitalize(),
              "folder": repository_path(settings, settings[folder_setting][0]),
              "create": True, "extension": "md", "format": name + FORMAT_SUFFIX,
              "media_folder": f"/{media}", "public_folder": f"/images/{name}", "fields": fields}
    if "{{fields." in path:
        config["path"] = path
    else:
        config["slug"] = path
    if schema.name == "policy":
        config["sortable_fields"] = ["number", "title"]
    return config


def single_file_config(schema, name, label, file_setting, settings) -> dict:
    """A collection of one file (Sveltia's `files`), opened as one form."""
    media = repository_path(settings, "images", name)
    entry = {"name": name, "label": label, "file": repository_path(settings, settings[file_setting][0]),
             "format": name + FORMAT_SUFFIX, "media_folder": f"/{media}", "public_folder": f"/images/{name}",
             "fields": form_fields(schema, settings)}
    return {"name": name, "label": label, "files": [entry]}


def cms_config(settings: dict) -> dict:
    return {
        "backend": dict(settings["CMS_BACKEND"]),
        # Saves open a pull request; a second person merges it.
        "publish_mode": settings["CMS_PUBLISH_MODE"],
        "site_url": settings["SITE_CANONICAL_URL"],
        "media_folder": repository_path(settings, "images"),
        "public_folder": "/images",
        # File names are slugs: ASCII, accents dropped, £ and the like become -.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-",
                 "maxlength": types.SLUG_MAX_LENGTH},
        # Uploads are named by the same rule (My Photo É.JPG is saved as
        # my-photo-e.jpg): the build refuses names that do not belong in an
        # address. Only this site's own storage: the stock photo services
        # (the page's Content-Security-Policy blocks them) are hidden.
        "media_libraries": {"default": {"config": {"slugify_filename": True}}, "stock_assets": False},
        "collections": [*(collection_config(*spec, settings) for spec in COLLECTIONS),
                        *(single_file_config(*spec, settings) for spec in SINGLE_FILES)],
    }


# libyaml's emitter (C) where PyYAML was built with it: the pure-Python one
# took 0.1 s a build, a third of a small site's build.
FastSafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class PlainDumper(FastSafeDumper):
    """Writes repeated values out in full: no &anchors, easier to read."""

    def ignore_aliases(self, data) -> bool:
        return True


def render_config(settings: dict) -> str:
    """config.yml's text. Writing YAML took about 10 ms a build, a twentieth
    of a small site's build, though the configuration changes only with the
    settings and schemas: the text is kept for the life of the process,
    keyed by the whole configuration's repr(). The configuration holds only
    dicts, lists, strings, integers and booleans, for which equal reprs mean
    equal YAML (repr tells "1" from 1 and True from 1, and keeps the keys'
    order, as the YAML does)."""
    config = cms_config(settings)
    key = repr(config)
    if key not in _written_configs:
        if len(_written_configs) >= 4:  # a long live preview: keep the last four configurations made
            _written_configs.pop(next(iter(_written_configs)))
        _written_configs[key] = yaml.dump(config, Dumper=PlainDumper, sort_keys=False, allow_unicode=True)
    return _written_configs[key]


_written_configs: dict[str, str] = {}
