// SPDX-License-Identifier: GPL-2.0-or-later
// Would Elastic's v3_linux_anomalous_network_activity job read netanom's
// network start events?  This evaluates, on each document, the filters of
// that job's datafeed as Elastic ships it in the "security_linux" ML
// module (Kibana repository, x-pack/plugins/ml/server/models/
// data_recognizer/modules/security_linux/ml/, the datafeed and job files
// named after the job), restated here in our own code:
//   - keep: event.category has "network" and event.type has "start";
//   - keep: host.os.type is linux, or host.os.family is one of the Linux
//     families it lists (debian, redhat, suse, ubuntu);
//   - drop: destination.ip is 127.0.0.1, 127.0.0.53, :: or ::1, or
//     user.name is jenkins;
// and the job's analysis: a "rare" detector by process.name, with
// host.name, process.name, user.name and destination.ip as influencers.
//
// Usage: node datafeed-check.js EVENTS.ndjson EXE [EXE...]
// EXE: every executable the events must cover (process.executable); each
// must have a document the datafeed keeps.  Prints TAP lines without
// numbers.  The filter is also run on altered copies of a document, each
// of which it must drop: a filter that keeps everything cannot pass.
'use strict';

const fs = require('fs');

const [file, ...exes] = process.argv.slice(2);

function get(doc, name) {
  return name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), doc);
}

// A term query on a field matches when any of its values equals the term.
function term(doc, name, value) {
  return [].concat(get(doc, name) ?? []).includes(value);
}

const LINUX_FAMILIES = ['debian', 'redhat', 'suse', 'ubuntu'];
const DROPPED_DESTS = ['127.0.0.1', '127.0.0.53', '::', '::1'];

// Why the datafeed would not pass @doc to the job, or null.
function dropped(doc) {
  if (!term(doc, 'event.category', 'network'))
    return 'event.category has no "network"';
  if (!term(doc, 'event.type', 'start'))
    return 'event.type has no "start"';
  if (!term(doc, 'host.os.type', 'linux') &&
      !LINUX_FAMILIES.some((f) => term(doc, 'host.os.family', f)))
    return 'neither host.os.type linux nor a Linux host.os.family';
  for (const ip of DROPPED_DESTS)
    if (term(doc, 'destination.ip', ip))
      return `destination.ip is ${ip}, which the datafeed leaves out`;
  if (term(doc, 'user.name', 'jenkins'))
    return 'user.name is jenkins';
  if (typeof get(doc, 'process.name') !== 'string')
    return 'no process.name for the rare detector to split on';
  return null;
}

const results = [];
const docs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l)
  .map((l) => JSON.parse(l));
results.push([docs.length > 0, 'events were written', file]);
docs.forEach((doc, i) => {
  const why = dropped(doc);
  results.push([!why, `datafeed keeps document ${i + 1} ` +
                `(${get(doc, 'process.executable')})`, why]);
});
for (const exe of exes) {
  const kept = docs.filter((d) => !dropped(d) &&
                                  get(d, 'process.executable') === exe);
  results.push([kept.length > 0, `the job sees ${exe}`, 'no document kept']);
}
// The influencers, wherever the data has them.
for (const f of ['host.name', 'process.name', 'user.name', 'destination.ip'])
  results.push([docs.some((d) => get(d, f) !== undefined),
                `influencer ${f} is in the events`, 'in no document']);

// The filter itself must be able to say no.
if (docs.length > 0) {
  const alter = (f) => { const d = JSON.parse(JSON.stringify(docs[0])); f(d); return d; };
  const bad = {
    'event.category process': alter((d) => { d.event.category = ['process']; }),
    'event.type end': alter((d) => { d.event.type = ['end']; }),
    'host.os.type windows': alter((d) => { d.host.os.type = 'windows'; }),
    'destination.ip 127.0.0.53': alter((d) => { d.destination = { ip: '127.0.0.53' }; }),
    'destination.ip ::1': alter((d) => { d.destination = { ip: '::1' }; }),
    'user.name jenkins': alter((d) => { d.user.name = 'jenkins'; }),
  };
  for (const [what, doc] of Object.entries(bad))
    results.push([dropped(doc) !== null, `datafeed drops a document with ${what}`,
                  'kept']);
}

for (const [ok, desc, why] of results)
  console.log(ok ? `ok datafeed: ${desc}` : `not ok datafeed: ${desc}: ${why}`);
