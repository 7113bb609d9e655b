import { createHash } from 'node:crypto';
import { markup, raw, type Html } from './html.ts';
import { LOCALES, MESSAGES, t, type Locale } from './i18n.ts';

/**
 * The one style sheet, inline so a page is one request and needs nothing from elsewhere. System
 * fonts only (no web fonts to fetch); colours meet WCAG AA contrast (4.5:1 for text).
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f5f5f4}
a{color:#0b57d0}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header{background:#1f2937;color:#fff;padding:12px 16px;display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between;align-items:center}
header a{color:#fff}header nav a{margin-left:12px}
main{max-width:44rem;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.5rem 0;overflow-wrap:anywhere}h2{font-size:1.15rem;margin:0 0 .5rem}
section,.card{background:#fff;border:1px solid #d6d3d1;border-radius:8px;padding:16px;margin:0 0 16px}
.date{font-size:2rem;font-weight:700;line-height:1.2;margin:.25rem 0}
.likely{font-size:1.15rem;font-weight:600;margin:.25rem 0}
.muted{color:#4b5563}
.slip{background:#fff7e6;border:2px solid #b45309;color:#4a2c00}
.slip del{color:#6b4a1f}
.ok{background:#ecfdf3;border:2px solid #15803d}
.note{background:#eff6ff;border:2px solid #1d4ed8}
ol.steps{list-style:none;padding:0;margin:0}
ol.steps li{padding:6px 0 6px 32px;position:relative}
ol.steps li::before{content:"";position:absolute;left:4px;top:10px;width:14px;height:14px;border-radius:50%;border:2px solid #6b7280;background:#fff}
ol.steps li.done::before{background:#15803d;border-color:#15803d}
ol.steps li.current{font-weight:700}ol.steps li.current::before{border-color:#0b57d0;border-width:4px}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e7e5e4;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
.table-wrap{overflow-x:auto}
@media (max-width:480px){th,td{padding:6px 2px;font-size:.875rem}td.num,th.num{white-space:normal}}
.actions{display:flex;flex-wrap:wrap;gap:12px;margin-top:12px}
button{font:inherit;padding:10px 18px;border-radius:6px;border:2px solid #166534;background:#166534;color:#fff;cursor:pointer;min-height:44px}
button.secondary{background:#fff;color:#7f1d1d;border-color:#7f1d1d}
form.inline{display:inline}
fieldset{border:1px solid #d6d3d1;border-radius:6px;margin:0 0 12px;padding:8px 12px}
legend{font-weight:600}
label{margin-right:16px;display:inline-block;min-height:32px}
input[type=time]{font:inherit;padding:4px}
ul.history{list-style:none;padding:0;margin:0}ul.history li{padding:6px 0;border-bottom:1px solid #e7e5e4}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
body.wide main{max-width:80rem}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:flex-end}.filters label{display:flex;flex-direction:column;margin:0}
input,select,textarea{font:inherit;padding:6px;border:1px solid #6b7280;border-radius:4px}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:.875rem;font-weight:600;border:1px solid currentColor}
.b-attention{color:#7f1d1d}.b-risk{color:#7c2d12}.b-await{color:#1e3a8a}
.why li{margin:4px 0}.binding{font-weight:700}
button.small{padding:4px 10px;min-height:32px}
`;

export const STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

/** Headers of every page: no caching (a page shows live state), no referrer to other sites. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The link is the key: it may go back to our own pages (Origin on form posts) but never elsewhere.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'content-security-policy': `default-src 'none'; style-src '${STYLE_HASH}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
};

export interface PageFrame {
  readonly locale: Locale;
  readonly title: string;
  /** Path (with query) of this page without `lang`, for the language switch. */
  readonly selfPath: string;
  /** Wider main column (tables of the sales console). */
  readonly wide?: boolean;
  /** More navigation in the header, after the language switch (the console's links and sign-out). */
  readonly nav?: Html;
}

const withLang = (path: string, locale: Locale) =>
  `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(locale)}`;

export function page(frame: PageFrame, content: Html): string {
  const other = LOCALES.filter((locale) => locale !== frame.locale);
  const switcher = other.map(
    (locale) =>
      markup`<a href="${withLang(frame.selfPath, locale)}" lang="${locale}" hreflang="${locale}">${MESSAGES[locale].langName}</a>`,
  );
  return markup`<!doctype html>
<html lang="${frame.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${frame.title}</title><style>${raw(CSS)}</style></head>
<body${frame.wide ? raw(' class="wide"') : ''}><a class="skip" href="#main">${t(frame.locale, 'skip')}</a>
<header><span>Promise Keeper</span><nav aria-label="${t(frame.locale, 'languageLabel')}">${switcher}</nav>${frame.nav ?? ''}</header>
<main id="main">${content}</main></body></html>`.value;
}

export const langQuery = (locale: Locale) => `lang=${encodeURIComponent(locale)}`;
