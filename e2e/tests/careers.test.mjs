// A student explores careers: searches with a typo, filters, opens a career
// page, saves it with a note, finds it on their list and their home page,
// and removes it; in English and Spanish. Plain links and forms (no
// JavaScript of ours); every page is checked with axe at two widths. The
// demo loads the real O*NET and BLS files when it finds them, else its
// synthetic sample: both have Registered Nurses and Electricians.

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

function resultLinks(page) {
  return page.locator('table.career-results th[scope=row] a');
}

describe('careers', { timeout: 180_000 }, () => {
  let browser;
  let page;
  let home;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    await signIn(page, 'd2.ms.student');
    home = pathOf(page);
  });
  after(async () => {
    await browser?.close();
  });

  it('searches from the navigation, forgiving a typo', async () => {
    await clickAndWait(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Careers', exact: true }));
    assert.equal(pathOf(page), '/careers');
    assert.equal(await h1(page), 'Explore careers');
    await checkPage(page, 'careers-en');

    await page.getByLabel('Job title or keywords', { exact: true }).fill('electrcian');
    await clickAndWait(page, page.getByRole('button', { name: 'Search', exact: true }));
    assert.equal(await resultLinks(page).first().textContent(), 'Electricians');
    await checkPage(page, 'careers-typo-en');
  });

  it('filters, and says so when nothing is found', async () => {
    await visit(page, '/careers?q=nurse');
    const all = await resultLinks(page).count();
    assert.ok(all >= 3);
    await page.getByLabel('Preparation needed', { exact: true }).selectOption('5');
    await clickAndWait(page, page.getByRole('button', { name: 'Search', exact: true }));
    assert.ok((await resultLinks(page).count()) < all);
    assert.equal(await page.getByLabel('Preparation needed', { exact: true }).inputValue(), '5', 'the filter is kept');

    await visit(page, '/careers?q=zzxqv+wwkj');
    assert.ok(await page.getByRole('heading', { name: 'No careers found', exact: true }).isVisible());
    await checkPage(page, 'careers-none-en');

    const resp = await visit(page, '/careers?min_wage=lots');
    assert.equal(resp.status(), 422);
    assert.ok(await page.getByRole('alert').isVisible());
    await checkPage(page, 'careers-error-en');
  });

  it('reads a career and saves it with a note', async () => {
    await visit(page, '/careers?q=registered+nurse');
    await clickAndWait(page, resultLinks(page).filter({ hasText: 'Registered Nurses' }).first());
    assert.equal(pathOf(page), '/careers/29-1141.00');
    assert.equal(await h1(page), 'Registered Nurses');
    for (const name of ['What the work is like', 'Interests', 'Education and training', 'Wages and outlook']) {
      assert.ok(await page.getByRole('region', { name, exact: true }).isVisible(), name);
    }
    await checkPage(page, 'career-en');

    await page.getByLabel('Note (optional)', { exact: true }).fill('Ask the school nurse about her job');
    await clickAndWait(page, page.getByRole('button', { name: 'Save to my careers', exact: true }));
    assert.equal(pathOf(page), '/careers/29-1141.00?notice=career-saved');
    assert.ok(await page.getByRole('status').isVisible());
    await checkPage(page, 'career-saved-en');
  });

  it('finds it on the list and the home page, and removes it', async () => {
    await visit(page, home);
    const card = page.getByRole('region', { name: 'My careers', exact: true });
    assert.ok(await card.getByRole('link', { name: 'Registered Nurses', exact: true }).isVisible());
    await clickAndWait(page, card.getByRole('link', { name: 'See the saved career', exact: true }));
    assert.equal(pathOf(page), `${home}/careers`);
    assert.equal(await h1(page), 'My careers');
    assert.equal(await page.getByLabel('Note on Registered Nurses', { exact: true }).inputValue(), 'Ask the school nurse about her job');
    await checkPage(page, 'careers-list-en');

    await clickAndWait(page, page.getByRole('button', { name: 'Remove Registered Nurses from my careers', exact: true }));
    assert.ok(await page.getByText('You have not saved any careers yet.').isVisible());
  });

  it('works in Spanish', async () => {
    await switchLanguage(page, 'es');
    await visit(page, '/careers?q=nurse');
    assert.equal(await h1(page), 'Explorar carreras');
    await checkPage(page, 'careers-es');
    await visit(page, '/careers/29-1141.00');
    assert.ok(await page.getByRole('region', { name: 'Salarios y perspectivas', exact: true }).isVisible());
    assert.equal(await page.locator('h1').getAttribute('lang'), 'en', 'O*NET titles are marked as English');
    await checkPage(page, 'career-es');
    await switchLanguage(page, 'en');
  });
});
