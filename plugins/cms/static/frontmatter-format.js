// The editor's file format: Markdown with a YAML front matter block, saved so
// that git sees only what the volunteer changed. Sveltia CMS (and Decap)
// re-serialise the whole front matter on every save, dropping comments and
// changing order and quoting; this format keeps the file's own text and
// rewrites only the lines of the top-level keys whose values changed.
//
// No browser APIs: tests run it in Node too. It keeps one thing between
// calls: the values of each collection's unique fields (see `used`).
import { Document, isCollection, isScalar, isSeq, parseDocument, visit } from './yaml/index.js';

// The key under which an entry carries its file's text from fromFile to
// toFile. Sveltia keeps keys that no field defines; toFile never writes it.
export const SOURCE_KEY = '__source';
const DELIMITER = '---';
// Dates PyYAML (the build's reader) turns into dates: written without quotes.
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;
// Dates without a zone are UK time (the build's TIMEZONE).
const SITE_TIME_ZONE = 'Europe/London';

/** Whether a line is a fence, as the build reads one: "---" with any
 * spaces around it (sitecore/schema/document.py), so that a file written
 * by hand with "--- " opens with its fields, not as all text. */
const isFence = (line) => line.trim() === DELIMITER;

/** Split a file into front matter and body; null when it has none. */
function split(text) {
  const lines = text.split('\n');
  if (!isFence(lines[0])) return null;
  const close = lines.findIndex((line, index) => index > 0 && isFence(line));
  if (close < 0) return null;
  return { head: lines.slice(1, close).join('\n'), rest: lines.slice(close + 1).join('\n') };
}

/** Sveltia shows the body without the blank line after the front matter. */
function bodyOf(rest) {
  return rest.startsWith('\n') ? rest.slice(1) : rest;
}

/** An integer field is edited as text of `width` digits ("03"), so that a
 * file name template such as {{fields.number}}-{{slug}} gives 03-….md. */
function padded(value, width) {
  return Number.isInteger(value) ? String(value).padStart(width, '0') : value;
}

/**
 * The values of each unique field that the collection's entries use, by
 * collection (spec): field -> (value -> title of the entry that has it), in
 * two registers. `inFiles`: the files read (the editor reads every file of
 * a collection through fromFile when it starts, so this is the whole
 * collection). `savedHere`: the entries saved in this session, so that a
 * new entry's save tried again (after a save that failed) is not refused
 * for its own number. (A file deleted in the editor stays listed until the
 * page is reloaded.)
 */
const inFiles = new WeakMap();
const savedHere = new WeakMap();
// The spellings of each same_spelling field's items (tags) in the files
// read, by collection: field -> (address part -> (spelling -> posts)).
const spellingsInFiles = new WeakMap();

function usedValues(register, spec, name) {
  if (!register.has(spec)) register.set(spec, new Map());
  const byField = register.get(spec);
  if (!byField.has(name)) byField.set(name, new Map());
  return byField.get(name);
}

/** Note the values of the unique fields of an entry read or saved. */
function remember(register, values, spec) {
  for (const name of spec.unique ?? []) {
    if (!empty(values[name])) usedValues(register, spec, name).set(key(values[name]), values.title ?? '');
  }
}

/**
 * A tag's part of its address as Pelican makes it (pelican.utils.slugify):
 * lower case, spaces and hyphens one hyphen. Only for text of ASCII
 * letters, digits, spaces, - and _, where this is exactly Pelican's; null
 * for any other (Pelican transliterates: the build decides those).
 */
function plainSlug(text) {
  const value = String(text ?? '').trim();
  return /^[A-Za-z0-9 _-]+$/.test(value) ? value.replace(/[-\s]+/g, '-').toLowerCase() : null;
}

/** Count the spellings of a file's tags (each post once per spelling). */
function rememberSpellings(values, spec) {
  for (const name of spec.same_spelling ?? []) {
    for (const item of new Set(Array.isArray(values[name]) ? values[name].map((tag) => String(tag).trim()) : [])) {
      const slug = plainSlug(item);
      if (slug === null) continue;
      const bySlug = usedValues(spellingsInFiles, spec, name);
      if (!bySlug.has(slug)) bySlug.set(slug, new Map());
      bySlug.get(slug).set(item, (bySlug.get(slug).get(item) ?? 0) + 1);
    }
  }
}

/**
 * Each tag spelt as the other posts spell it, and given once (the build's
 * tag_spellings): refused only where another spelling has more posts than
 * this one, the entry's own file apart (a tie is the build's to decide).
 */
function checkSpellings(values, spec, original) {
  for (const name of spec.same_spelling ?? []) {
    const own = new Set(Array.isArray(original?.[name]) ? original[name].map((tag) => String(tag).trim()) : []);
    const given = new Map();
    (Array.isArray(values[name]) ? values[name] : []).forEach((tag, index) => {
      const [item, slug] = [String(tag).trim(), plainSlug(tag)];
      if (slug === null) return;
      if (given.has(slug)) {
        throw new Error(`"${label(name)}" item ${index + 1}, "${item}", is the same tag as item ` +
          `${given.get(slug).index + 1}, "${given.get(slug).item}": give each tag once.`);
      }
      given.set(slug, { index, item });
      const counts = [...(usedValues(spellingsInFiles, spec, name).get(slug) ?? new Map())]
        .map(([spelling, posts]) => [spelling, posts - (own.has(spelling) ? 1 : 0)]);
      const mine = counts.find(([spelling]) => spelling === item)?.[1] ?? 0;
      const [usual, posts] = counts.reduce((best, next) => (next[1] > best[1] ? next : best), [item, mine]);
      if (usual !== item && posts > mine) {
        throw new Error(`"${label(name)}" item ${index + 1}: "${item}" is spelt "${usual}" in ${posts} other ` +
          `post${posts === 1 ? '' : 's'}: write it "${usual}" (one tag has one name on the site).`);
      }
    });
  }
}

/** A unique field's value as compared ("03" and 3 are the same number). */
function key(value) {
  const text = String(value).trim();
  return /^\d+$/.test(text) ? String(Number(text)) : text;
}

/**
 * Parse a file into the values the editor shows.
 * spec: {integers: {name: width}} for this collection (see validate for the rest).
 */
export function fromFile(text, spec = {}) {
  const values = parse(text, spec);
  remember(inFiles, values, spec);
  rememberSpellings(values, spec);
  return values;
}

// A whole number as a person writes it, which reads back the same: the
// build's reader keeps only these as numbers (sitecore/schema/
// front_matter_loader.py); 2.10, 010, 1e3 and 24:7 are the text written.
const WHOLE_NUMBER_AS_WRITTEN = /^(?:0|-?[1-9][0-9]*)$/;

function parse(text, spec) {
  const parts = split(text);
  if (!parts) return { body: text, [SOURCE_KEY]: text };
  const document = parseDocument(parts.head);
  if (document.errors.length) throw document.errors[0];
  asWritten(document);
  const values = document.toJS() ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) {
    throw new Error('The front matter is not a list of "name: value" lines.');
  }
  for (const [name, width] of Object.entries(spec.integers ?? {})) {
    if (name in values) values[name] = padded(values[name], width);
  }
  return { ...values, body: bodyOf(parts.rest), [SOURCE_KEY]: text };
}

/** The document's numbers as the build reads them: text, as written,
 * unless a whole number written as a person writes one (the editor showed
 * `edition: 2.10` as 2.1, and a save wrote that back, where the build
 * publishes "2.10"). */
function asWritten(document) {
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string'
          && !WHOLE_NUMBER_AS_WRITTEN.test(node.source)) {
        node.value = node.source;
      }
    },
  });
}

/** Values compared as the build reads them ("03" and 3 are the same number). */
function same(a, b) {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(value) {
  if (value === '' || value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.map(normalise) : null;
  if (value && typeof value === 'object') {
    // An entry of a list (an Easy Read line): its empty fields are left
    // out, and the order of its fields does not matter.
    const entries = Object.entries(value).map(([k, v]) => [k, normalise(v)]).filter(([, v]) => v !== null);
    return entries.length ? Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
  }
  return value;
}

function empty(value) {
  return normalise(value) === null;
}

/** The value as it is written to the file: integers as numbers, text
 * without spaces at either end, and no empty items or fields inside lists
 * (the build refuses `picture: ""` in an Easy Read line as it does at the
 * top level, where empty fields are left out). */
function stored(name, value, spec) {
  if (name in (spec.integers ?? {}) && typeof value === 'string' && /^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.filter((item) => !empty(item)).map((item) => stored('', item, {}));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => !empty(v))
      .map(([k, v]) => [k, stored(k, v, {})]));
  }
  return value;
}

/**
 * Whether `text`, written without quotes, would fail the build though this
 * library's YAML reads it back: PyYAML refuses a tab in it, reads "=" as its
 * value tag and "<<" as its merge key and, inside a list written [a, b],
 * ends the item at a "?" or ":" (`[why vote?]`, a link with a query); and
 * the build refuses a text ending in a " that nothing opens (`“I joined"`,
 * `a 55"`), taking it for a slip. Quoted, each is the same text to both.
 */
function notPlainForTheBuild(text, inFlow) {
  return text.includes('\t') || text === '=' || text === '<<' || (inFlow && /[?:]/.test(text))
    || (text.endsWith('"') && text.split('"').length % 2 === 0);
}

/** Whether a text written on lines of its own (a block, `>-` or `|`) would
 * have a line the build takes for the front matter's end ("  ---"). */
const endsTheBlock = (text) => text.split('\n').some(isFence);

const withoutMergeKey = (tags) => tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:merge');

/** "name: value" line(s) for one key, in the style of the node it replaces. */
function keyText(name, value, original) {
  // YAML 1.1 (PyYAML) would quote a date to keep it text; the build wants it
  // read as a date.
  if (typeof value === 'string' && DATE_TEXT.test(value)) return `${name}: ${value}`;
  // Without YAML 1.1's merge key, "<<" is text like any other, which
  // notPlainForTheBuild can quote (its tag would write it bare).
  const document = new Document({ [name]: value }, { version: '1.1', customTags: withoutMergeKey });
  const node = document.contents.items[0].value;
  const style = (target, model) => {
    if (isScalar(target) && typeof target.value === 'string' && isScalar(model) && typeof model.value === 'string') {
      target.type = model.type;
    }
  };
  if (isSeq(node)) {
    node.flow = isSeq(original) ? original.flow : false;
    node.items.forEach((item, index) => style(item, isSeq(original) ? original.items[index] : undefined));
  } else {
    style(node, original);
  }
  // Every text, however deep (a press contact's role too), in a form the
  // build reads as written: this library would write some plain, or on
  // lines of their own, that the build would not.
  visit(document, {
    Scalar(_, scalar, path) {
      const inFlow = path.some((parent) => isCollection(parent) && parent.flow);
      if (typeof scalar.value !== 'string') return;
      const plain = scalar.type === undefined || scalar.type === 'PLAIN';
      const block = scalar.type === 'BLOCK_FOLDED' || scalar.type === 'BLOCK_LITERAL';
      if (scalar.value.includes('\n')) {
        // A text of several lines: as a block (|), which keeps each line as
        // it is ("- Vote" as words, not a list's item); in quotes, on one
        // line, where a block cannot be (a list written [a, b]) or where one
        // of its lines would end the front matter ("---").
        if (inFlow || endsTheBlock(scalar.value)) scalar.type = 'QUOTE_DOUBLE';
        else if (!block) scalar.type = 'BLOCK_LITERAL';
      } else if ((plain && notPlainForTheBuild(scalar.value, inFlow)) || (block && endsTheBlock(scalar.value))) {
        scalar.type = 'QUOTE_DOUBLE';
      }
    },
  });
  // A text in double quotes stays on one line ("…\n---\n…"): folded onto
  // lines of its own, a "---" line would end the front matter.
  return document.toString({ lineWidth: 0, indentSeq: true, version: '1.1', doubleQuotedMinMultiLineLength: Infinity })
    .replace(/\n$/, '');
}

/** Where each top-level key's text starts and ends in the head, by line. */
function keyLines(head, document) {
  const starts = [];
  let offset = 0;
  for (const line of head.split('\n')) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const lineAt = (position) => {
    let low = 0;
    while (low + 1 < starts.length && starts[low + 1] <= position) low += 1;
    return low;
  };
  const spans = new Map();
  for (const pair of document.contents.items) {
    const last = pair.value?.range ?? pair.key.range;
    // range[1] ends the value itself, before a trailing comment or newline.
    let end = last[1];
    while (end > 0 && /\s/.test(head[end - 1])) end -= 1;
    spans.set(String(pair.key.value), { first: lineAt(pair.key.range[0]), last: lineAt(Math.max(end - 1, 0)), node: pair.value });
  }
  return spans;
}

/** "YYYY-MM-DD HH:mm", now, in the site's time zone (UK time). */
export function ukNow(now = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: SITE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(now).map(({ type, value }) => [type, value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A date field's text as "YYYY-MM-DD" or "YYYY-MM-DD HH:mm"; null if not a date. */
function dateText(value) {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(String(value ?? '').trim());
  if (!match) return null;
  return match[2] ? `${match[1]} ${match[2]}` : match[1];
}

/**
 * The rules the build checks beyond one field's value, checked as the entry
 * is saved. spec (formats.json, from plugins/cms/formats.py):
 *   together: [[given, needed]]: if the first is given, the second must be too,
 *     and the second (a picture's words) not without the first (the picture);
 *   items_together: {list: [[given, needed]]}: the same in each entry of a list;
 *   items_once: {list: field}: no two entries of the list have the same value
 *     there, in any capitals, spacing and quote marks (a press contact's name);
 *   not_future: {field, unless}: the date is not after now (UK time) unless
 *     the other field (if the rule names one) is given (contentcheck's
 *     check_not_in_the_future, check_modified_not_in_the_future);
 *   post_dates: {date, embargo, modified, corrections}: an embargoed post is
 *     dated the embargo's day, and "modified" and each correction's date are
 *     on or after the date and not in the future (contentcheck's
 *     check_issued_when_embargo_lifts, check_modified_*);
 *   one_of: [[names]]: at least one of them is given (Schema.needs_one_of);
 *   in_order: [[earlier, later]]: the later comes after the earlier (Schema.in_order);
 *   in_file_name: [names]: fields the file name is made from, which the
 *     editor cannot change once the file exists (it keeps the file's name);
 *   unique: [names]: no other entry of the collection has the same value;
 *   not_in_new: [names]: fields of a published file only (old addresses,
 *     corrections), which a new entry (a duplicate too) may not have;
 *   same_spelling: [names]: each item (a tag) spelt as the other entries
 *     spell it (checkSpellings).
 * original: the values the file had (undefined for a new entry, a duplicate's too).
 * createdHere: the entry is one saved as new in this session, saved again.
 */
function validate(values, spec, original, now, createdHere = false) {
  for (const [given, needed] of spec.together ?? []) {
    if (!empty(values[given]) && empty(values[needed])) {
      throw new Error(`"${label(needed)}" is needed with "${label(given)}": fill it in, or clear "${label(given)}".`);
    }
    // Each pair is a picture and its words: the words alone describe nothing (the build refuses them).
    if (empty(values[given]) && !empty(values[needed])) {
      throw new Error(`"${label(needed)}" describes "${label(given)}", which is empty: choose it, or clear ` +
        `"${label(needed)}".`);
    }
  }
  for (const [list, pairs] of Object.entries(spec.items_together ?? {})) {
    (Array.isArray(values[list]) ? values[list] : []).forEach((item, index) => {
      for (const [given, needed] of pairs) {
        if (item && !empty(item[given]) && empty(item[needed])) {
          throw new Error(`"${label(needed)}" is needed with "${label(given)}" in ${label(list)} item ` +
            `${index + 1}: fill it in, or clear "${label(given)}".`);
        }
        if (item && empty(item[given]) && !empty(item[needed])) {
          throw new Error(`"${label(needed)}" describes "${label(given)}" in ${label(list)} item ` +
            `${index + 1}, which is empty: choose it, or clear "${label(needed)}".`);
        }
      }
    });
  }
  for (const [list, field] of Object.entries(spec.items_once ?? {})) {
    const firsts = new Map();
    (Array.isArray(values[list]) ? values[list] : []).forEach((item, index) => {
      const written = typeof item?.[field] === 'string' ? item[field] : '';
      // As the build compares them (list_fields.same_entry_key): small
      // letters, curly quotes as straight ones, one space between words.
      const key = written.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"')
        .split(/\s+/).filter(Boolean).join(' ');
      if (!key) return;
      if (firsts.has(key)) {
        throw new Error(`"${label(field)}" in ${label(list)} item ${index + 1} is "${written.trim()}", as in item ` +
          `${firsts.get(key) + 1}: give each once (remove item ${index + 1}).`);
      }
      firsts.set(key, index);
    });
  }
  // A new entry's file is named from its title once, as it is first saved
  // (Sveltia's slug keeps "_" and "~"; a file name in an address may not).
  const namedFrom = spec.named_from;
  if (namedFrom && original === undefined && !createdHere) {
    const kept = [...new Set(String(values[namedFrom] ?? '').match(/[_~]/g) ?? [])];
    if (kept.length) {
      const marks = kept.map((mark) => `"${mark}"`).join(' and ');
      throw new Error(`"${label(namedFrom)}" holds ${marks}: the new file is named from the ` +
        `${namedFrom} as it is first saved, and a file's name (part of the page's address) may hold only ` +
        `letters, digits and hyphens. Write it without ${marks} for this first save (a space instead); the ` +
        `${namedFrom} can have ${kept.length > 1 ? 'them' : 'it'} again once the entry is saved.`);
    }
    // As Sveltia's slug makes it of a title that is one word, digits or a
    // device's name ("Con", "COM1!"): accents dropped, other marks spaces.
    const name = String(values[namedFrom] ?? '').normalize('NFD').replace(/[^A-Za-z0-9]+/g, ' ').trim()
      .replace(/ +/g, '-').toLowerCase();
    if ((spec.device_names ?? []).includes(name)) {
      throw new Error(`"${label(namedFrom)}" would name the new file ${name}.md, a name Windows keeps for a ` +
        `device: the file could not be opened on a Windows computer, so the build refuses it. Add a word for ` +
        `this first save ("${values[namedFrom]} news"); the ${namedFrom} can be "${values[namedFrom]}" again ` +
        `once the entry is saved.`);
    }
  }
  const future = spec.not_future;
  if (future && (!future.unless || empty(values[future.unless]))) {
    const date = dateText(values[future.field]);
    const today = ukNow(now);
    // Text comparison: "2026-11-26" is after "2026-11-25 21:09"; "2026-11-25" is not.
    if (date && date > today) {
      const fix = future.unless
        ? `Add an "${label(future.unless)}" (the date and time it may be published), or use today's date, ` +
          `${today.slice(0, 10)}.`
        : `Give a moment that has passed: ${today} at the latest.`;
      throw new Error(`"${label(future.field)}" ${date} is in the future (UK time). ${fix}`);
    }
  }
  const dates = spec.post_dates;
  if (dates) {
    const [date, embargo, modified] = [dates.date, dates.embargo, dates.modified].map((name) => dateText(values[name]));
    if (date && embargo && date !== embargo.slice(0, 10) && date !== embargo) {
      // An embargo passed holds nothing back: dating the release at it would
      // publish it at once, back-dated (as the build says: contentcheck's
      // check_issued_when_embargo_lifts).
      const fix = embargo > ukNow(now)
        ? `a release is issued when its embargo lifts. Use ${embargo.slice(0, 10)}.`
        : `and that embargo has passed already. Give "${label(dates.embargo)}" the moment ahead when the ` +
          `release may go out, and "${label(dates.date)}" its day.`;
      throw new Error(`"${label(dates.date)}" ${date} is not the day the embargo lifts (${embargo}): ${fix}`);
    }
    if (date && modified && modified.slice(0, 10) < date.slice(0, 10)) {
      throw new Error(`"${label(dates.modified)}" ${modified} is before the post's date (${date}): give the day ` +
        `you last changed the post, or clear it.`);
    }
    if (modified && modified.slice(0, 10) > ukNow(now).slice(0, 10)) {
      throw new Error(`"${label(dates.modified)}" ${modified} is in the future (UK time): give the day you last ` +
        `changed the post, today at the latest.`);
    }
    (Array.isArray(values[dates.corrections]) ? values[dates.corrections] : []).forEach((correction, index) => {
      const corrected = dateText(correction?.date);
      const which = `"${label(dates.corrections)}" item ${index + 1}`;
      if (corrected && date && corrected.slice(0, 10) < date.slice(0, 10)) {
        throw new Error(`${which}: its date ${corrected} is before the post's date (${date}): give the day the ` +
          `post was corrected.`);
      }
      if (corrected && corrected.slice(0, 10) > ukNow(now).slice(0, 10)) {
        throw new Error(`${which}: its date ${corrected} is in the future (UK time): give the day the post was ` +
          `corrected, today at the latest.`);
      }
    });
  }
  for (const group of spec.one_of ?? []) {
    if (group.every((name) => empty(values[name]))) {
      throw new Error(`Give ${group.map((name) => `"${label(name)}"`).join(' or ')}: one of them at least.`);
    }
  }
  for (const [earlier, later] of spec.in_order ?? []) {
    const [first, second] = [dateText(values[earlier]), dateText(values[later])];
    if (first && second && second <= first) {
      throw new Error(`"${label(later)}" ${second} is not after "${label(earlier)}" (${first}).`);
    }
  }
  for (const name of original ? spec.in_file_name ?? [] : []) {
    if (!empty(original[name]) && !same(stored(name, values[name], spec), stored(name, original[name], spec))) {
      const [was, wanted] = [original[name], String(values[name] ?? '').trim()];
      throw new Error(`"${label(name)}" cannot be changed here: the editor keeps the file's name, which ` +
        `starts with ${was}, and the build refuses a file whose name and "${name}" disagree. Put it back to ` +
        `${was}. To change it to ${wanted || 'another'}: rename the file in git so its name starts with ` +
        `${wanted || 'the new one'} (git mv ${was}-….md ${wanted || '…'}-….md) and change its "${name}:" line; ` +
        `or create it anew here with ${wanted || 'the new one'} and delete this one.`);
    }
  }
  for (const name of original ? [] : spec.not_in_new ?? []) {
    if (!empty(values[name])) {
      throw new Error(`"${label(name)}" belongs to a file already published: a new entry has none (Duplicate ` +
        `copies it from the entry it copies, whose own it is). Clear it.`);
    }
  }
  checkSpellings(values, spec, original);
  for (const name of spec.unique ?? []) {
    if (empty(values[name])) continue;
    const value = key(values[name]);
    // The file's own value, unchanged.
    if (original && !empty(original[name]) && key(original[name]) === value) continue;
    // A file read when the editor started has it: another entry's, whatever
    // its title (a duplicate has the same). Or an entry saved in this
    // session: this entry's own earlier save only if it is that entry saved
    // again, or a new entry of the same title (a save that failed, tried again).
    let title = usedValues(inFiles, spec, name).get(value);
    if (title === undefined && !createdHere) {
      const saved = usedValues(savedHere, spec, name).get(value);
      if (saved !== undefined && saved !== (values.title ?? '')) title = saved;
    }
    if (title !== undefined) {
      throw new Error(`"${label(name)}" ${values[name]} is already used${title ? ` by "${title}"` : ''}: ` +
        `give this one its own ${name.replaceAll('_', ' ')}.`);
    }
  }
}

function label(name) {
  const text = name.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The values with spec.revised_by's field ({field, when}) set to now (UK
 * time, as the editor's date fields write it), when a saved file's `when`
 * fields change and the volunteer left `field` as it was: an event's
 * `modified` when its start, end or status changes, from which the calendar
 * files number its revisions (plugins/events/calendar.py), so that the
 * calendar apps that have it take the new version. A field counts as changed
 * when its line would be rewritten. A new entry has no earlier plans.
 */
function withRevision(fields, spec, original, now) {
  const revision = spec.revised_by;
  if (!revision || original === undefined || !same(fields[revision.field], original[revision.field])) return fields;
  const changed = revision.when.some((name) => !same(fields[name], original[name]));
  return changed ? { ...fields, [revision.field]: ukNow(now) } : fields;
}

/**
 * The file text for the editor's values: the original text with only the
 * changed keys' lines rewritten (new keys after the key before them, cleared
 * keys removed). Throws, refusing the save, on values the build rejects.
 * isNew: the entry is saved as a new file, though it may carry another
 * file's text (the editor's Duplicate copies it): its values are checked
 * as a new entry's.
 */
export function toFile(values, spec = {}, { now = new Date(), isNew = false } = {}) {
  const { [SOURCE_KEY]: source, body = '', ...given } = values;
  const parts = source === undefined ? null : split(source);
  const original = source === undefined ? undefined : parse(source, spec);
  const fields = withRevision(given, spec, isNew ? undefined : original, now);
  // An entry without a file's text that is not new: one created in this
  // session (the editor keeps its values, not its file's text).
  validate(fields, spec, isNew ? undefined : original, now, !isNew && source === undefined);
  remember(savedHere, fields, spec);
  if (!parts) return fresh(fields, body, spec);
  const document = parseDocument(parts.head);
  const spans = keyLines(parts.head, document);
  const lines = parts.head.split('\n');
  const replaced = new Map(); // first line -> {last, text}
  const after = new Map(); // line -> texts inserted after it
  let previous = -1;
  for (const [name, value] of Object.entries(fields)) {
    const span = spans.get(name);
    if (span) {
      if (!same(value, original[name])) {
        const text = empty(value) ? null : keyText(name, stored(name, value, spec), span.node);
        replaced.set(span.first, { last: span.last, text });
      }
      previous = span.last;
    } else if (!empty(value)) {
      const texts = after.get(previous) ?? [];
      texts.push(keyText(name, stored(name, value, spec)));
      after.set(previous, texts);
    }
  }
  const out = [...(after.get(-1) ?? [])];
  for (let index = 0; index < lines.length; index += 1) {
    const change = replaced.get(index);
    if (change) {
      if (change.text !== null) out.push(change.text);
      out.push(...(after.get(change.last) ?? []));
      index = change.last;
      continue;
    }
    out.push(lines[index], ...(after.get(index) ?? []));
  }
  const rest = body === original.body ? parts.rest : (parts.rest.startsWith('\n') ? '\n' : '') + body;
  const head = out.join('\n');
  return [DELIMITER, ...(head ? [head] : []), DELIMITER, rest].join('\n');
}

/** A new file: keys in the form's order, empty ones left out. */
function fresh(fields, body, spec) {
  const lines = Object.entries(fields)
    .filter(([, value]) => !empty(value))
    .map(([name, value]) => keyText(name, stored(name, value, spec)));
  return [DELIMITER, ...lines, DELIMITER, '', body].join('\n');
}
