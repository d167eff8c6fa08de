"""Decap CMS's config.yml, made from the front matter schemas.

The editor's fields are generated from the same schemas the build checks
against, so a post written in the browser passes the build, and a field
added to a schema appears in the editor without anyone editing config.yml.
"""

from __future__ import annotations

import os

import yaml
from frontmatter.schemas import COUNCILLOR, POLICY, POST

# (schema, collection name, label, folder setting, file name template)
COLLECTIONS = (
    (POST, "posts", "News and press releases", "ARTICLE_PATHS", "{{slug}}"),
    (POLICY, "policies", "Policies", "POLICY_PATHS", "{{number}}-{{slug}}"),
    (COUNCILLOR, "councillors", "Councillors", "COUNCILLOR_PATHS", "{{slug}}"),
)
COLLECTION_BY_SETTING = {setting: name for _, name, _, setting, _ in COLLECTIONS}
BODY_HINTS = {"post": "The post, in Markdown. Use ## for subheadings.",
              "policy": "A few short paragraphs explaining the policy.",
              "councillor": "A short biography."}


def field_config(field, settings: dict) -> dict:
    config = {"name": field.name, "label": field.name.replace("_", " ").capitalize(),
              "required": field.required}
    if field.example:
        config["hint"] = f"e.g. {field.example}"
    spec = dict(getattr(field.check, "widget", {"widget": "string"}))
    if field.refers_to:
        return {**config, "widget": "relation", "collection": COLLECTION_BY_SETTING[field.refers_to],
                "search_fields": ["title"], "display_fields": ["title"], "value_field": "{{slug}}",
                "multiple": True}
    setting = spec.pop("options_setting", None)
    if setting:
        options = settings[setting]
        spec["options"] = ([{"label": label, "value": value} for value, label in options.items()]
                           if isinstance(options, dict) else list(options))
    if spec["widget"] == "list" and not spec.get("min"):
        spec.pop("min", None)
    return {**config, **spec}


def collection_config(schema, name, label, folder_setting, slug, settings) -> dict:
    fields = [field_config(field, settings) for field in schema.fields]
    fields.append({"name": "body", "label": "Text", "widget": "markdown", "hint": BODY_HINTS[schema.name]})
    folder = os.path.relpath(os.path.join(settings["PATH"], settings[folder_setting][0]), settings["CMS_REPO_ROOT"])
    config = {"name": name, "label": label, "label_singular": schema.name.capitalize(), "folder": folder,
              "create": True, "extension": "md", "format": "yaml-frontmatter", "slug": slug, "fields": fields}
    if schema.name == "policy":
        config["sortable_fields"] = ["number", "title"]
    return config


def decap_config(settings: dict) -> dict:
    media = os.path.relpath(os.path.join(settings["PATH"], "images"), settings["CMS_REPO_ROOT"])
    return {
        "backend": dict(settings["CMS_BACKEND"]),
        # On localhost Decap talks to decap-server instead (invoke cms).
        "local_backend": {"url": settings["CMS_LOCAL_BACKEND_URL"], "allowed_hosts": ["localhost", "127.0.0.1"]},
        "site_url": settings["SITE_CANONICAL_URL"],
        "locale": "en",
        "media_folder": media,
        "public_folder": "/images",
        "collections": [collection_config(*spec, settings) for spec in COLLECTIONS],
    }


def render_config(settings: dict) -> str:
    return yaml.safe_dump(decap_config(settings), sort_keys=False, allow_unicode=True)
