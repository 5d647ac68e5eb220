// A high-school student: signs in, sees their home, works in Spanish, and
// the account remembers the language across sign-ins.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkPage,
  clean,
  clickAndWait,
  DEMO_PASSWORD,
  h1,
  htmlLang,
  launchBrowser,
  newPage,
  pathOf,
  signOut,
  submitSignIn,
  switchLanguage,
  visit,
} from '../lib/waypoint.mjs';

const SECTIONS_EN = ['My interests', 'My careers', 'My goals', 'My courses', 'My experiences', 'My portfolio'];
const SECTIONS_ES = ['Mis intereses', 'Mis carreras', 'Mis metas', 'Mis cursos', 'Mis experiencias', 'Mi portafolio'];

async function assertSections(page, names) {
  for (const name of names) {
    const region = page.getByRole('region', { name, exact: true });
    assert.equal(await region.count(), 1, `one section "${name}"`);
    assert.ok(await region.isVisible(), `section "${name}" is visible`);
  }
}

describe('student', { timeout: 120_000 }, () => {
  let browser;
  let context;
  let page;
  let home;

  before(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
  });
  after(async () => {
    await browser?.close();
  });

  it('signs in with the labelled form and lands on their own home', async () => {
    const resp = await visit(page, '/login');
    assert.equal(resp.status(), 200);
    assert.equal(await htmlLang(page), 'en');
    assert.equal(await h1(page), 'Sign in');
    await checkPage(page, 'login-en');

    await page.getByLabel('Username', { exact: true }).fill('d1.hs.student');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    const signedIn = await clickAndWait(page, page.getByRole('button', { name: 'Sign in', exact: true }));
    assert.equal(signedIn.status(), 200);
    assert.match(pathOf(page), /^\/students\/[^/?#]+$/, 'a student lands on /students/{id}');
    home = pathOf(page);

    const heading = await h1(page);
    const m = heading.match(/^Welcome, (.+)$/);
    assert.ok(m, `h1 is "Welcome, {first name}", got "${heading}"`);
    const whoami = clean(await page.locator('header .whoami').textContent());
    assert.ok(whoami.startsWith(`Signed in as ${m[1]} `), `the welcome uses the first name of "${whoami}"`);
    assert.ok(await page.getByRole('button', { name: 'Sign out', exact: true }).isVisible());
  });

  it('sees the six sections of their home', async () => {
    await assertSections(page, SECTIONS_EN);
    await checkPage(page, 'student-home-en');
  });

  it('switches to Spanish', async () => {
    await switchLanguage(page, 'es');
    assert.equal(pathOf(page), home);
    assert.match(await h1(page), /^Te damos la bienvenida, /);
    await assertSections(page, SECTIONS_ES);
    assert.ok(await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).isVisible());
    assert.equal(await page.getByRole('button', { name: 'English', exact: true }).getAttribute('aria-pressed'), 'false');
    await checkPage(page, 'student-home-es');
  });

  it('keeps Spanish after signing out and in again (the account remembers it)', async () => {
    await signOut(page);
    // The cookie still says Spanish on the sign-in page …
    assert.equal(await htmlLang(page), 'es');
    assert.equal(await h1(page), 'Iniciar sesión');
    assert.ok(await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).isVisible());
    assert.ok(await page.getByLabel('Nombre de usuario', { exact: true }).isVisible());
    await checkPage(page, 'login-es');

    // … but the account, not the cookie, must carry the choice: forget
    // every cookie, so the sign-in page is English again.
    await context.clearCookies();
    await visit(page, '/login');
    assert.equal(await htmlLang(page), 'en');
    const resp = await submitSignIn(page, 'd1.hs.student');
    assert.equal(resp.status(), 200);
    assert.equal(pathOf(page), home);
    assert.equal(await htmlLang(page), 'es');
    await assertSections(page, SECTIONS_ES);
  });

  it('switches back to English, which the account also remembers', async () => {
    await switchLanguage(page, 'en');
    assert.match(await h1(page), /^Welcome, /);
    await assertSections(page, SECTIONS_EN);

    await signOut(page);
    await context.clearCookies();
    await visit(page, '/login');
    await submitSignIn(page, 'd1.hs.student');
    assert.equal(pathOf(page), home);
    assert.equal(await htmlLang(page), 'en');
    await assertSections(page, SECTIONS_EN);
  });
});
