// Shared helpers of Waypoint's browser tests: launching Debian's Chromium
// through playwright-core, signing in and out, switching the language,
// and checking every page with axe-core (WCAG 2.1 A/AA) while saving a
// full-page screenshot at a wide and a phone-sized viewport.
//
// The suite is meant to be run by e2e/run.sh, which starts a fresh
// `waypoint demo` and passes its address in WAYPOINT_BASE_URL.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** axe-core's browser bundle, injected into each page that is checked. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** The WCAG levels every page must pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Where the demo under test listens, without a trailing slash. */
export const BASE_URL = (process.env.WAYPOINT_BASE_URL ?? '').replace(/\/+$/, '');
if (!BASE_URL) {
  throw new Error('WAYPOINT_BASE_URL is not set: run the suite with e2e/run.sh (see e2e/README.md)');
}

/** The password of every `waypoint demo` account. */
export const DEMO_PASSWORD = process.env.WAYPOINT_DEMO_PASSWORD || 'waypoint-demo-2026';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 375, height: 812 };

/** Flags for a machine without network access beyond localhost. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the system Chromium (CHROMIUM_PATH overrides the path). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A fresh browser context (its own cookies) and a page in it. The app's
 * strict CSP (`script-src 'self'`) would block axe's injected script, so
 * the context bypasses CSP; the app itself runs no script.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    bypassCSP: true,
    locale: 'en-US',
    viewport: WIDE,
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page };
}

/** Text without Fluent's bidi isolation marks and with spaces collapsed. */
export function clean(text) {
  return (text ?? '').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

/** The page's path and query, e.g. `/staff?view=school`. */
export function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/** `<html lang>` of the page. */
export function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}

/** The trimmed text of the page's `<h1>`. */
export async function h1(page) {
  return clean(await page.locator('h1').first().textContent());
}

/** Navigates and returns the final (non-redirect) response. */
export async function visit(page, url) {
  const resp = await page.goto(url, { waitUntil: 'load' });
  assert.ok(resp, `no response for ${url}`);
  return resp;
}

function isFinalDocument(page, resp) {
  const req = resp.request();
  return (
    req.isNavigationRequest() &&
    req.frame() === page.mainFrame() &&
    !(resp.status() >= 300 && resp.status() < 400)
  );
}

/**
 * Clicks something that submits a form or follows a link, and waits for
 * the resulting page; returns its (final, after redirects) response.
 */
export async function clickAndWait(page, locator) {
  const response = page.waitForResponse((r) => isFinalDocument(page, r));
  await locator.click();
  const resp = await response;
  await page.waitForLoadState('load');
  return resp;
}

/** Fills the sign-in form on the current page and submits it. */
export async function submitSignIn(page, username, password = DEMO_PASSWORD) {
  const form = page.locator('main form[action="/login"]');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  return clickAndWait(page, form.locator('button[type=submit]'));
}

/** Opens /login, signs in, and checks that it worked (home page, 200). */
export async function signIn(page, username, password = DEMO_PASSWORD) {
  await visit(page, '/login');
  const resp = await submitSignIn(page, username, password);
  assert.equal(resp.status(), 200, `signing in as ${username}: HTTP ${resp.status()} at ${page.url()}`);
  assert.notEqual(new URL(page.url()).pathname, '/login', `signing in as ${username} stayed on /login`);
  return resp;
}

/** Presses the header's sign-out button; ends on the sign-in page. */
export async function signOut(page) {
  const resp = await clickAndWait(page, page.locator('header form[action="/logout"] button'));
  assert.equal(resp.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
  return resp;
}

/**
 * Switches the language with the header's form and checks that the page
 * came back in it, at the same address.
 */
export async function switchLanguage(page, code) {
  const before = pathOf(page);
  const button = page.locator(`header form.lang-form button[name=lang][value=${code}]`);
  const resp = await clickAndWait(page, button);
  assert.equal(resp.status(), 200, `switching to ${code}: HTTP ${resp.status()}`);
  assert.equal(await htmlLang(page), code, `<html lang> after switching to ${code}`);
  assert.equal(pathOf(page), before, 'the language switch returns to the same page');
  assert.equal(await button.getAttribute('aria-pressed'), 'true', `the ${code} button is marked pressed`);
  return resp;
}

/** Switches to `code` unless the page is already in it. */
export async function ensureLanguage(page, code) {
  if ((await htmlLang(page)) !== code) await switchLanguage(page, code);
}

/** Runs axe-core on the page as it is now; returns its WCAG 2.1 A/AA violations. */
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' '),
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  }, AXE_TAGS);
}

/** A developer-readable list of axe violations. */
export function formatViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}${v.widths ? ` (at ${v.widths.map((w) => `${w}px`).join(', ')})` : ''}`);
    lines.push(`    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 10)) {
      lines.push(`    - ${n.target}`);
      if (n.html) lines.push(`      ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      for (const s of (n.summary ?? '').split('\n')) if (s.trim()) lines.push(`        ${s.trim()}`);
    }
    if (v.nodes.length > 10) lines.push(`    … and ${v.nodes.length - 10} more`);
  }
  return lines.join('\n');
}

let screenshotDirReady = false;

/** Saves a screenshot as screenshots/NAME.png (full page unless told). */
export async function saveScreenshot(page, name, { fullPage = true } = {}) {
  if (!screenshotDirReady) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    screenshotDirReady = true;
  }
  const safe = name.replace(/[^a-z0-9._-]+/gi, '-');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${safe}.png`), fullPage });
}

/**
 * Everything wrong with the page as it is now, at the wide and at the
 * phone viewport: axe-core's WCAG 2.1 A/AA violations, and sideways
 * scrolling (WCAG 1.4.10 Reflow). With `screenshots: NAME`, saves
 * full-page screenshots as screenshots/NAME-{wide,narrow}.png on the way.
 */
export async function pageProblems(page, { screenshots = null } = {}) {
  await page.waitForLoadState('load');
  const original = page.viewportSize() ?? WIDE;
  const found = [];
  try {
    for (const [suffix, viewport] of [
      ['wide', WIDE],
      ['narrow', NARROW],
    ]) {
      await page.setViewportSize(viewport);
      if (screenshots) await saveScreenshot(page, `${screenshots}-${suffix}`);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const describe = (el) =>
          el.tagName.toLowerCase() +
          (el.id ? `#${el.id}` : '') +
          (el.getAttribute('class') ? `.${el.getAttribute('class').trim().split(/\s+/).join('.')}` : '');
        const all = [...document.querySelectorAll('body *')];
        // The outermost boxes that stick out on the right …
        let wide = all
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .filter((el) => el.parentElement.getBoundingClientRect().right <= width + 1)
          .map(describe);
        // … or else the innermost elements whose content spills out.
        if (wide.length === 0) {
          const spills = (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline';
          wide = all.filter((el) => spills(el) && ![...el.children].some(spills)).map(describe);
        }
        return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
      });
      if (overflow.scroll > overflow.width) {
        found.push({
          id: 'reflow',
          impact: 'serious',
          help: `Content is ${overflow.scroll}px wide in a ${overflow.width}px window (WCAG 1.4.10 Reflow)`,
          helpUrl: 'https://www.w3.org/WAI/WCAG21/Understanding/reflow.html',
          widths: [viewport.width],
          nodes: overflow.wide.map((target) => ({ target, html: '', summary: 'Sticks out of the window' })),
        });
      }
      for (const v of await axeViolations(page)) {
        const same = found.find((f) => f.id === v.id);
        if (same) {
          if (!same.widths.includes(viewport.width)) same.widths.push(viewport.width);
          for (const n of v.nodes) if (!same.nodes.some((m) => m.target === n.target)) same.nodes.push(n);
        } else {
          found.push({ ...v, widths: [viewport.width] });
        }
      }
    }
  } finally {
    await page.setViewportSize(original);
  }
  return found;
}

/**
 * Checks the page as it is now (see pageProblems), saving screenshots
 * named after NAME, and fails with a readable list of what is wrong.
 */
export async function checkPage(page, name) {
  const found = await pageProblems(page, { screenshots: name });
  if (found.length > 0) {
    const report = formatViolations(found);
    assert.fail(
      `${found.length} WCAG 2.1 A/AA problem(s) on "${name}" (${pathOf(page)}, lang=${await htmlLang(page)}):\n${report}`,
    );
  }
}
