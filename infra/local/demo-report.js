// Part of ./dev demo (demo.sh): prints one task's report from the status route's JSON on stdin
// and copies each stored blob to a local file a person can play, checking its SHA-256 against
// the one MusicEvents reported. The blob is read from Azurite with the account key of the storage
// connection string in AzureWebJobsStorage (the emulator's well-known key; never a real one).
//
//   node demo-report.js NAME AUDIO_DIR < status.json      (AUDIO_DIR relative to the current folder)
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const [name, audioDir] = process.argv.slice(2);

function storageSettings() {
  const pairs = (process.env.AzureWebJobsStorage || '').split(';').filter(Boolean);
  return Object.fromEntries(pairs.map(kv => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

// Shared Key authorization of a GET (Blob service, version 2021-08-06): no body, no optional headers.
function sharedKeyHeaders(url, settings) {
  const date = new Date().toUTCString();
  const version = '2021-08-06';
  const stringToSign = ['GET', '', '', '', '', '', '', '', '', '', '', ''].join('\n') + '\n'
    + `x-ms-date:${date}\nx-ms-version:${version}\n`
    + `/${settings.AccountName}${url.pathname}`;
  const signature = crypto.createHmac('sha256', Buffer.from(settings.AccountKey, 'base64'))
    .update(stringToSign, 'utf8').digest('base64');
  return { 'x-ms-date': date, 'x-ms-version': version, Authorization: `SharedKey ${settings.AccountName}:${signature}` };
}

async function copyBlob(blobUri, file, expectedSha256) {
  const url = new URL(blobUri);
  const response = await fetch(url, { headers: sharedKeyHeaders(url, storageSettings()) });
  if (!response.ok) throw new Error(`GET ${blobUri} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  if (expectedSha256 && sha256 !== expectedSha256.toLowerCase()) {
    throw new Error(`${blobUri}: SHA-256 ${sha256}, but MusicEvents reported ${expectedSha256}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

async function main(task) {
  console.log(`\n${name}: ${task.correlationId}`);
  console.log(`  MusicAPI task  ${task.taskId ?? '(none)'}`);
  for (const h of task.history) console.log(`  ${h.state.padEnd(10)} ${h.at}${h.note ? '  ' + h.note : ''}`);
  let failed = false;
  for (const c of task.clips) {
    console.log(`  audio      ${c.blobUri ?? '(not stored)'}  ${c.sizeBytes ?? '?'} bytes  ${c.contentType ?? ''}  sha256 ${c.sha256 ?? '?'}`);
    if (!c.blobUri) continue;
    const file = path.join(audioDir, `${name}-${path.basename(new URL(c.blobUri).pathname)}`);
    try {
      await copyBlob(c.blobUri, file, c.sha256);
      console.log(`  play it    ${file}`);
    } catch (error) {
      console.error(`  could not copy the audio: ${error.message}`);
      failed = true;
    }
  }
  if (task.failure) console.log(`  failed     ${task.failure.reason}: ${task.failure.message}`);
  process.exitCode = failed ? 1 : 0;
}

let input = '';
process.stdin.on('data', d => { input += d; }).on('end', () => main(JSON.parse(input)).catch(error => {
  console.error(error.message);
  process.exitCode = 1;
}));
