/**
 * Server-side HTML as tagged template literals: every interpolated value is escaped unless it is
 * already `Html` (built by this tag or `raw`). The tag is not called `html` so that Prettier does not
 * reformat the markup (whitespace inside `<style>` would break the style's CSP hash). Plain
 * TypeScript keeps pages inside the API bundle
 * with no renderer to load, no client runtime, and the compiler checks every value a page uses.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escape = (value: string): string => value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escape(String(part));
}

export function markup(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Markup we wrote ourselves (never customer data). */
export const raw = (value: string): Html => new Html(value);
