// Sign-in errors, district boundaries, and keyboard access.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkPage,
  clean,
  ensureLanguage,
  h1,
  htmlLang,
  launchBrowser,
  newPage,
  pathOf,
  saveScreenshot,
  signIn,
  submitSignIn,
  visit,
} from '../lib/waypoint.mjs';

describe('security and keyboard', { timeout: 120_000 }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('a wrong password shows an error and keeps the username (422)', async () => {
    const { context, page } = await newPage(browser);
    try {
      await visit(page, '/login');
      const resp = await submitSignIn(page, 'd1.counselor', 'not-the-password');
      assert.equal(resp.status(), 422);
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.equal(await h1(page), 'Sign in');

      const summary = page.getByRole('alert');
      assert.ok(await summary.isVisible(), 'an error summary');
      assert.match(clean(await summary.textContent()), /The username or password is not right\./);
      const fieldError = page.locator('#password-error');
      assert.equal(clean(await fieldError.textContent()), 'The username or password is not right.');

      const username = page.getByLabel('Username', { exact: true });
      const password = page.getByLabel('Password', { exact: true });
      assert.equal(await username.inputValue(), 'd1.counselor', 'the username is kept');
      assert.equal(await password.inputValue(), '', 'the password is not echoed back');
      assert.equal(await password.getAttribute('aria-invalid'), 'true');
      assert.equal(await password.getAttribute('aria-describedby'), 'password-error');
      assert.ok(!page.url().includes('not-the-password'));
      await checkPage(page, 'login-error-en');
    } finally {
      await context.close();
    }
  });

  it("a district 1 counselor gets 403 on a district 2 student's page", async () => {
    // A district 2 student's id, from their own session in another context.
    let otherStudent;
    {
      const { context, page } = await newPage(browser);
      try {
        await signIn(page, 'd2.hs.student');
        otherStudent = pathOf(page);
        assert.match(otherStudent, /^\/students\/[^/?#]+$/);
      } finally {
        await context.close();
      }
    }

    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'd1.counselor');
      await ensureLanguage(page, 'en');
      for (const path of [otherStudent, `${otherStudent}/demographics`, `${otherStudent}/access-log`]) {
        const resp = await visit(page, path);
        assert.equal(resp.status(), 403, `GET ${path}`);
        assert.equal(pathOf(page), path, 'no redirect');
        assert.equal(await h1(page), 'You do not have access');
        assert.match(clean(await page.locator('main').textContent()), /does not have permission/);
      }
      assert.equal(await htmlLang(page), 'en');
      await checkPage(page, 'forbidden-en');
    } finally {
      await context.close();
    }
  });

  it('the first Tab on the sign-in page reaches "Skip to main content", which moves focus to main', async () => {
    const { context, page } = await newPage(browser);
    try {
      await visit(page, '/login');
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {
          tag: el.tagName,
          text: el.textContent.trim(),
          href: el.getAttribute('href'),
          visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth,
        };
      });
      assert.equal(focused.tag, 'A');
      assert.equal(focused.text, 'Skip to main content');
      assert.equal(focused.href, '#main');
      assert.ok(focused.visible, 'the skip link is visible on screen when focused');
      await saveScreenshot(page, 'login-skip-link-focused', { fullPage: false });

      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'Enter moves focus to <main>');
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.getAttribute('name')),
        'username',
        'the next Tab reaches the username field',
      );
    } finally {
      await context.close();
    }
  });
});
