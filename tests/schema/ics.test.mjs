// Parses the calendar files Hatrack exports (tests/fixtures/ics/, written and kept equal to a fresh
// export by `cargo test --test domain_ics`) with ical.js, a real iCalendar parser: every event
// parses, UIDs are unique within a file and stable from one export to the next, and the times
// and texts read back are the ones Hatrack meant (events.json, written from the same events).
// Run: node --test tests/schema/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "ics");
const expected = JSON.parse(readFileSync(join(dir, "events.json"), "utf8"));
const files = Object.keys(expected);

function read(name) {
  return readFileSync(join(dir, name), "utf8");
}

function parse(name) {
  const calendar = new ICAL.Component(ICAL.parse(read(name)));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

// What ical.js reads back, in the form events.json states it.
function readBack(event) {
  const start = event.startDate;
  const end = event.endDate;
  if (start.isDate) {
    assert.ok(end.isDate, `${event.uid}: an all-day start needs an all-day end`);
    return { all_day: true, start: start.toString(), end: end.toString() };
  }
  for (const t of [start, end]) {
    assert.equal(t.zone.tzid, "UTC", `${event.uid}: times are in UTC`);
  }
  const iso = (t) => t.toJSDate().toISOString().replace(".000Z", "Z");
  return { all_day: false, start: iso(start), end: iso(end) };
}

test("the fixtures are there", () => {
  assert.deepEqual([...files].sort(), ["priya.ics", "team-later.ics", "team.ics"]);
});

for (const name of files) {
  test(`${name}: a calendar whose every event parses`, () => {
    const { calendar, events } = parse(name);
    assert.equal(calendar.name, "vcalendar");
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
    assert.ok(calendar.getFirstPropertyValue("prodid"));
    assert.equal(events.length, expected[name].length);
    for (const e of events) {
      assert.ok(e.uid, "every event has a UID");
      assert.ok(e.component.getFirstPropertyValue("dtstamp"), `${e.uid}: DTSTAMP`);
      assert.ok(e.startDate.compare(e.endDate) < 0, `${e.uid}: ends after it starts`);
    }
  });

  test(`${name}: UIDs are unique`, () => {
    const uids = parse(name).events.map((e) => e.uid);
    assert.equal(new Set(uids).size, uids.length);
  });

  test(`${name}: times, all-day or timed, and texts round-trip`, () => {
    const byUid = new Map(parse(name).events.map((e) => [e.uid, e]));
    for (const want of expected[name]) {
      const e = byUid.get(want.uid);
      assert.ok(e, `${want.uid} is in ${name}`);
      assert.deepEqual(readBack(e), { all_day: want.all_day, start: want.start, end: want.end }, want.uid);
      assert.equal(e.summary, want.summary);
      assert.equal(e.description ?? "", want.description);
    }
  });

  test(`${name}: CRLF line endings, lines folded at 75 octets`, () => {
    const text = read(name);
    assert.ok(text.endsWith("\r\n"));
    for (const line of text.split("\r\n").slice(0, -1)) {
      assert.ok(!line.includes("\n") && !line.includes("\r"), `bare line break in ${JSON.stringify(line)}`);
      assert.ok(Buffer.byteLength(line, "utf8") <= 75, `${JSON.stringify(line)} is over 75 octets`);
    }
  });
}

test("UIDs are stable across two exports: the later one updates events, it does not add copies", () => {
  const first = parse("team.ics").events;
  const later = new Map(parse("team-later.ics").events.map((e) => [e.uid, e]));
  for (const e of first) {
    assert.ok(later.has(e.uid), `${e.uid} is still in the later export`);
  }
  // The week handed from Zoë to Priya is the same event, changed.
  const handed = first.find((e) => e.uid === "a-oc-2@hatrack");
  assert.match(handed.summary, /Zoë/);
  assert.match(later.get("a-oc-2@hatrack").summary, /Priya/);
  // Only the new turn is new.
  const added = [...later.keys()].filter((uid) => !first.some((e) => e.uid === uid));
  assert.deepEqual(added, ["a-oc-5@hatrack"]);
});

test("one person's calendar uses the team calendar's UIDs for the same turns", () => {
  const team = new Map(parse("team.ics").events.map((e) => [e.uid, e]));
  for (const e of parse("priya.ics").events) {
    assert.ok(team.has(e.uid), e.uid);
    assert.equal(e.startDate.toString(), team.get(e.uid).startDate.toString());
  }
});
