// Search as you type, with Pagefind. Progressive enhancement: without this
// script the search page lists other ways to find things.
const app = document.getElementById("search-app");
const fallback = document.getElementById("search-fallback");
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");

const pagefind = await import("/pagefind/pagefind.js");
await pagefind.options({ excerptLength: 24 });
app.hidden = false;
fallback.hidden = true;

function chosenTypes() {
  return [...form.querySelectorAll("input[name=type]:checked")].map((box) => box.value);
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  const kind = document.createElement("span");
  kind.className = "meta";
  kind.textContent = ` (${(data.filters.type || []).join(", ")})`;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = data.excerpt; // Pagefind's excerpt of our own page, with <mark>
  item.append(link, kind, excerpt);
  return item;
}

let latest = 0;
async function search() {
  const query = input.value.trim();
  const ticket = ++latest;
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  const types = chosenTypes();
  const found = await pagefind.debouncedSearch(query, { filters: { type: { any: types } } }, 150);
  if (found === null || ticket !== latest) return; // a newer search replaced this one
  const results = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  if (ticket !== latest) return;
  list.replaceChildren(...results.map(resultItem));
  const count = found.results.length;
  status.textContent = `${count} result${count === 1 ? "" : "s"} for “${query}”`;
  const url = new URL(location.href);
  url.searchParams.set("q", query);
  history.replaceState(null, "", url);
}

form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
input.addEventListener("input", search);
form.addEventListener("change", search);
input.value = new URLSearchParams(location.search).get("q") || "";
if (input.value) search();
