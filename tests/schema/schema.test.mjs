// Validates files Hatrack writes against public/hatrack-workspace.schema.json with ajv, and
// checks that files breaking FORMAT.md v1 fail it. Run: node --test tests/schema/
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schema = JSON.parse(readFileSync(join(root, "public/hatrack-workspace.schema.json"), "utf8"));

// RFC 3339 as FORMAT.md uses it: a date, a time and an offset. ajv-formats is not a
// dependency, so the two formats the schema uses are defined here.
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
function validDate(s) {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
function validDateTime(s) {
  return DATE_TIME.test(s) && validDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s));
}

function compile() {
  // strict: an unknown keyword or a misspelt one in the schema is an error, not ignored.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addFormat("date", validDate);
  ajv.addFormat("date-time", validDateTime);
  return ajv.compile(schema);
}
const validate = compile();

function errors(doc) {
  return validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath} ${e.message}`);
}

function samples() {
  const dir = mkdtempSync(join(tmpdir(), "hatrack-schema-"));
  const run = spawnSync("cargo", ["test", "--quiet", "--test", "schema", "--", "--exact", "write_samples"], {
    cwd: root,
    env: { ...process.env, HATRACK_SCHEMA_SAMPLES: dir },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, `cargo could not write the samples:\n${run.stdout}\n${run.stderr}`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  assert.ok(files.length >= 5, `expected the sample files, got ${files}`);
  return Object.fromEntries(files.map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(join(dir, f), "utf8"))]));
}

const written = samples();

test("every file Hatrack writes validates", () => {
  for (const [name, doc] of Object.entries(written)) {
    assert.deepEqual(errors(doc), [], name);
  }
});

// The examples of FORMAT.md, put together into one file.
const formatExample = {
  format: "hatrack-workspace",
  version: 1,
  exported_at: "2026-11-28T10:00:00Z",
  settings: { default_capacity: 3 },
  people: [{ id: "p-sam", name: "Sam Rivera", timezone: "Europe/London", skills: ["incident-manager", "release-manager"], capacity: 3, active: true, updated_at: "2026-11-01T09:00:00Z" }],
  roles: [{ id: "incident-manager", name: "Incident manager", scope: "incident", weight: 3, description: "Runs the response; does not fix things themselves." }],
  conflicts: [{ roles: ["incident-manager", "third-line-lead"], reason: "The incident manager coordinates." }],
  assignments: [{ id: "a-17", person: "p-sam", role: "incident-manager", start: "2026-11-27T22:10:00Z", end: null, incident: "i-2026-031", release: null, updated_at: "2026-11-27T22:10:00Z" }],
  incidents: [{
    id: "i-2026-031", title: "Search returns 502 for all users", severity: "sev1", status: "investigating",
    started_at: "2026-11-27T21:58:00Z", detected_at: "2026-11-27T22:05:00Z", resolved_at: null,
    services: ["search", "web"], summary: "", release: "r-0.9.250",
    timeline: [{ id: "t-1", at: "2026-11-27T22:05:00Z", kind: "note", text: "Alerts for 5xx on search", author: "p-sam" }],
    updated_at: "2026-11-27T22:40:00Z",
  }],
  releases: [{ id: "r-0.9.250", name: "0.9.250", status: "deployed", planned_start: "2026-11-27T20:00:00Z", planned_end: "2026-11-27T21:00:00Z", deployed_at: "2026-11-27T20:40:00Z", notes: "", updated_at: "2026-11-27T20:41:00+05:30" }],
  reviews: [{
    id: "rv-1", incident: "i-2026-031", status: "draft", kind: "full",
    summary: "", impact: "", detection: "", response: "", recovery: "",
    contributing_factors: ["..."], went_well: ["..."], went_badly: ["..."], lucky: ["..."], lessons: "",
    actions: [{ id: "ac-1", text: "Split the release-manager role from the on-call rota", owner: "p-sam", due: "2026-12-15", priority: "high", done: false }],
    updated_at: "2026-11-28T09:00:00Z",
  }],
  x_from_a_later_version: { kept: true },
};

// FORMAT.md's published review with its status log and published record.
const publishedReview = {
  id: "rv-1", incident: "i-2026-031", status: "published", kind: "quick",
  status_log: [
    { at: "2026-11-28T09:00:00Z", by: "p-ana", from: "draft", to: "in-review" },
    { at: "2026-11-28T10:00:00Z", by: "p-sam", from: "in-review", to: "published" },
  ],
  published: {
    at: "2026-11-28T10:00:00Z", by: "p-sam",
    roles: [{ person: "p-sam", person_name: "Sam Rivera", role: "incident-manager", role_name: "Incident manager", from: "2026-11-27T22:10:00Z", to: "2026-11-28T01:08:00Z" }],
    statements: ["Sam Rivera held Incident manager and 3rd line lead for 2 h 58 min."],
    facts: { title: "Search returns 502 for all users", severity: "sev1", started_at: "2026-11-27T21:58:00Z", detected_at: "2026-11-27T22:05:00Z", resolved_at: "2026-11-28T01:08:00Z", services: ["search", "web"] },
  },
  updated_at: "2026-11-28T10:00:00Z",
};

test("the FORMAT.md examples validate, and so does a file with only format and version", () => {
  assert.deepEqual(errors(formatExample), []);
  assert.deepEqual(errors({ ...formatExample, reviews: [publishedReview] }), []);
  assert.deepEqual(errors({ format: "hatrack-workspace", version: 1 }), []);
});

// Each breakage, applied to a copy of the rich file, must be reported at its path.
const breakages = [
  ["wrong format name", (d) => { d.format = "excalidraw"; }, "/format"],
  ["a later version", (d) => { d.version = 2; }, "/version"],
  ["missing version", (d) => { delete d.version; }, ""],
  ["time without an offset", (d) => { d.assignments[0].start = "2026-11-27T22:10:00"; }, "/assignments/0/start"],
  ["not a date", (d) => { d.reviews[0].actions[0].due = "15/12/2026"; }, "/reviews/0/actions/0/due"],
  ["impossible date", (d) => { d.reviews[0].actions[0].due = "2026-02-30"; }, "/reviews/0/actions/0/due"],
  ["unknown severity", (d) => { d.incidents[0].severity = "sev0"; }, "/incidents/0/severity"],
  ["unknown scope", (d) => { d.roles[0].scope = "forever"; }, "/roles/0/scope"],
  ["unknown timeline kind", (d) => { d.incidents[0].timeline[0].kind = "gossip"; }, "/incidents/0/timeline/0/kind"],
  ["unknown entry status", (d) => { d.incidents[0].timeline[1].status = "done"; }, "/incidents/0/timeline/1/status"],
  // people[0] is a tombstone, which needs no name; people[1] is a live person.
  ["person without a name", (d) => { delete d.people[1].name; }, "/people/1"],
  ["a tombstone without a name that is not deleted", (d) => { delete d.people[0].name; d.people[0].deleted_at = null; }, "/people/0"],
  ["empty id", (d) => { d.people[0].id = ""; }, "/people/0/id"],
  ["negative weight", (d) => { d.roles[0].weight = -1; }, "/roles/0/weight"],
  ["three roles in a conflict", (d) => { d.conflicts[0].roles.push("scribe"); }, "/conflicts/0/roles"],
  ["done as a string", (d) => { d.reviews[0].actions[0].done = "yes"; }, "/reviews/0/actions/0/done"],
  ["deleted_at not a time", (d) => { d.releases[0].deleted_at = "yesterday"; }, "/releases/0/deleted_at"],
  ["people not a list", (d) => { d.people = {}; }, "/people"],
  ["action weight as text", (d) => { d.settings.action_item_weight = "0.5"; }, "/settings/action_item_weight"],
  // Hatrack's time extensions: the types are the schema's to check; whether an assignment id
  // is in the file is the importer's.
  ["starts as one id", (d) => { d.incidents[0].timeline[1].starts = "a-17"; }, "/incidents/0/timeline/1/starts"],
  ["an assignment id as a number", (d) => { d.incidents[0].timeline[1].starts = [17]; }, "/incidents/0/timeline/1/starts/0"],
  ["an empty assignment id", (d) => { d.incidents[0].timeline[3].ends = [""]; }, "/incidents/0/timeline/3/ends/0"],
  ["ends null", (d) => { d.releases[0].timeline[0].ends = null; }, "/releases/0/timeline/0/ends"],
  ["unknown release status", (d) => { d.releases[0].timeline[0].release_status = "shipped"; }, "/releases/0/timeline/0/release_status"],
  ["an incident status as a release status", (d) => { d.releases[0].timeline[0].release_status = "resolved"; }, "/releases/0/timeline/0/release_status"],
  ["backfill as text", (d) => { d.incidents[0].backfill = "yes"; }, "/incidents/0/backfill"],
  ["a release timeline that is not a list", (d) => { d.releases[0].timeline = {}; }, "/releases/0/timeline"],
  ["a release entry without a time", (d) => { delete d.releases[0].timeline[0].at; }, "/releases/0/timeline/0"],
  ["a release entry of unknown kind", (d) => { d.releases[0].timeline[1].kind = "deploy"; }, "/releases/0/timeline/1/kind"],
  ["a release entry at no time", (d) => { d.releases[0].timeline[1].at = "2026-11-27 20:50"; }, "/releases/0/timeline/1/at"],
  ["created_at not a time", (d) => { d.reviews[0].actions[0].created_at = "today"; }, "/reviews/0/actions/0/created_at"],
  ["unknown status in the status log", (d) => { d.reviews[0].status_log[0].to = "done"; }, "/reviews/0/status_log/0/to"],
  ["a status change without a time", (d) => { delete d.reviews[0].status_log[0].at; }, "/reviews/0/status_log/0"],
  ["published facts without a title", (d) => { delete d.reviews[0].published.facts.title; }, "/reviews/0/published/facts"],
  ["a published role without its name", (d) => { delete d.reviews[0].published.roles[0].person_name; }, "/reviews/0/published/roles/0"],
  // The written process and the go/no-go decision (extensions).
  ["a process that is null", (d) => { d.process = null; }, "/process"],
  ["a cadence of no minutes", (d) => { d.process.roles[0].checklist[3].every_minutes = 0; }, "/process/roles/0/checklist/3/every_minutes"],
  ["a deadline in part minutes", (d) => { d.process.roles[0].checklist[0].within_minutes = 7.5; }, "/process/roles/0/checklist/0/within_minutes"],
  ["a step counted from nowhere", (d) => { d.process.roles[0].checklist[0].from = "dawn"; }, "/process/roles/0/checklist/0/from"],
  ["a step without text", (d) => { delete d.process.roles[0].checklist[0].text; }, "/process/roles/0/checklist/0"],
  ["an unknown release stage", (d) => { d.process.release[0].stage = "pray"; }, "/process/release/0/stage"],
  ["a changelog line without a time", (d) => { delete d.process.changelog[0].at; }, "/process/changelog/0"],
  ["a go/no-go of maybe", (d) => { d.releases[0].go_no_go.decision = "maybe"; }, "/releases/0/go_no_go/decision"],
  ["a tick naming a step by number", (d) => { d.incidents[0].timeline[4].step = 3; }, "/incidents/0/timeline/4/step"],
];

for (const [name, breakIt, path] of breakages) {
  test(`a file with ${name} fails at ${path || "the top"}`, () => {
    const doc = structuredClone(written.rich);
    assert.deepEqual(errors(doc), [], "the unbroken file validates");
    breakIt(doc);
    const found = errors(doc);
    assert.ok(found.length > 0, "the broken file must not validate");
    assert.ok(found.some((e) => e.startsWith(`${path} `)), `expected an error at ${path}, got ${found.join("; ")}`);
  });
}

test("the rich file carries every time extension the breakages above change", () => {
  const inc = written.rich.incidents[0];
  assert.equal(inc.backfill, true);
  assert.deepEqual(inc.timeline[1].starts, ["a-17"]);
  assert.deepEqual(inc.timeline[3].ends, ["a-17"]);
  assert.deepEqual(written.rich.releases[0].timeline.map((e) => e.release_status), ["deployed", "rolled-back"]);
  assert.deepEqual(written.rich.releases[0].timeline[0].ends, ["a-18"]);
  assert.equal(inc.timeline[4].step, "im-roles");
  assert.equal(written.rich.process.roles[0].checklist[3].every_minutes, 60);
  assert.equal(written.rich.releases[0].go_no_go.decision, "go");
});

test("an assignment id missing from the file is the importer's to refuse, not the schema's", () => {
  const doc = structuredClone(written.rich);
  doc.incidents[0].timeline[1].starts = ["a-not-in-this-file"];
  doc.releases[0].timeline[0].ends = ["a-not-in-this-file"];
  assert.deepEqual(errors(doc), []);
});

test("files without the time extensions still validate", () => {
  const doc = structuredClone(written.rich);
  delete doc.incidents[0].backfill;
  delete doc.releases[0].timeline;
  for (const e of doc.incidents[0].timeline) {
    delete e.starts;
    delete e.ends;
  }
  assert.deepEqual(errors(doc), []);
});
