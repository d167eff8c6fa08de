// Starts the browser editor: registers our file format for each collection
// (formats.json, written by the build from the schemas) and the preview's
// stylesheet, then Sveltia CMS.
import { fromFile, toFile } from './frontmatter-format.js';

const specs = await (await fetch('formats.json')).json();
for (const [name, spec] of Object.entries(specs)) {
  window.CMS.registerCustomFormat(name, 'md', {
    fromFile: (text) => fromFile(text, spec),
    toFile: (values) => {
      try {
        // Sveltia tells a format nothing of the entry but its values: a new
        // entry (a duplicate too, which carries its original's file text) is
        // edited at #/collections/<name>/new.
        const isNew = /^#\/collections\/[^/]+\/new(?:[?/]|$)/.test(window.location.hash);
        return toFile(values, spec, { isNew });
      } catch (error) {
        // Sveltia reports a failed save only as "There was an error":
        // say what is wrong and how to put it right.
        window.alert(`Not saved: ${error.message}`);
        throw error;
      }
    },
  });
}
// The preview pane shows the entry with the site's own stylesheet (served
// from this site, like everything /admin/ loads).
const previewStyle = document.querySelector('meta[name="cms-preview-style"]')?.content;
if (previewStyle) window.CMS.registerPreviewStyle(previewStyle);
window.CMS.init();
