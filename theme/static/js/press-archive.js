// Filter a page of the press release archive (one year's releases) by words
// and dates. Without this script the page is a plain list of that year's
// releases, with a link to every year at its top; the site's search finds
// words in every year.
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
  for (const year of document.querySelectorAll(".archive-year")) {
    year.hidden = !year.querySelector("li:not([hidden])");
  }
  status.textContent = `${shown} of ${items.length} press releases shown`;
}

form.addEventListener("input", filter);
form.addEventListener("submit", (event) => event.preventDefault());
