// A grade-8 student, in Spanish, takes the interest survey, sees the results, opens the
// careers that match them with the reasons in words, filters them by education, saves one
// and finds it on their list. Plain links and forms (no JavaScript of ours); every page is
// checked with axe at two widths. The demo loads the real O*NET and BLS files when it finds
// them, else its synthetic sample: the checks hold for both.
//
// The account is d2.g8.student, used by no other test file (surveys.test.mjs takes the
// survey as d1.g8.student and expects to find it not started, in English).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkPage,
  clean,
  clickAndWait,
  h1,
  launchBrowser,
  newPage,
  pathOf,
  signIn,
  switchLanguage,
  visit,
} from '../lib/waypoint.mjs';

// Answers by the first letter of an item's id (its RIASEC type): Investigative and
// Artistic highest, then Social.
const ANSWERS = { r: '2', i: '5', a: '5', s: '4', e: '3', c: '1' };

function matchItems(page) {
  return page.locator('ol.matches > li');
}

/** The numbers in "Se muestran 25 de 312 carreras…": [shown, total]. */
async function counts(page) {
  const text = clean(await page.locator('#matches-count').textContent());
  const numbers = (text.match(/\d+/g) ?? []).map(Number);
  assert.equal(numbers.length, 2, `count line: ${text}`);
  return numbers;
}

describe('matches', { timeout: 240_000 }, () => {
  let browser;
  let page;
  let home;
  let savedTitle;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await signIn(page, 'd2.g8.student');
    home = pathOf(page);
  });
  after(async () => {
    await browser?.close();
  });

  it('takes the interest survey in Spanish and sees the results', async () => {
    await switchLanguage(page, 'es');
    const interests = page.getByRole('region', { name: 'Mis intereses', exact: true });
    await clickAndWait(page, interests.getByRole('link', { name: 'Hacer la encuesta de intereses', exact: true }));
    assert.equal(pathOf(page), `${home}/assessments`);
    const survey = page.locator('li.survey', {
      has: page.getByRole('heading', { name: '¿Qué me gustaría hacer?', exact: true }),
    });
    await clickAndWait(page, survey.getByRole('button', { name: 'Empezar', exact: true }));
    assert.match(pathOf(page), /\/attempts\/\d+\?page=1$/);
    for (let n = 0; n < 12; n += 1) {
      const ids = await page.locator('fieldset.item').evaluateAll((sets) => sets.map((s) => s.id.slice(2)));
      for (const id of ids) {
        await page.locator(`#q-${id}-${ANSWERS[id[0]]}`).check();
      }
      const finish = page.getByRole('button', { name: 'Terminar y ver los resultados', exact: true });
      if (await finish.count()) {
        await clickAndWait(page, finish);
        break;
      }
      await clickAndWait(page, page.getByRole('button', { name: 'Guardar y seguir', exact: true }));
    }
    assert.match(pathOf(page), /\/results$/);
    assert.equal(await h1(page), 'Resultados: ¿Qué me gustaría hacer?');
    await checkPage(page, 'matches-survey-results-es');
  });

  it('opens the matches from the home page and reads the reasons', async () => {
    await visit(page, home);
    const interests = page.getByRole('region', { name: 'Mis intereses', exact: true });
    await clickAndWait(
      page,
      interests.getByRole('link', { name: 'Ver carreras que coinciden con mis intereses', exact: true }),
    );
    assert.equal(pathOf(page), `${home}/matches`);
    assert.equal(await h1(page), 'Carreras que coinciden con tus intereses');
    assert.ok(await page.getByText('Tus puntuaciones más altas son en Investigador y Artístico.', { exact: true }).isVisible());
    const items = matchItems(page);
    assert.ok((await items.count()) > 0, 'some careers match');
    const first = clean(await items.first().textContent());
    assert.match(first, /Coincidencia: \d+ de 100/);
    assert.match(first, /Tienes puntuaciones altas en Investigador y Artístico; esta carrera es sobre todo /);
    const link = items.first().getByRole('link');
    assert.match(await link.getAttribute('href'), /^\/careers\/\d\d-\d{4}\.\d\d$/);
    assert.ok(await page.getByRole('heading', { name: 'Cómo se buscan las coincidencias', exact: true }).isVisible());
    await checkPage(page, 'matches-es');
  });

  it('filters by education without JavaScript', async () => {
    const [, unfiltered] = await counts(page);
    const education = page.getByLabel('Estudios necesarios para empezar, como máximo', { exact: true });
    await education.selectOption('bachelor');
    await clickAndWait(page, page.getByRole('button', { name: 'Mostrar coincidencias', exact: true }));
    assert.match(pathOf(page), /\/matches\?education=bachelor/);
    assert.equal(await education.inputValue(), 'bachelor', 'the filter is kept');
    const [, filtered] = await counts(page);
    assert.ok(filtered > 0 && filtered < unfiltered, `${filtered} of ${unfiltered}`);
    for (const text of await matchItems(page).allTextContents()) {
      assert.doesNotMatch(clean(text), /Maestría|Doctorado/, 'no career needs more than a bachelor’s degree');
    }
    await checkPage(page, 'matches-filtered-es');
  });

  it('saves a match and finds it on the list', async () => {
    const first = matchItems(page).first();
    savedTitle = clean(await first.getByRole('link').textContent());
    await clickAndWait(page, first.getByRole('button', { name: `Guardar ${savedTitle} en mis carreras`, exact: true }));
    assert.match(pathOf(page), /\/matches\?education=bachelor&notice=career-saved$/, 'back to the filtered matches');
    assert.ok(await page.getByRole('status').filter({ hasText: 'La carrera está en tu lista.' }).isVisible());
    const saved = matchItems(page).filter({ has: page.getByRole('link', { name: savedTitle, exact: true }) });
    assert.ok(await saved.getByText('Está en tu lista', { exact: true }).isVisible());
    assert.equal(await saved.getByRole('button').count(), 0, 'no save button on a saved career');
    await checkPage(page, 'matches-saved-es');

    await visit(page, `${home}/careers`);
    assert.equal(await h1(page), 'Mis carreras');
    assert.ok(await page.getByRole('link', { name: savedTitle, exact: true }).isVisible());
    await clickAndWait(page, page.getByRole('link', { name: 'Ver carreras que coinciden con mis intereses', exact: true }));
    assert.equal(pathOf(page), `${home}/matches`);
    await switchLanguage(page, 'en');
    assert.equal(await h1(page), 'Careers that match your interests');
    await checkPage(page, 'matches-en');
  });
});
