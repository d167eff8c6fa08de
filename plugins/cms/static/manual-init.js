// Loaded before sveltia-cms.js: wait for admin.js to register our file
// format before the editor starts.
window.CMS_MANUAL_INIT = true;
