// The accessibility check itself: axe must really run inside Waypoint's
// pages (despite their strict CSP) and report what it finds, or every
// "zero violations" elsewhere would mean nothing.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, formatViolations, launchBrowser, newPage, pageProblems, visit } from '../lib/waypoint.mjs';

describe('accessibility checker', { timeout: 60_000 }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('finds violations planted in a real page', async () => {
    const { context, page } = await newPage(browser);
    try {
      const resp = await visit(page, '/login');
      assert.match(resp.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'the app sends its CSP');
      assert.deepEqual(await axeViolations(page), [], 'the sign-in page itself is clean');

      await page.evaluate(() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<img src="/static/none.png"><input type="text" id="unlabelled">');
        document.documentElement.removeAttribute('lang');
      });
      const found = await axeViolations(page);
      const ids = found.map((v) => v.id).sort();
      assert.deepEqual(ids, ['html-has-lang', 'image-alt', 'label'].sort(), formatViolations(found));
      const report = formatViolations(found);
      assert.match(report, /\[critical\] image-alt: /);
      assert.match(report, /#unlabelled/);
    } finally {
      await context.close();
    }
  });

  it('finds content that scrolls sideways on a phone', async () => {
    const { context, page } = await newPage(browser);
    try {
      await visit(page, '/login');
      assert.deepEqual(await pageProblems(page), [], 'the sign-in page reflows');
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.id = 'too-wide';
        p.textContent = 'x'.repeat(60);
        document.querySelector('main').append(p);
      });
      const found = await pageProblems(page);
      assert.deepEqual(
        found.map((v) => [v.id, v.widths]),
        [['reflow', [375]]],
        formatViolations(found),
      );
      assert.match(formatViolations(found), /p#too-wide/);
    } finally {
      await context.close();
    }
  });
});
