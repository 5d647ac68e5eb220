// Rosters and the new school year, as a district administrator sees them:
// the upload form, a package with a problem uploaded as CSV files by a real
// browser (the CSRF token travels in the form's action) and followed to its
// report, in English and Spanish; and the new-school-year preview. Nothing
// is changed: the package is rejected and the rollover is not started.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkPage,
  clean,
  clickAndWait,
  ensureLanguage,
  h1,
  launchBrowser,
  newPage,
  pathOf,
  signIn,
  switchLanguage,
} from '../lib/waypoint.mjs';

const TS = '2026-08-01T12:00:00.000Z';
const file = (name, lines) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
const PACKAGE = [
  file('manifest.csv', [
    'propertyName,value',
    'manifest.version,1.0',
    'oneroster.version,1.2',
    'file.orgs,bulk',
    'file.users,bulk',
  ]),
  file('orgs.csv', [
    'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
    `sch-1,active,${TS},Test School,school,E2E-SCH,`,
  ]),
  file('users.csv', [
    'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
    `stu-1,active,${TS},maybe,e2e.student,,Eve,Tester,,E2E-1,,,,,09,,,,,,sch-1,`,
  ]),
];

describe('rosters and the new school year', { timeout: 120_000 }, () => {
  let browser;
  let page;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  after(async () => {
    await browser?.close();
  });

  it('a district administrator uploads a package and reads its report', async () => {
    await signIn(page, 'd1.admin');
    await ensureLanguage(page, 'en');
    await clickAndWait(page, page.getByRole('link', { name: 'Administration', exact: true }));
    await clickAndWait(page, page.locator('main ul li a').first());
    const resp = await clickAndWait(page, page.getByRole('link', { name: 'Rosters', exact: true }));
    assert.equal(resp.status(), 200);
    assert.match(pathOf(page), /^\/admin\/orgs\/[^/]+\/rosters$/);
    await checkPage(page, 'rosters-en');

    await page.getByLabel('OneRoster package').setInputFiles(PACKAGE);
    // Follow by hand rather than by the page reloading itself.
    await page.getByLabel('Update the progress on the page automatically').uncheck();
    let sent = await clickAndWait(page, page.getByRole('button', { name: 'Upload and import', exact: true }));
    assert.equal(sent.status(), 200, 'the run page, not a CSRF failure');
    assert.match(pathOf(page), /^\/admin\/orgs\/[^/]+\/rosters\/\d+$/);
    for (let i = 0; i < 100 && (await page.locator('#run-progress').count()) > 0; i++) {
      await page.waitForTimeout(100);
      sent = await clickAndWait(page, page.getByRole('link', { name: 'Check again', exact: true }));
    }
    assert.equal(clean(await page.locator('#run-status').textContent()), 'Rejected');
    const table = page.getByRole('table', { name: /entr/ }).first();
    const row = table.locator('tbody tr').filter({ hasText: 'enabledUser' }).first();
    const cells = (await row.locator('td').allTextContents()).map(clean);
    assert.deepEqual(cells.slice(0, 3), ['users.csv', '2', 'enabledUser'], cells.join(' | '));
    await checkPage(page, 'roster-run-rejected-en');

    await switchLanguage(page, 'es');
    assert.equal(clean(await page.locator('#run-status').textContent()), 'Rechazada');
    await checkPage(page, 'roster-run-rejected-es');
    await switchLanguage(page, 'en');
  });

  it('the new-school-year page shows what would happen, grade by grade', async () => {
    await ensureLanguage(page, 'en');
    const resp = await clickAndWait(page, page.getByRole('link', { name: 'New school year', exact: true }));
    assert.equal(resp.status(), 200);
    assert.match(await h1(page), /^Start a new school year in /);
    assert.ok(await page.getByRole('table', { name: /students, by grade/ }).isVisible());
    assert.ok(await page.getByRole('button', { name: /^Start \d{4}-\d{4}$/ }).isVisible());
    await checkPage(page, 'rollover-en');
    await switchLanguage(page, 'es');
    await checkPage(page, 'rollover-es');
    await switchLanguage(page, 'en');
  });
});
