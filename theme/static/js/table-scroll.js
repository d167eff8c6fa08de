// A table's box (theme/templates/partials/content.html) is a named region
// and a tab stop, so that a keyboard can scroll a table wider than the
// screen. A table that fits needs neither: a tab stop that does nothing,
// and a region that only repeats the table. This takes them away from each
// box whose table fits, and gives them back when it stops fitting (a
// narrower window, larger text). Without this script every box stays a
// tab stop, which is safe.
const REGION = ["role", "tabindex", "aria-label"];

function fit(box, region) {
  const scrolls = box.scrollWidth > box.clientWidth;
  for (const name of REGION) {
    if (scrolls) box.setAttribute(name, region[name]);
    else box.removeAttribute(name);
  }
}

const boxes = new Map();
for (const box of document.querySelectorAll(".table-scroll")) {
  boxes.set(box, Object.fromEntries(REGION.map((name) => [name, box.getAttribute(name)])));
}
// The box changes size with the window, the table with its text.
const watcher = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const box = entry.target.closest(".table-scroll");
    fit(box, boxes.get(box));
  }
});
for (const box of boxes.keys()) {
  watcher.observe(box);
  watcher.observe(box.querySelector("table"));
}
