// Starts the browser editor: registers our file format for each collection
// (formats.json, written by the build from the schemas), then Sveltia CMS.
import { fromFile, toFile } from './frontmatter-format.js';

const specs = await (await fetch('formats.json')).json();
for (const [name, spec] of Object.entries(specs)) {
  window.CMS.registerCustomFormat(name, 'md', {
    fromFile: (text) => fromFile(text, spec),
    toFile: (values) => {
      try {
        return toFile(values, spec);
      } catch (error) {
        // Sveltia reports a failed save only as "There was an error":
        // say what is wrong and how to put it right.
        window.alert(`Not saved: ${error.message}`);
        throw error;
      }
    },
  });
}
window.CMS.init();
