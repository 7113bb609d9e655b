import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger for every function. Keys that could hold personal contact data are
 * redacted before a line is written, so an email address or phone number never reaches the logs,
 * even when someone logs a whole object by mistake.
 */
const SENSITIVE_KEY = /(email|phone|address|recipient|destination|to)$/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Phone numbers are handled in E.164 form; dates and ids (which are long digit runs too) are left alone.
const PHONE = /\+\d{7,15}/g;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SENSITIVE_KEY.test(key) ? '[redacted]' : redact(inner, depth + 1),
      ]),
    );
  }
  return value;
}

export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'promise-keeper',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: (key: string, value: unknown) =>
    key === '' || !SENSITIVE_KEY.test(key)
      ? typeof value === 'string'
        ? redact(value)
        : value
      : '[redacted]',
});
