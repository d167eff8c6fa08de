// Loaded before sveltia-cms.js, so what it decides holds before the editor
// starts.

// Inside another page's frame, the editor refuses to start. Where the host
// sends headers, frame-ancestors 'none' already stops the frame; GitHub Pages
// sends none, and a <meta> policy cannot carry frame-ancestors, so any site
// could show the editor in a frame, hidden under its own page, and trick a
// signed-in volunteer into clicking its buttons (clickjacking).
if (window.top !== window.self) {
  // Stops the parser here: the editor's scripts below are never read, so
  // nothing of the editor runs in the frame.
  window.stop();
  const heading = document.createElement('h1');
  heading.textContent = 'Open the content manager in its own tab';
  const link = document.createElement('a');
  link.href = window.location.href;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'Open the content manager in a new tab';
  const text = document.createElement('p');
  text.append('It does not work inside another page, so that no other website can trick you into using it. ', link);
  const main = document.createElement('main');
  main.append(heading, text);
  document.body.replaceChildren(main);
}

// Wait for admin.js to register our file format before the editor starts.
window.CMS_MANUAL_INIT = true;
