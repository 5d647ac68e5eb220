// Visiting a page while signed out leads to the sign-in page, and back to
// that page afterwards.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, checkPage, h1, launchBrowser, newPage, pathOf, submitSignIn, visit } from '../lib/waypoint.mjs';

describe('sign-in redirect', { timeout: 120_000 }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('/staff while signed out goes to /login?next=%2Fstaff, and back to /staff after signing in', async () => {
    const { context, page } = await newPage(browser);
    try {
      const resp = await visit(page, '/staff');
      assert.equal(resp.status(), 200);
      assert.equal(pathOf(page), '/login?next=%2Fstaff');
      const redirect = resp.request().redirectedFrom();
      assert.ok(redirect, 'the sign-in page was reached by a redirect');
      assert.equal(new URL(redirect.url()).pathname, '/staff');
      assert.equal(await h1(page), 'Sign in');
      assert.equal(await page.locator('main form input[name=next]').inputValue(), '/staff');
      await checkPage(page, 'login-next-en');

      const signedIn = await submitSignIn(page, 'd1.mentor');
      assert.equal(signedIn.status(), 200);
      assert.equal(pathOf(page), '/staff');
      assert.ok(['My students', 'Mis estudiantes'].includes(await h1(page)));
    } finally {
      await context.close();
    }
  });

  it('the return address keeps its query (not just the home page)', async () => {
    const { context, page } = await newPage(browser);
    try {
      await visit(page, '/staff?view=school');
      assert.equal(pathOf(page), '/login?next=%2Fstaff%3Fview%3Dschool');
      await submitSignIn(page, 'd1.counselor');
      assert.equal(pathOf(page), '/staff?view=school');
      assert.equal(await page.locator('main nav.tabs a[aria-current=page]').getAttribute('href'), '/staff?view=school');
    } finally {
      await context.close();
    }
  });

  it('an outside address in next is not followed', async () => {
    const { context, page } = await newPage(browser);
    try {
      await visit(page, '/login?next=%2F%2Fevil.example%2F');
      await submitSignIn(page, 'd1.mentor');
      assert.equal(new URL(page.url()).origin, new URL(BASE_URL).origin, 'stays on Waypoint');
      assert.equal(pathOf(page), '/staff', 'lands on the home page instead');
    } finally {
      await context.close();
    }
  });
});
