import { createHash } from 'node:crypto';
import { raw, type Html } from '../html.ts';
import { PAGE_HEADERS } from '../layout.ts';

/**
 * The console's one script, progressive enhancement only: every page works the same without it.
 * It is inline (like the style sheet), so the page stays one request, and the CSP admits exactly
 * this text by its hash. It is plain browser JavaScript kept in a string, not compiled TypeScript,
 * so that no bundler helper can creep into it; the browser tests run it.
 *
 * - Live board: `#board-live[data-tables]` is re-fetched every `data-refresh-seconds` (30) and when
 *   the tab gets focus back, swapped in when it changed, and `#board-status` (aria-live polite)
 *   says so in the page's language. Focus stays on the same order's link if it was in the lists.
 * - Keyboard: j/k or ↓/↑ move between orders (arrows only once an order has focus, so they still
 *   scroll the page), o opens, x ticks, p previews, c confirms the previewed orders, / searches.
 *   Nothing fires while typing in a field or with Ctrl, Alt or Meta held.
 */
const SCRIPT = `(function () {
  'use strict';
  var live = document.getElementById('board-live');
  var status = document.getElementById('board-status');
  var TEXT_INPUT = /^(text|search|date|number|email|tel|url|password|time|datetime-local|month|week)$/;
  function typing(el) {
    if (!el) return false;
    if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
    return el.tagName === 'INPUT' && TEXT_INPUT.test(el.type || 'text');
  }
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('main tbody tr[data-order]'));
  }
  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest('tr[data-order]') : null;
  }
  function focusRow(row) {
    var target = row && row.querySelector('a[href]');
    if (target) target.focus();
  }
  function move(step) {
    var all = rows();
    if (!all.length) return;
    var index = all.indexOf(currentRow());
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    focusRow(all[next]);
  }
  function press(selector) {
    var button = document.querySelector(selector);
    if (button) button.click();
    return Boolean(button);
  }
  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (typing(event.target)) return;
    var row = currentRow();
    var key = event.key;
    var handled = true;
    if (key === 'j' || (key === 'ArrowDown' && row)) move(1);
    else if (key === 'k' || (key === 'ArrowUp' && row)) move(-1);
    else if (key === 'o' && row) row.querySelector('a[href]').click();
    else if (key === 'x' && row && row.querySelector('input[type=checkbox]')) row.querySelector('input[type=checkbox]').click();
    else if (key === 'p') handled = press('button[data-shortcut=preview]');
    else if (key === 'c') handled = press('button[data-shortcut=confirm]');
    else if (key === '/' && document.querySelector('input[type=search]')) document.querySelector('input[type=search]').focus();
    else handled = false;
    if (handled) event.preventDefault();
  });
  if (!live || !live.getAttribute('data-tables')) return;
  var seconds = Number(live.getAttribute('data-refresh-seconds')) || 30;
  var busy = false;
  function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(live.getAttribute('data-tables'), { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        // Compared as the browser would hold it, so an unchanged board is left alone and not announced.
        var fresh = document.createElement('template');
        fresh.innerHTML = html;
        if (fresh.innerHTML === live.innerHTML) return;
        var before = {};
        rows().forEach(function (row) { before[row.getAttribute('data-order')] = true; });
        var focused = currentRow();
        var orderId = focused && live.contains(focused) ? focused.getAttribute('data-order') : null;
        live.innerHTML = fresh.innerHTML;
        if (orderId) {
          var same = live.querySelector('tr[data-order="' + orderId.replace(/"/g, '') + '"]');
          if (same) focusRow(same);
        }
        var counted = {};
        var added = 0;
        rows().forEach(function (row) {
          var id = row.getAttribute('data-order');
          if (!before[id] && !counted[id]) added += 1;
          counted[id] = true;
        });
        if (status) {
          status.textContent = (status.getAttribute('data-message') || '')
            .replace('{time}', new Date().toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' }))
            .replace('{added}', String(added));
        }
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }
  setInterval(refresh, seconds * 1000);
  window.addEventListener('focus', refresh);
  document.addEventListener('visibilitychange', refresh);
})();`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

/** The script element for a console page; pages that include it are served with these headers. */
export const consoleScript = (): Html => raw(`<script>${SCRIPT}</script>`);

/** The pages' headers with the CSP admitting this one script and its same-origin fetch. */
export const SCRIPTED_PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...PAGE_HEADERS,
  'content-security-policy': `${PAGE_HEADERS['content-security-policy']}; script-src '${SCRIPT_HASH}'; connect-src 'self'`,
};
