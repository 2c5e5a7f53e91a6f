// SPDX-License-Identifier: GPL-2.0-or-later
// Check netanom's alert documents against the ECS field definitions that
// the @elastic/ecs npm package ships (its EcsFlat table: one entry per
// dotted field name, with the field's type, whether it may be an array,
// and the allowed values of the categorisation fields).
//
// Usage: node ecs-check.js SAMPLE.ndjson NODE_MODULES_DIR [event]
// Prints one TAP line per field ("ok ..."/"not ok ...") without numbers;
// ecs-check.sh numbers them.  Fields under "netanom." are ours and skipped.
'use strict';

const fs = require('fs');
const net = require('net');
const path = require('path');

const [sample, modules, kind] = process.argv.slice(2);
const { EcsFlat, EcsVersion } = require(path.join(modules, '@elastic', 'ecs'));

// The fields the issue requires: in every alert, or (KIND "event") in
// the network start events that Elastic's Linux network job reads.
const requiredEvent = [
  '@timestamp', 'event.kind', 'event.category', 'event.type', 'host.name',
  'host.os.type', 'process.name', 'process.executable', 'user.name',
  'user.id', 'destination.ip',
];
const requiredAlert = [
  '@timestamp', 'event.kind', 'event.category', 'event.type', 'event.module',
  'event.severity', 'event.risk_score', 'event.reason', 'rule.name', 'rule.id',
  'host.name', 'host.os.type', 'host.os.kernel', 'process.executable',
  'process.name', 'process.pid', 'user.id', 'destination.ip',
  'destination.port', 'network.type', 'network.transport',
];
const required = kind === 'event' ? requiredEvent : requiredAlert;

// ECS type -> does this JSON value fit it?
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const fits = {
  keyword: (v) => typeof v === 'string',
  constant_keyword: (v) => typeof v === 'string',
  wildcard: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
  match_only_text: (v) => typeof v === 'string',
  long: (v) => Number.isInteger(v),
  integer: (v) => Number.isInteger(v),
  short: (v) => Number.isInteger(v),
  byte: (v) => Number.isInteger(v),
  unsigned_long: (v) => Number.isInteger(v) && v >= 0,
  float: (v) => typeof v === 'number',
  double: (v) => typeof v === 'number',
  scaled_float: (v) => typeof v === 'number',
  half_float: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  ip: (v) => typeof v === 'string' && net.isIP(v) !== 0,
  date: (v) => typeof v === 'string' && RFC3339.test(v) && !isNaN(Date.parse(v)),
};

// Leaves of nested objects as dotted names; arrays are leaves.
function flatten(obj, prefix, out) {
  for (const [k, v] of Object.entries(obj)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v))
      flatten(v, name, out);
    else
      out.set(name, v);
  }
  return out;
}

function problems(name, value) {
  const def = EcsFlat[name];
  if (!def)
    return [`not an ECS ${EcsVersion} field`];
  const check = fits[def.type];
  if (!check)
    return [`ECS type ${def.type} is not known to this check`];
  const isArray = Array.isArray(value);
  if (isArray && !(def.normalize || []).includes('array'))
    return [`is an array, ECS ${def.type} is not normalised to one`];
  const why = [];
  for (const v of isArray ? value : [value]) {
    if (!check(v))
      why.push(`${JSON.stringify(v)} does not fit ECS type ${def.type}`);
    if (def.allowed_values &&
        !def.allowed_values.some((a) => a.name === v))
      why.push(`${JSON.stringify(v)} is not an allowed value`);
    if (def.expected_values && !def.expected_values.includes(v))
      why.push(`${JSON.stringify(v)} is not an expected value`);
  }
  return why;
}

const docs = fs.readFileSync(sample, 'utf8').split('\n').filter((l) => l);
const seen = new Map();
const results = [];
docs.forEach((line, i) => {
  let doc;
  try {
    doc = JSON.parse(line);
  } catch (e) {
    results.push([false, `document ${i + 1} is JSON`, e.message]);
    return;
  }
  for (const [name, value] of flatten(doc, '', new Map())) {
    if (name.startsWith('netanom.'))
      continue;
    const why = problems(name, value);
    const prev = seen.get(name) || [];
    seen.set(name, prev.concat(why));
  }
  // ECS pairs each event.category with the event.type values it expects.
  const cat = EcsFlat['event.category'].allowed_values || [];
  for (const c of [].concat(doc.event && doc.event.category || [])) {
    const def = cat.find((a) => a.name === c);
    const expected = (def && def.expected_event_types) || [];
    for (const t of [].concat(doc.event && doc.event.type || []))
      if (!expected.includes(t))
        results.push([false, `event.type ${t} goes with event.category ${c}`,
                      `expected: ${expected.join(', ')}`]);
  }
});
if (docs.length === 0)
  results.push([false, 'sample documents were written', sample]);
for (const [name, why] of [...seen].sort()) {
  const def = EcsFlat[name];
  const desc = def ? `${name} is ECS ${def.type}` : `${name} is an ECS field`;
  results.push([why.length === 0, desc, why.join('; ')]);
}
for (const name of required)
  results.push([seen.has(name), `${name} is present`, 'missing']);

for (const [ok, desc, why] of results)
  console.log(ok ? `ok ecs-check: ${desc}` : `not ok ecs-check: ${desc}: ${why}`);
