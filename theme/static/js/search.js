// Search as you type, with Pagefind. Progressive enhancement: without this
// script the search page lists other ways to find things (and, while this
// script loads, says "Loading search…": see screen.css).
const app = document.getElementById("search-app");
const fallback = document.getElementById("search-fallback");
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");

// The page's ways to find things without search (the news, the policies,
// the councillors …), shown when search cannot help: "broken" (its script
// could not load: the page says so) or "links" (the links alone, under the
// status, which says why: no results, or the index could not be fetched);
// null hides them.
function offerOtherWays(state) {
  fallback.hidden = state === null;
  if (state) fallback.dataset.state = state;
  else delete fallback.dataset.state;
}

// The form is usable at once; Pagefind (its script, WebAssembly and
// index metadata: several round trips on a slow link) loads meanwhile, and a
// search typed before it is ready waits for it, saying "Searching…". The
// page says where the index is (the site's SEARCH_INDEX_PATH); Pagefind
// loads the rest of it from beside its script.
app.hidden = false;
offerOtherWays(null);
// A slow link (or Save-Data), as the browser judges it. Where it cannot say
// (Firefox, Safari), by how long this page took to come, from asking to the
// last byte: at least a round trip, and 270 ms is the round trip Chromium
// calls "3g" (this page is a few KB; from the browser's cache it comes at
// once: a fast link, as before).
const connection = navigator.connection;
const SLOW_ROUND_TRIP_MS = 270;
function pageCameSlowly() {
  const [navigation] = performance.getEntriesByType("navigation");
  return Boolean(navigation && navigation.responseEnd - navigation.requestStart >= SLOW_ROUND_TRIP_MS);
}
const slowLink = connection
  ? Boolean(connection.saveData || ["slow-2g", "2g", "3g"].includes(connection.effectiveType))
  : pageCameSlowly();
// Pagefind searches in its web worker, off the page's thread: on a phone's
// CPU, with years of news, the search for a word's first letter took 0.3–1.4 s,
// and the keyboard froze for as long. But not on a slow link (slowLink,
// below): there the worker is one more script to fetch before the first
// search (2.5 s on Slow 3G), Pagefind gives up waiting for it after 5 s,
// and each round trip costs more than the search.
const PAGEFIND_OPTIONS = { excerptLength: 24, noWorker: slowLink };
async function start(pagefind) {
  await pagefind.options(PAGEFIND_OPTIONS);
  pagefind.init().catch(() => {}); // not awaited: a search waits for it, and reports its failure
  return pagefind;
}
let ready = import(app.dataset.indexScript).then(start);
// Pagefind keeps what it failed to fetch as if it were empty: an index
// chunk lost to a dropped connection made every later search of its words
// say "No results", and a failed start (its WebAssembly) made every search
// fail, until the page was reloaded. It says nothing of such a loss (a weak
// signal fires no "offline" event either). So Pagefind is started afresh
// after a search that failed, and behind a search that found nothing
// (searchAgainAfresh). A search begun meanwhile waits for the new start (`ready`).
function startAfresh() {
  ready = ready.then(async (pagefind) => {
    await pagefind.destroy();
    return start(pagefind);
  });
  return ready;
}
let afresh = false; // the last search failed: the next one starts Pagefind afresh
ready.catch(() => {
  app.hidden = true;
  offerOtherWays("broken"); // says so instead of "Loading search…"
});

// Each result's words come in a fragment of its own, one request each. On a
// slow link (or with Save-Data) show 10 at a time, else 20.
const BATCH = slowLink ? 10 : 20;

function chosenTypes() {
  return [...form.querySelectorAll("input[name=type]:checked")].map((box) => box.value);
}

// "newest" (news and press releases, newest first), or "" (best match first).
function chosenOrder() {
  return form.querySelector("input[name=order]:checked")?.value || "";
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

// Where the page's words start after its title, which the result shows as
// its link: the excerpt starts there, never repeating it (a search for a
// name found it in the title, and the excerpt read the title again). The
// title comes among the page's first words, after the way to the page
// where that is searched (an event's "Events · Conference").
const TITLE_WITHIN = 12; // words
function afterTitle(words, title) {
  const plain = (word) => (word || "").replace(/[.:]$/, "").toLowerCase();
  const heading = title.split(/\s+/).filter(Boolean);
  if (heading.length === 0) return 0;
  for (let at = 0; at <= TITLE_WITHIN; at += 1) {
    if (heading.every((word, i) => plain(words[at + i]) === plain(word))) return at + heading.length;
  }
  return 0;
}

function sentenceExcerpt(data) {
  if (!data.locations || data.locations.length === 0) return data.excerpt;
  const words = data.content.split(/[\r\n\s]+/g);
  const body = afterTitle(words, data.meta.title || "");
  const located = data.locations.filter((at) => at >= body);
  if (located.length === 0) { // found in the title only: the page's first words after it
    const opening = words.slice(body, body + EXCERPT_WORDS).map(escapeHtml).join(" ");
    return opening + (body + EXCERPT_WORDS < words.length ? " …" : "");
  }
  const first = Math.min(...located);
  let start = first;
  while (start > body && first - start < REACH_BACK && !SENTENCE_END.test(words[start - 1])) start -= 1;
  if (start > body && !SENTENCE_END.test(words[start - 1])) return `… ${data.excerpt}`;
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
  // A post's date too: a party's headlines recur ("Statement on the budget").
  kind.textContent = ` (${[...(data.filters.type || []), ...(data.meta.date ? [data.meta.date] : [])].join(", ")})`;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = sentenceExcerpt(data); // our own page's words, escaped, with <mark>
  // A Welsh page's title and words are read as Welsh here too, as on the
  // page; the type and date are the site's words (templates: other_language).
  if (data.meta.language) link.lang = excerpt.lang = data.meta.language;
  item.append(link, kind, excerpt);
  return item;
}

// The status is a polite live region: it changes once per state a reader
// should hear ("Searching…", "Found 798 results; loading…", "Showing 20 of
// 798 results for …"), never per result. A passing state ("Searching…" on a
// fast link) is written only if it lasts INTERIM_MS, so a fast search is
// announced once, with its outcome.
const INTERIM_MS = 250;
let interim = null;

function say(text, { passing = false, after = 0 } = {}) {
  if (passing && interim && interim.text === text) return; // already on its way
  if (interim) clearTimeout(interim.timer);
  interim = null;
  const write = () => { interim = null; if (status.textContent !== text) status.textContent = text; };
  if (passing) interim = { text, timer: setTimeout(write, after + INTERIM_MS) };
  else write();
}

const plural = (count) => `${count} result${count === 1 ? "" : "s"}`;

function outcome(run) {
  const count = run.results.length;
  const newest = run.order === "newest" ? ", newest news first" : "";
  if (run.shown < count) return `Showing ${run.shown} of ${plural(count)} for “${run.query}”${newest}`;
  return `${plural(count)} for “${run.query}”${newest}`;
}

// The search on screen: { query, results (Pagefind's, each with data()), shown }.
let run = null;

// Fetch the next BATCH results' fragments at once and add each to the list
// as soon as it and those ranked before it have come.
async function showMore(current, { focus = false } = {}) {
  const count = current.results.length;
  const pending = current.results.slice(current.shown, current.shown + BATCH)
    .map((result) => result.data().catch(() => null));
  more.setAttribute("aria-disabled", "true");
  for (const promise of pending) {
    const data = await promise;
    if (current !== run) return; // a newer search replaced this one
    if (data === null) {
      more.hidden = false;
      more.removeAttribute("aria-disabled");
      say(`${outcome(current)}. The next results could not be loaded: check your connection and choose “Show more results” to try again.`);
      return;
    }
    const item = resultItem(data);
    list.append(item);
    current.shown += 1;
    // After "Show more results", go on from the first new result, unless
    // the reader has moved elsewhere meanwhile.
    if (focus && (document.activeElement === more || document.activeElement === document.body)) {
      item.querySelector("a").focus();
    }
    focus = false;
  }
  more.removeAttribute("aria-disabled");
  more.hidden = current.shown >= count;
  say(outcome(current));
}

// The address says what was searched for, the types too when some are
// unticked: shared or reloaded, it searches the same. A cleared search
// leaves it, or a reload would bring the old search back. With no type
// ticked it keeps the words only: reloaded, every box is ticked again,
// rather than a page that shows nothing.
function keepInAddress(query, types, all, order) {
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  url.searchParams.delete("type");
  if (!all) for (const type of types) url.searchParams.append("type", type);
  if (order) url.searchParams.set("order", order);
  else url.searchParams.delete("order");
  history.replaceState(null, "", url);
}

const NONE_TICKED = "No type of page is ticked: tick at least one to see results.";

// Words so common that they narrow nothing, left out of a search of several
// words on an English page: Pagefind keeps no such list, and each of them is
// in one of the index's largest chunks (with years of news, "homes for
// everyone" cost a phone 391 KB, "homes everyone" far less). A search of
// them alone, or a phrase in quotes, is searched as typed.
const COMMON_WORDS = new Set(("a an and are as at be by for from has have in is it its of on or our "
  + "that the their this to was we were will with").split(" "));
const english = document.documentElement.lang.toLowerCase().startsWith("en");

// A name joined by "&" (A&E, P&O): Pagefind splits it into letters, and
// "A&E" alone found 35 of 36 pages. Searched as a phrase, in quotes, it finds
// the pages that name it. Pagefind takes quotes only around a whole search,
// so in a longer one ("A&E waiting times") each such name is searched apart,
// as a phrase, and only the pages found by every part are shown, in the
// order the other words' search gives them.
const JOINED_BY_AMPERSAND = /^[^\s"&]+&[^\s"&]+$/;

function withoutCommonWords(query) {
  if (!english || query.includes('"')) return query;
  const words = query.split(/\s+/);
  const telling = words.filter((word) => !COMMON_WORDS.has(word.toLowerCase()));
  return telling.length > 0 && telling.length < words.length ? telling.join(" ") : query;
}

// The searches a query is made of: the other words (if any), then each name
// joined by "&", in quotes. Beside a name, the common words and marks with
// no letter ("for P&O", "P&O —") are left out: searched alone, they found
// nothing to share with the name, or fetched a large chunk for nothing.
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function searchesFor(query) {
  if (query.includes('"')) return [query];
  const words = query.split(/\s+/);
  const names = words.filter((word) => JOINED_BY_AMPERSAND.test(word));
  if (names.length === 0) return [withoutCommonWords(query)];
  const others = words.filter((word) => !JOINED_BY_AMPERSAND.test(word) && HAS_LETTER_OR_DIGIT.test(word)
    && !(english && COMMON_WORDS.has(word.toLowerCase())));
  return [...(others.length > 0 ? [others.join(" ")] : []), ...names.map((name) => `"${name}"`)];
}

// Pagefind's answer to every search of `searches`: the first's results that
// every other search found too (null if a newer search replaced one).
async function searchAll(pagefind, searches, options) {
  const [first, ...others] = await Promise.all(searches.map((terms) => pagefind.search(terms, options)));
  if (first === null || others.includes(null)) return null;
  if (others.length === 0) return first;
  const foundByAll = others.map((found) => new Set(found.results.map((result) => result.id)));
  return { ...first, results: first.results.filter((result) => foundByAll.every((ids) => ids.has(result.id))) };
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// While the reader types, the index's chunks for the words so far are
// fetched during the wait for the next key, so the search is quick when it
// comes; but not for a word's first letter or two ("homes f"), whose chunks
// are many and large and almost never the word meant.
const PRELOAD_FROM_LETTERS = 3;

// How long a search waits for the next key: 300 ms, longer than the gap
// between a phone's key presses, so a word typed is not searched letter by
// letter (each search fetched its own index chunk and 20 results: up to
// twice the bytes of the word pasted). A filter changed does not wait.
const TYPING_WAIT_MS = 300;

let latest = 0;
let wanted = null; // the query and filters of the latest search
async function search({ wait = 0 } = {}) {
  const query = input.value.trim();
  const types = chosenTypes();
  const order = chosenOrder();
  // A repeat (Enter, or the input's "change" as focus leaves it for "Show
  // more results") changes nothing: the button keeps its place and focus.
  const key = JSON.stringify([query, types, order]);
  if (key === wanted) return;
  wanted = key;
  const ticket = ++latest;
  run = null;
  more.hidden = true;
  offerOtherWays(null);
  // Every page searched has a type, so with every box ticked no filter is
  // needed, and none is loaded: a round trip less on a slow link.
  const all = types.length === form.querySelectorAll("input[name=type]").length;
  if (!query) {
    list.replaceChildren();
    say("");
    keepInAddress(query, types, all, order);
    return;
  }
  // Pagefind reads an empty list of types as no filter, and found every
  // page: with no box ticked, nothing is shown, and the status says why.
  if (types.length === 0) {
    list.replaceChildren();
    choices.open = true; // the boxes to tick
    say(NONE_TICKED);
    keepInAddress(query, types, all, order);
    return;
  }
  // Counted from the end of the wait for the next key: the wait is longer
  // than INTERIM_MS, and a fast search typed was announced twice.
  say("Searching…", { passing: true, after: wait });
  const options = all ? {} : { filters: { type: { any: types } } };
  if (order === "newest") options.sort = { date: "desc" };
  const searches = searchesFor(query);
  let found;
  try {
    let pagefind = await ready;
    // Typed while Pagefind loaded (a slow link): only the latest search goes on.
    if (ticket !== latest) return;
    if (afresh) {
      afresh = false;
      pagefind = await startAfresh();
    }
    // Pagefind's own debouncedSearch fetches the chunks of every key's
    // letters so far ("h", "ho" …): the wait is ours, and so is the choice.
    if (wait > 0) {
      if (query.split(/\s+/).pop().length >= PRELOAD_FROM_LETTERS) {
        for (const terms of searches) pagefind.preload(terms, options).catch(() => {});
      }
      // Until `wait` has passed since the last key, even one that changed
      // nothing searched (the space after a word): "rentcap for" typed at
      // a phone's pace searched "rentcap" at the space.
      for (let since = performance.now() - lastKey; since < wait; since = performance.now() - lastKey) {
        await sleep(wait - since);
        if (ticket !== latest) return; // a key came: that search replaces this one
      }
    }
    found = await searchAll(pagefind, searches, options);
  } catch {
    couldNotSearch(ticket);
    return;
  }
  if (found === null || ticket !== latest) return; // a newer search replaced this one
  keepInAddress(query, types, all, order);
  await present(found, query, order);
  if (found.results.length === 0) searchAgainAfresh(ticket, searches, options, query, order);
}

function couldNotSearch(ticket) {
  if (ticket !== latest) return;
  wanted = null; // so that searching again tries again
  afresh = true;
  list.replaceChildren();
  say("Search could not be loaded: check your connection and try again.");
  offerOtherWays("links"); // the other ways to find things, which need no search
}

async function present(found, query, order) {
  const count = found.results.length;
  list.replaceChildren();
  if (count === 0) {
    say(`No results for “${query}”`);
    offerOtherWays("links");
    return;
  }
  offerOtherWays(null);
  run = { query, results: found.results, shown: 0, order };
  say(`Found ${plural(count)}; loading…`, { passing: true });
  await showMore(run);
}

// "No results" may be a chunk of the index that could not be fetched, which
// Pagefind keeps as empty. Behind the answer, not before it (a fresh start
// asks the server about four of its files again: two round trips a typo on a
// slow link), Pagefind starts afresh and the search runs once more; what it
// finds then replaces the answer, and offline, so does the connection's.
async function searchAgainAfresh(ticket, searches, options, query, order) {
  if (!navigator.onLine) { // offline: the index could not be fetched, and a fresh start could not either
    couldNotSearch(ticket);
    return;
  }
  try {
    const again = await searchAll(await startAfresh(), searches, options);
    if (ticket === latest && again !== null && again.results.length > 0) await present(again, query, order);
  } catch {
    couldNotSearch(ticket);
  }
}

more.addEventListener("click", () => {
  if (run && more.getAttribute("aria-disabled") !== "true") {
    say("Loading more results…", { passing: true });
    showMore(run, { focus: true });
  }
});
form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
let lastKey = 0; // when the reader last typed (performance.now())
input.addEventListener("input", () => { lastKey = performance.now(); search({ wait: TYPING_WAIT_MS }); });
form.addEventListener("change", () => search());
// The address may ask for some types only (/search/?type=Press+release, the
// press pages' "Search every year's press releases"): only their boxes are ticked.
const asked = new URLSearchParams(location.search);
const boxes = [...form.querySelectorAll("input[name=type]")];
if (boxes.some((box) => asked.getAll("type").includes(box.value))) { // none known: all stay ticked
  for (const box of boxes) box.checked = asked.getAll("type").includes(box.value);
}
const newestFirst = form.querySelector("input[name=order][value=newest]");
if (newestFirst && asked.get("order") === "newest") newestFirst.checked = true;
// The choices of types and order: open on a wide screen, and whenever the
// search uses them (an address that asks for some, or none left ticked);
// closed on a phone, where they took the screen between box and results.
const choices = document.getElementById("search-options");
const wide = matchMedia("(min-width: 40em)");
choices.open = wide.matches || asked.has("type") || asked.has("order");
// A phone turned sideways. (addListener: Safari before 14 has no addEventListener here.)
wide.addListener(() => { if (wide.matches) choices.open = true; });
input.value = asked.get("q") || "";
if (input.value) search();
