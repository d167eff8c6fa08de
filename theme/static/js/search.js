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

// Pagefind's excerpt is the window of the page densest in matches, which
// mostly starts mid-sentence. Start it instead at the beginning of the
// sentence that holds the first match, counting words as Pagefind does
// (its `locations` number the words of `content` split on whitespace). In a
// sentence so long that its start would push the match out of view, show
// Pagefind's excerpt after "…", so the reader sees it starts mid-sentence.
const EXCERPT_WORDS = 36; // words shown
const REACH_BACK = 30; // at most this many words before the first match
const SENTENCE_END = /[.!?][”"’)]*$/;

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function sentenceExcerpt(data) {
  if (!data.locations || data.locations.length === 0) return data.excerpt;
  const words = data.content.split(/[\r\n\s]+/g);
  const first = Math.min(...data.locations);
  let start = first;
  while (start > 0 && first - start < REACH_BACK && !SENTENCE_END.test(words[start - 1])) start -= 1;
  if (start > 0 && !SENTENCE_END.test(words[start - 1])) return `… ${data.excerpt}`;
  const matches = new Set(data.locations);
  const shown = words.slice(start, start + EXCERPT_WORDS)
    .map((word, i) => (matches.has(start + i) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)));
  return shown.join(" ") + (start + EXCERPT_WORDS < words.length ? " …" : "");
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
  excerpt.innerHTML = sentenceExcerpt(data); // our own page's words, escaped, with <mark>
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
