import type { Locale } from '../i18n.ts';
import { ctIfKnown } from './messages.ts';

/**
 * What moved a promise, in words: an ERP event type or one of the product's own causes. A reason
 * typed by sales (an adjustment's text) is shown as they wrote it.
 */
export const moveReasonWords = (reason: string, locale: Locale): string =>
  ctIfKnown(locale, `mr_${reason}`, reason);

/** At-risk reasons name their cause in brackets ("promise moved to 13 Jan 2027 (DELAY_REPORTED)"). */
export const readableReasons = (text: string, locale: Locale): string =>
  text.replace(/\(([^()]+)\)/g, (whole, reason: string) => {
    const words = moveReasonWords(reason, locale);
    return words === reason ? whole : `(${words})`;
  });
