// A table's box (theme/templates/partials/content.html) is a named region
// and a tab stop, so that a keyboard can scroll a table wider than the
// screen. A table that fits needs neither: a tab stop that does nothing,
// and a region that only repeats the table. This takes them away from each
// box whose table fits, and gives them back when it stops fitting (a
// narrower window, larger text). Without this script every box stays a
// tab stop, which is safe.
//
// A table's cells wrap to fit its column (screen.css). One too wide even
// so would scroll with every column squeezed to its longest word ("7 /
// January / 2022"): it keeps each row on one line instead (the class
// ONE_LINE_ROWS), and scrolls, unless a row would then be more than
// ONE_LINE_AT_MOST columns wide (a table of sentences, 1368 px on a 288 px
// phone), which stays wrapped.
const REGION = ["role", "tabindex", "aria-label"];
const ONE_LINE_ROWS = "one-line-rows";
const ONE_LINE_AT_MOST = 2;

function fit(box, region) {
  // Measured both ways. Narrowed to measure, the table cut the reader's
  // sideways scroll short: it is put back.
  const left = box.scrollLeft;
  box.classList.remove(ONE_LINE_ROWS);
  const scrolls = box.scrollWidth > box.clientWidth;
  if (scrolls) {
    box.classList.add(ONE_LINE_ROWS);
    if (box.scrollWidth > ONE_LINE_AT_MOST * box.clientWidth) box.classList.remove(ONE_LINE_ROWS);
  }
  box.scrollLeft = left;
  for (const name of REGION) {
    if (scrolls) box.setAttribute(name, region[name]);
    else box.removeAttribute(name);
  }
}

const boxes = new Map();
for (const box of document.querySelectorAll(".table-scroll")) {
  boxes.set(box, Object.fromEntries(REGION.map((name) => [name, box.getAttribute(name)])));
}
// The box changes size with the window, the table with its text. Fitted a
// frame later: fitting changes the box's own height (rows onto one line),
// which, done inside the observer's call, is a "ResizeObserver loop" error.
const watcher = new ResizeObserver((entries) => {
  requestAnimationFrame(() => {
    for (const entry of entries) {
      const box = entry.target.closest(".table-scroll");
      fit(box, boxes.get(box));
    }
  });
});
for (const box of boxes.keys()) {
  watcher.observe(box);
  watcher.observe(box.querySelector("table"));
}
