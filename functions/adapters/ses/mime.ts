import { randomBytes } from 'node:crypto';

/** RFC 2047 encoded word for a header value that is not plain ASCII (Chinese subjects). */
const encodeHeader = (value: string): string =>
  /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;

const base64Lines = (value: string): string =>
  Buffer.from(value, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');

/** Header values come from our own code, but a stray line break would forge a header: refuse it. */
function headerLine(name: string, value: string): string {
  if (/[\r\n]/.test(value) || /[\r\n:]/.test(name)) throw new Error(`Header ${name} contains a line break`);
  return `${name}: ${value}\r\n`;
}

/**
 * One email as raw MIME (multipart/alternative: text and HTML, UTF-8, base64), so it can carry
 * headers SES's simple form cannot: List-Unsubscribe, List-Unsubscribe-Post and Reply-To.
 */
export function buildMime(message: {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  headers?: Readonly<Record<string, string>>;
}): string {
  const boundary = `pk-${randomBytes(12).toString('hex')}`;
  let head = '';
  head += headerLine('From', message.from);
  head += headerLine('To', message.to);
  if (message.replyTo) head += headerLine('Reply-To', message.replyTo);
  head += headerLine('Subject', encodeHeader(message.subject));
  for (const [name, value] of Object.entries(message.headers ?? {})) head += headerLine(name, value);
  head += headerLine('MIME-Version', '1.0');
  head += headerLine('Content-Type', `multipart/alternative; boundary="${boundary}"`);
  const part = (type: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(body)}`;
  return `${head}\r\n${part('text/plain', message.text)}${part('text/html', message.html)}--${boundary}--\r\n`;
}
