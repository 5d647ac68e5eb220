// The portable record: a guardian opens the printable record from the
// student's page (English and Spanish), a student who saved a career and
// began a survey finds both in their record, and a district administrator
// opens a school's import form and uploads a file that is not a record,
// which comes back as a list of problems (the upload's CSRF token travels
// in the form's action, so this also checks that a real browser gets
// through).

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
  signOut,
  switchLanguage,
  visit,
} from '../lib/waypoint.mjs';

describe('portable record', { timeout: 120_000 }, () => {
  let browser;
  let page;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  after(async () => {
    await browser?.close();
  });

  it("a guardian opens the student's whole record", async () => {
    await signIn(page, 'd1.guardian');
    await ensureLanguage(page, 'en');
    const card = page.locator('main ul.cards > li.card').first();
    const link = card.getByRole('heading', { level: 2 }).getByRole('link');
    const name = clean(await link.textContent());
    const studentPath = await link.getAttribute('href');
    await clickAndWait(page, link);
    const resp = await clickAndWait(
      page,
      page.getByRole('link', { name: 'The whole record, to print or download', exact: true }),
    );
    assert.equal(resp.status(), 200);
    assert.equal(pathOf(page), `${studentPath}/record`);
    assert.equal(await h1(page), `Portable record of ${name}`);
    const download = page.getByRole('link', { name: 'Download the record as a file (JSON)', exact: true });
    assert.equal(await download.getAttribute('href'), `${studentPath}/record.json`);
    assert.ok(await page.getByRole('heading', { name: 'Schools attended', exact: true }).isVisible());
    assert.ok(await page.getByRole('heading', { name: 'Who has seen this record', exact: true }).isVisible());
    assert.ok(await page.getByRole('heading', { level: 2, name: 'Surveys', exact: true }).isVisible());
    assert.ok(await page.getByRole('heading', { level: 2, name: 'Saved careers', exact: true }).isVisible());
    await checkPage(page, 'record-en');

    await switchLanguage(page, 'es');
    assert.equal(await h1(page), `Expediente portátil de ${name}`);
    await checkPage(page, 'record-es');
    await switchLanguage(page, 'en');
    await signOut(page);
  });

  it('a student finds their surveys and saved careers in the record', async () => {
    const { page: sp } = await newPage(browser);
    await signIn(sp, 'd1.ms.student');
    await ensureLanguage(sp, 'en');
    const home = pathOf(sp);
    await visit(sp, '/careers/29-1141.00');
    await sp.getByLabel('Note (optional)', { exact: true }).fill('Shadow a nurse for a day');
    await clickAndWait(sp, sp.getByRole('button', { name: 'Save to my careers', exact: true }));
    await visit(sp, `${home}/assessments`);
    const survey = sp.locator('li.survey', {
      has: sp.getByRole('heading', { name: 'What Would I Like to Do?', exact: true }),
    });
    await clickAndWait(sp, survey.getByRole('button', { name: 'Start', exact: true }));
    const ids = await sp.locator('fieldset.item').evaluateAll((sets) => sets.map((s) => s.id.slice(2)));
    for (const id of ids) {
      await sp.locator(`#q-${id}-3`).check();
    }
    await clickAndWait(sp, sp.getByRole('button', { name: 'Save and finish later', exact: true }));

    const resp = await visit(sp, `${home}/record`);
    assert.equal(resp.status(), 200);
    const surveys = sp.getByRole('region', { name: 'Surveys', exact: true });
    const attempt = surveys.getByRole('heading', { level: 3 });
    assert.match(clean(await attempt.textContent()), /^What Would I Like to Do\?, started \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const summary = surveys.locator('summary');
    assert.equal(clean(await summary.textContent()), `Show the answers (${ids.length})`);
    await summary.click();
    assert.equal(await surveys.getByRole('table', { name: 'Answers to What Would I Like to Do?' }).locator('tbody tr').count(), ids.length);
    const careers = sp.getByRole('region', { name: 'Saved careers', exact: true });
    assert.ok(await careers.getByRole('rowheader', { name: 'Registered Nurses', exact: true }).isVisible());
    assert.ok(await careers.getByText('Shadow a nurse for a day', { exact: true }).isVisible());
    await checkPage(sp, 'record-student-en');

    await switchLanguage(sp, 'es');
    assert.ok(await sp.getByRole('heading', { level: 2, name: 'Carreras guardadas', exact: true }).isVisible());
    assert.ok(await sp.getByRole('heading', { level: 2, name: 'Encuestas', exact: true }).isVisible());
    await checkPage(sp, 'record-student-es');
    await switchLanguage(sp, 'en');
    await sp.context().close();
  });

  it('a district administrator finds the import form and gets problems listed', async () => {
    await signIn(page, 'd1.admin');
    await ensureLanguage(page, 'en');
    await clickAndWait(page, page.getByRole('link', { name: 'Administration', exact: true }));
    await clickAndWait(page, page.locator('main ul li a').first());
    // The district's page lists its schools; open the first one.
    await clickAndWait(page, page.locator('main section[aria-labelledby="children-heading"] ul li a').first());
    assert.match(pathOf(page), /^\/admin\/orgs\/[^/]+$/);
    const resp = await clickAndWait(page, page.getByRole('link', { name: 'Import a record', exact: true }));
    assert.equal(resp.status(), 200);
    assert.match(pathOf(page), /^\/admin\/orgs\/[^/]+\/record-import$/);
    await checkPage(page, 'record-import-en');

    await page.getByLabel('Portable record (a .json file)').setInputFiles({
      name: 'not-a-record.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "something-else"}'),
    });
    const sent = await clickAndWait(page, page.getByRole('button', { name: 'Import the record', exact: true }));
    assert.equal(sent.status(), 422, 'refused with the form again, not a CSRF failure');
    const summary = clean(await page.locator('.error-summary').textContent());
    assert.ok(summary.includes('This file is not a Waypoint portable record.'), summary);
    assert.equal(await page.getByLabel('Portable record (a .json file)').getAttribute('aria-invalid'), 'true');
    await checkPage(page, 'record-import-errors-en');
  });
});
