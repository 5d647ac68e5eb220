// A grade-8 student takes the interest survey page by page in the browser
// (no JavaScript of ours: plain forms), meets a missing-answer error, sees
// the results chart and table in English and Spanish, and opens the
// work-values card sort. Every page is checked with axe at two widths.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkPage,
  clickAndWait,
  h1,
  launchBrowser,
  newPage,
  pathOf,
  signIn,
  switchLanguage,
  visit,
} from '../lib/waypoint.mjs';

// Answers by the first letter of an item's id (its RIASEC type).
const ANSWERS = { r: '2', i: '5', a: '5', s: '4', e: '3', c: '1' };

function card(page, title) {
  return page.locator('li.survey', { has: page.getByRole('heading', { name: title, exact: true }) });
}

describe('surveys', { timeout: 180_000 }, () => {
  let browser;
  let page;
  let home;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await signIn(page, 'd1.g8.student');
    home = pathOf(page);
  });
  after(async () => {
    await browser?.close();
  });

  it('lists the surveys for the grade', async () => {
    const interests = page.getByRole('region', { name: 'My interests', exact: true });
    await clickAndWait(page, interests.getByRole('link', { name: 'Take the interest survey', exact: true }));
    assert.equal(pathOf(page), `${home}/assessments`);
    assert.equal(await h1(page), 'My surveys');
    assert.equal(await page.locator('li.survey').count(), 3);
    await checkPage(page, 'surveys-en');
  });

  it('asks for a missing answer next to the question', async () => {
    await clickAndWait(page, card(page, 'What Would I Like to Do?').getByRole('button', { name: 'Start', exact: true }));
    assert.match(pathOf(page), /\/attempts\/\d+\?page=1$/);
    assert.equal(await h1(page), 'What Would I Like to Do?');
    assert.equal(await page.locator('fieldset.item').count(), 6);
    await checkPage(page, 'survey-page-en');

    await page.locator('#q-r01-2').check();
    const resp = await clickAndWait(page, page.getByRole('button', { name: 'Save and go on', exact: true }));
    assert.equal(resp.status(), 422);
    assert.ok(await page.getByRole('alert').isVisible());
    assert.equal(await page.locator('fieldset.item.invalid').count(), 5);
    assert.ok(await page.locator('#q-r01-2').isChecked(), 'the answer given is kept');
    await checkPage(page, 'survey-errors-en');
  });

  it('answers every page and sees the results', async () => {
    for (let n = 0; n < 10; n += 1) {
      const ids = await page.locator('fieldset.item').evaluateAll((sets) => sets.map((s) => s.id.slice(2)));
      for (const id of ids) {
        await page.locator(`#q-${id}-${ANSWERS[id[0]]}`).check();
      }
      const finish = page.getByRole('button', { name: 'Finish and see the results', exact: true });
      if (await finish.count()) {
        await clickAndWait(page, finish);
        break;
      }
      await clickAndWait(page, page.getByRole('button', { name: 'Save and go on', exact: true }));
    }
    assert.match(pathOf(page), /\/results$/);
    assert.equal(await h1(page), 'Results: What Would I Like to Do?');
    assert.ok(await page.getByText('I/A-S', { exact: true }).isVisible());
    assert.ok(await page.getByText('Investigative and Artistic are tied, with 100 each.').isVisible());
    assert.ok(await page.getByRole('img', { name: 'Bar chart of the scores by area, from 0 to 100' }).isVisible());
    assert.ok(await page.getByRole('table', { name: 'Scores by area, from 0 to 100' }).isVisible());
    await checkPage(page, 'survey-results-en');

    await switchLanguage(page, 'es');
    assert.equal(await h1(page), 'Resultados: ¿Qué me gustaría hacer?');
    assert.ok(await page.getByText('Investigador y Artístico están empatadas, con 100 cada una.').isVisible());
    await checkPage(page, 'survey-results-es');
    await switchLanguage(page, 'en');
  });

  it('shows the code on the home page', async () => {
    await visit(page, home);
    const interests = page.getByRole('region', { name: 'My interests', exact: true });
    assert.ok(await interests.getByText('Your interest code: I/A-S').isVisible());
    await checkPage(page, 'student-home-interests-en');
  });

  it('opens the work-values card sort', async () => {
    await visit(page, `${home}/assessments`);
    await clickAndWait(page, card(page, 'What Matters to Me in a Job?').getByRole('button', { name: 'Start', exact: true }));
    assert.equal(await page.locator('fieldset.item').count(), 24);
    assert.ok(await page.getByText('Most important (holds 4)').first().isVisible());
    await checkPage(page, 'survey-sort-en');
    await clickAndWait(page, page.getByRole('button', { name: 'Save and finish later', exact: true }));
    assert.equal(new URL(page.url()).pathname, `${home}/assessments`);
    assert.ok(await page.getByText('Your answers are saved.', { exact: false }).isVisible());
  });
});
