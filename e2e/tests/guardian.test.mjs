// A guardian: their students, a student's page, and the record of who has
// seen it (which must show the guardian's own visit), in English and Spanish.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkPage,
  clean,
  clickAndWait,
  ensureLanguage,
  h1,
  htmlLang,
  launchBrowser,
  newPage,
  pathOf,
  signIn,
  switchLanguage,
  visit,
} from '../lib/waypoint.mjs';

describe('guardian', { timeout: 120_000 }, () => {
  let browser;
  let page;
  let me;
  let student;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  after(async () => {
    await browser?.close();
  });

  it('signs in and sees their student card(s)', async () => {
    await signIn(page, 'd1.guardian');
    await ensureLanguage(page, 'en');
    assert.equal(pathOf(page), '/guardian');
    assert.equal(await h1(page), 'My students');
    me = clean(await page.locator('header .whoami').textContent()).replace(/^Signed in as /, '');
    assert.ok(me.length > 0, 'the header names the guardian');

    const cards = page.locator('main ul.cards > li.card');
    assert.ok((await cards.count()) >= 1, 'at least one student card');
    const link = cards.first().getByRole('heading', { level: 2 }).getByRole('link');
    student = { name: clean(await link.textContent()), href: await link.getAttribute('href') };
    assert.match(student.href, /^\/students\/[^/]+$/);
    assert.match(clean(await cards.first().textContent()), /Grade \d+/, 'the card shows the grade');
    await checkPage(page, 'guardian-home-en');
  });

  it("opens the student's page", async () => {
    const resp = await clickAndWait(page, page.getByRole('link', { name: student.name, exact: true }).first());
    assert.equal(resp.status(), 200);
    assert.equal(pathOf(page), student.href);
    assert.equal(await h1(page), student.name);
    const facts = clean(await page.getByRole('region', { name: 'Profile', exact: true }).textContent());
    assert.ok(facts.includes(me), `the guardian (${me}) is listed on the student's page: "${facts}"`);
    // Seen by a parent, the page speaks about the student, not to them.
    assert.equal(await page.getByRole('heading', { name: 'Interests', exact: true }).count(), 1);
    assert.equal(await page.getByRole('heading', { name: 'My interests', exact: true }).count(), 0);
    await checkPage(page, 'guardian-student-en');
  });

  it('opens "Who has seen this record" and finds their own visit', async () => {
    const resp = await clickAndWait(page, page.getByRole('link', { name: 'Who has seen this record', exact: true }));
    assert.equal(resp.status(), 200);
    assert.equal(pathOf(page), `${student.href}/access-log`);
    assert.equal(await h1(page), 'Who has seen this record');
    const rows = page.locator('main table tbody tr');
    assert.ok((await rows.count()) >= 1, 'at least one entry');
    const who = (await page.locator('main table tbody tr td:nth-child(2)').allTextContents()).map(clean);
    assert.ok(who.includes(me), `the guardian's own view (${me}) is recorded; saw: ${[...new Set(who)].join('; ')}`);
    assert.ok(await page.getByRole('link', { name: "Back to the student's page" }).isVisible());
    await checkPage(page, 'access-log-en');
  });

  it('works in Spanish', async () => {
    await switchLanguage(page, 'es');
    assert.equal(await h1(page), 'Quién ha visto este expediente');
    assert.ok((await page.locator('main table tbody tr').count()) >= 1);
    await checkPage(page, 'access-log-es');

    await visit(page, student.href);
    assert.equal(await htmlLang(page), 'es');
    assert.ok(await page.getByRole('link', { name: 'Quién ha visto este expediente', exact: true }).isVisible());
    await checkPage(page, 'guardian-student-es');

    await visit(page, '/guardian');
    assert.equal(await h1(page), 'Mis estudiantes');
    assert.ok(await page.getByRole('link', { name: student.name, exact: true }).first().isVisible());
    await checkPage(page, 'guardian-home-es');

    await switchLanguage(page, 'en');
    assert.equal(await h1(page), 'My students');
  });
});
