// Part of ./dev demo (demo.sh): prints one flow's trace as a small waterfall, from the spans the
// DevHost wrote to its span file (DevHost:SpanFile, one JSON object a line, written as each span
// ends). The flow's trace is the one of the DevHost's request span that carries the correlation
// id; its steps are shown in the order they started, with their offset from the request and
// their duration, so a person sees where the time went.
//
//   node demo-trace.js SPAN_FILE CORRELATION_ID     (exit 1 when the flow's trace is not there)
'use strict';
const fs = require('node:fs');

const [file, correlationId] = process.argv.slice(2);
const width = 40; // characters of the bar for the whole flow

function read() {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line));
}

// A step a person cares about: the request, each consumer, each call out of the process
// (MusicAPI, audio, blob commits), and MusicEvents' own spans; not every publish and table read.
function isStep(s) {
  if (s.source === 'MusicEvents') return true;
  if (s.kind === 'Server') return true;
  if (s.source === 'MassTransit') return s.kind === 'Consumer' && !/ receive$/.test(s.name);
  if (s.kind === 'Client' && s.source === 'System.Net.Http') return !/\(PartitionKey/.test(s.url || ''); // not every table read
  return false;
}

// An HTTP call is named by what it calls (its path, without the query, which was never written).
function label(s) {
  if (s.kind !== 'Client' || !s.url) return s.name;
  const url = new URL(s.url);
  return `${s.name} ${url.pathname.replace(/^\/devstoreaccount1/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…')}`;
}

function flowSpans(spans) {
  const request = spans
    .filter(s => s.kind === 'Server' && s.correlationId === correlationId)
    .sort((a, b) => a.startUnixMs - b.startUnixMs)[0];
  return request ? spans.filter(s => s.traceId === request.traceId) : [];
}

// The archive's consumer ends last: wait for it (spans are written when they end) for a few seconds.
async function main() {
  const deadline = Date.now() + 5000;
  let flow = flowSpans(read());
  while (!flow.some(s => s.source === 'MassTransit' && /archive-track/.test(s.name) && s.kind === 'Consumer') && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 250));
    flow = flowSpans(read());
  }

  if (flow.length === 0) {
    console.log('  trace      (no spans of this flow in ' + file + ')');
    process.exit(1);
  }

  const start = Math.min(...flow.map(s => s.startUnixMs));
  const end = Math.max(...flow.map(s => s.startUnixMs + s.durationMs));
  const total = Math.max(end - start, 1);
  const steps = flow.filter(isStep).sort((a, b) => a.startUnixMs - b.startUnixMs);
  console.log(`  trace      ${flow[0].traceId}: ${flow.length} spans, ${total.toFixed(0)} ms from the request to the last span`);
  for (const s of steps) {
    const offset = s.startUnixMs - start;
    const from = Math.min(width - 1, Math.floor(offset / total * width));
    const length = Math.max(1, Math.round(s.durationMs / total * width));
    const bar = ' '.repeat(from) + '█'.repeat(Math.min(length, width - from));
    const full = label(s);
    const name = full.length > 60 ? full.slice(0, 59) + '…' : full;
    console.log(`  ${bar.padEnd(width)} ${String(offset.toFixed(0)).padStart(6)} ms +${String(s.durationMs.toFixed(0)).padStart(5)} ms  ${name}`);
  }
}

main().catch(error => { console.error(error); process.exit(1); });
