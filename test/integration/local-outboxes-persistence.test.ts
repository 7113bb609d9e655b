import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { erpSignature } from '../../infra/local/api-client.ts';
import { createDevIdentity, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/dev-tokens.ts';
import { startErpInbox } from '../../infra/local/erp-inbox.ts';
import { openJournal } from '../../infra/local/journal.ts';
import { startSesOutbox } from '../../infra/local/ses-outbox.ts';
import { startSmsSink } from '../../infra/local/sms-sink.ts';

/** What the local runtime keeps in its data directory besides DynamoDB and the executions. */
const dataDir = () => mkdtempSync(path.join(tmpdir(), 'outboxes-'));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('the local outboxes and signing key with a data directory', () => {
  it('keeps sent mail across a restart of the SES outbox, once', async () => {
    const dir = dataDir();
    const first = await startSesOutbox({ dataDir: dir });
    const ses = new SESClient({ endpoint: first.url, region: 'eu-west-1', credentials });
    await ses.send(
      new SendEmailCommand({
        Source: 'orders@example.com',
        Destination: { ToAddresses: ['ada.buyer@acme.example'] },
        Message: { Subject: { Data: 'Kept across a restart' }, Body: { Text: { Data: 'Hello' } } },
      }),
    );
    await first.close();

    const second = await startSesOutbox({ dataDir: dir });
    const { emails } = (await (await fetch(second.storeUrl)).json()) as { emails: { subject: string }[] };
    await second.close();
    expect(emails.map((email) => email.subject)).toEqual(['Kept across a restart']);
  });

  it('keeps sent and refused SMS across a restart of the SMS sink', async () => {
    const dir = dataDir();
    const first = await startSmsSink({ dataDir: dir });
    const send = (to: string) =>
      fetch(first.url, {
        method: 'POST',
        headers: { 'x-amz-target': 'PinpointSMSVoiceV2.SendTextMessage' },
        body: JSON.stringify({ DestinationPhoneNumber: to, MessageBody: 'Quote ready' }),
      });
    expect((await send('+4915112345678')).status).toBe(200);
    expect((await send('+15555550101')).status).toBe(400);
    await first.close();

    const second = await startSmsSink({ dataDir: dir });
    const store = (await (await fetch(second.storeUrl)).json()) as {
      messages: { to: string; body: string }[];
      rejected: { to: string }[];
    };
    await second.close();
    expect(store.messages).toMatchObject([{ to: '+4915112345678', body: 'Quote ready' }]);
    expect(store.rejected).toMatchObject([{ to: '+15555550101' }]);
  });

  it('keeps the ERP inbox across a restart', async () => {
    const dir = dataDir();
    const secret = () => 'erp-secret';
    const first = await startErpInbox({ secret, dataDir: dir });
    const body = JSON.stringify({ type: 'STATUS_REQUESTED', orderId: 'o-1' });
    await fetch(first.url, {
      method: 'POST',
      headers: { 'x-signature': erpSignature('erp-secret', body) },
      body,
    });
    await first.close();

    const second = await startErpInbox({ secret, dataDir: dir });
    const { requests } = (await (await fetch(second.storeUrl)).json()) as { requests: unknown[] };
    await second.close();
    expect(requests).toMatchObject([{ signatureValid: true, body: { orderId: 'o-1' } }]);
  });

  it('verifies a sales token signed before a restart with the key set served after it', async () => {
    const dir = dataDir();
    const token = await (await createDevIdentity({ dataDir: dir })).sign({ sub: 'sam' });
    const restarted = await createDevIdentity({ dataDir: dir });
    const { payload } = await jwtVerify(token, createLocalJWKSet(restarted.jwks), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    expect(payload.sub).toBe('sam');
    expect(Object.keys(restarted.jwks.keys[0]!)).not.toContain('d');
  });

  it('makes a new key each start without a data directory', async () => {
    const token = await (await createDevIdentity()).sign({ sub: 'sam' });
    const other = await createDevIdentity();
    await expect(jwtVerify(token, createLocalJWKSet(other.jwks))).rejects.toThrow();
  });

  it('skips a line torn by a crash and keeps the entries before and after it', () => {
    const file = path.join(dataDir(), 'journal.jsonl');
    const journal = openJournal<{ n: number }>(file);
    journal.append({ n: 1 });
    journal.append({ n: 2 });
    appendFileSync(file, '{"n":3');
    expect(journal.load()).toEqual([{ n: 1 }, { n: 2 }]);
    journal.append({ n: 4 });
    expect(journal.load()).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
  });
});
