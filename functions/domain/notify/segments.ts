/** GSM 03.38 basic set and its extension table (extension characters take two septets). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'.split(
    '',
  ),
);
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f'.split(''));

export interface SegmentCount {
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly units: number;
  readonly segments: number;
}

/** SMS segments of a text: 160/153 septets in GSM-7, 70/67 UTF-16 units in UCS-2 when any character needs it. */
export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  if (chars.every((char) => GSM7_BASIC.has(char) || GSM7_EXTENDED.has(char))) {
    const units = chars.reduce((sum, char) => sum + (GSM7_EXTENDED.has(char) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
