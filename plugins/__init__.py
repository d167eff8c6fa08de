"""Our Pelican plugins, one folder per concern, each named in PLUGINS by its
import path (plugins.minifesto …). They import Pelican, the shared core
(sitecore) and plugins.typedcontent, never each other."""
