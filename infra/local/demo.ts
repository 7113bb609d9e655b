/**
 * `npm run demo`: against a running `npm start`, takes one order from inquiry to delivery through
 * the API and prints its timeline and every message sent. Reads .local/session.json.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LocalSession } from './api-client.ts';
import { ApiClient } from './api-client.ts';
import { ROOT } from './runtime.ts';
import { mails, orderStatus, runOrderScenario, texts } from './scenario.ts';

const sessionFile = process.argv[2] ?? path.join(ROOT, '.local/session.json');
let session: LocalSession;
try {
  session = JSON.parse(await readFile(sessionFile, 'utf8')) as LocalSession;
} catch {
  console.error(
    `No session at ${sessionFile}: start the product first with \`npm start\` (in another terminal).`,
  );
  process.exit(1);
}

console.log(`Driving one order through ${session.apiUrl}\n`);
const started = Date.now();
const report = await runOrderScenario(session, (line) => console.log(`  ${line}`));
const order = await orderStatus(new ApiClient(session), report.orderId);

console.log(
  `\nOrder ${report.orderId}: ${order.status} in ${((Date.now() - started) / 1000).toFixed(1)} s; promised ${order.promisedDate}\n\nTimeline`,
);
for (const entry of order.timeline) console.log(`  ${entry.at.slice(11, 19)}  ${entry.summary}`);
console.log('\nNotifications recorded on the order');
for (const note of order.notifications)
  console.log(`  ${note.kind.padEnd(22)} ${note.channel.padEnd(5)} ${note.status}`);
const orderMails = (await mails(session)).filter((mail) => mail.subject.includes(report.orderId));
const orderTexts = (await texts(session)).filter((sms) => sms.body.includes(report.orderId));
console.log(`\nMail outbox (${orderMails.length} for this order)`);
for (const mail of orderMails)
  console.log(`  to ${mail.destination.to.join(', ').padEnd(28)} ${mail.subject}`);
console.log(`\nSMS outbox (${orderTexts.length} for this order)`);
for (const sms of orderTexts)
  console.log(`  to ${sms.to.padEnd(16)} [${sms.segments} segment(s)] ${sms.body}`);
console.log(
  `\nOrder page (what the customer's link opens; try it in a browser):\n  ${session.apiUrl}${report.trackingPath}`,
);
console.log(
  `\nDuplicate ERP deliveries answered: ${report.duplicateReplies.map((reply) => (reply.body as { duplicate?: boolean }).duplicate).join(', ')}`,
);
