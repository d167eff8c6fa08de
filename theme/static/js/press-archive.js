// Filter a page of the press release archive (one year's releases, or the
// latest) by words and dates. Without this script the page is a plain list
// of that year's releases under their months, with a link to every year
// (and, on a year's page, to every month) at its top; the site's
// search finds words in every year. The filter sees only this page's
// releases, and says so when the dates asked for go beyond them: a
// journalist asking for 2023 on the latest releases' page was told "0 of
// 30 shown", as if there were none.
const form = document.getElementById("archive-filter");
const status = document.getElementById("archive-status");
const items = [...document.querySelectorAll(".archive-year li[data-date]")];
form.hidden = false;

function filter() {
  const words = form.words.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const from = form.from.value;
  const to = form.to.value;
  let shown = 0;
  for (const item of items) {
    const text = item.textContent.toLowerCase();
    const date = item.dataset.date;
    const match = words.every((word) => text.includes(word)) && (!from || date >= from) && (!to || date <= to);
    item.hidden = !match;
    shown += match ? 1 : 0;
  }
  // A month, and a year, with no release shown is hidden, heading and all,
  // and so is its link at the top of a year's page.
  for (const group of document.querySelectorAll(".archive-month, .archive-year")) {
    group.hidden = !group.querySelector("li[data-date]:not([hidden])");
  }
  for (const link of document.querySelectorAll("nav[aria-labelledby=release-months] a")) {
    link.parentElement.hidden = Boolean(document.getElementById(link.hash.slice(1))?.closest(".archive-month")?.hidden);
  }
  const { coversTo } = form.dataset;
  const coversFrom = form.dataset.coversFrom || items.map((item) => item.dataset.date).sort()[0];
  const backwards = from && to && from > to;
  const beyond = (from && coversFrom && from < coversFrom) || (to && coversTo && to > coversTo)
    || (to && coversFrom && to < coversFrom) || (from && coversTo && from > coversTo);
  say(`${shown} of the ${items.length} press releases on this page shown.`
    + (backwards ? " The From date is after the To date: swap them."
      : beyond ? ` This page has releases from ${spoken(coversFrom)}${coversTo ? ` to ${spoken(coversTo)}` : " on"}:`
        + " for other dates, choose a year above, or search every year’s press releases." : ""));
}

// The list follows each key at once; the status, which a screen reader
// reads out, waits until typing pauses: it was read after every letter of
// a word ("statement": nine counts in a row), as search.js waits too.
const STATUS_WAIT_MS = 400;
let statusTimer;
function say(text) {
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { status.textContent = text; }, STATUS_WAIT_MS);
}

// 2023-01-01 as "1 January 2023", as the page writes dates.
function spoken(isoDate) {
  return new Date(`${isoDate}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

form.addEventListener("input", filter);
form.addEventListener("submit", (event) => event.preventDefault());
