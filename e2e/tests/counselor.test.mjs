// A counselor: the caseload at /staff, the school-wide list, searching it,
// a student's page and their reporting information, in English and Spanish.

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

/** The rows of the caseload table: name as shown ("Family, Given") and link. */
async function rows(page) {
  const links = page.locator('main table tbody tr td:first-child a');
  const out = [];
  for (const a of await links.all()) {
    out.push({ name: clean(await a.textContent()), href: await a.getAttribute('href') });
  }
  return out;
}

/** The count in the table's caption ("123 results" / "One result"). */
async function resultCount(page) {
  const caption = clean(await page.locator('main table caption').textContent());
  if (/^(One|Un) /i.test(caption)) return 1;
  const m = caption.match(/(\d[\d.,\s]*)/);
  assert.ok(m, `a count in the caption "${caption}"`);
  return Number(m[1].replace(/\D/g, ''));
}

describe('counselor', { timeout: 120_000 }, () => {
  let browser;
  let page;
  let schoolTotal;
  let first;
  let studentPath;

  before(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  after(async () => {
    await browser?.close();
  });

  it('signs in and lands on /staff with their caseload views', async () => {
    await signIn(page, 'd1.counselor');
    await ensureLanguage(page, 'en');
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.equal(await h1(page), 'My students');
    const views = page.getByRole('navigation', { name: 'Student lists' });
    assert.ok(await views.getByRole('link', { name: 'My mentees', exact: true }).isVisible());
    assert.equal(
      await views.getByRole('link', { name: 'My mentees', exact: true }).getAttribute('aria-current'),
      'page',
      'the mentees view is the default',
    );
    assert.ok(await page.getByRole('search').isVisible(), 'a search form');
    await checkPage(page, 'staff-mentees-en');
  });

  it('opens "All students at my school" and sees a table of students', async () => {
    const views = page.getByRole('navigation', { name: 'Student lists' });
    const tab = views.getByRole('link', { name: 'All students at my school', exact: true });
    const resp = await clickAndWait(page, tab);
    assert.equal(resp.status(), 200);
    assert.equal(new URL(page.url()).searchParams.get('view'), 'school');
    assert.equal(await tab.getAttribute('aria-current'), 'page');
    const list = await rows(page);
    assert.ok(list.length > 1, `the school has students (got ${list.length})`);
    schoolTotal = await resultCount(page);
    assert.ok(schoolTotal >= list.length, `caption count ${schoolTotal} ≥ rows shown ${list.length}`);
    first = list[0];
    assert.match(first.name, /^.+, .+$/, 'rows show "Family, Given"');
    assert.match(first.href, /^\/students\/[^/]+$/);
    // Column headers are real header cells.
    const headers = (await page.locator('main table thead th[scope=col]').allTextContents()).map(clean);
    assert.deepEqual(headers.slice(0, 3), ['Name', 'Grade', 'School']);
    await checkPage(page, 'staff-school-en');
  });

  it('searches the school by a name prefix and sees the table filtered', async () => {
    const family = first.name.split(',')[0].trim();
    const prefix = family.slice(0, Math.min(3, family.length));
    const search = page.getByRole('search');
    await search.getByLabel('Search by name or state ID').fill(prefix);
    const resp = await clickAndWait(page, search.getByRole('button', { name: 'Search', exact: true }));
    assert.equal(resp.status(), 200);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), prefix);
    assert.equal(url.searchParams.get('view'), 'school', 'the search stays in the school view');
    assert.equal(await search.getByLabel('Search by name or state ID').inputValue(), prefix, 'the query is kept');

    const list = await rows(page);
    assert.ok(list.length >= 1, 'the student the prefix came from is found');
    const total = await resultCount(page);
    assert.ok(total < schoolTotal, `filtered: ${total} results of ${schoolTotal}`);
    const p = prefix.toLowerCase();
    for (const r of list) {
      const [fam, given] = r.name.split(',').map((s) => s.trim().toLowerCase());
      assert.ok(fam.startsWith(p) || given.startsWith(p), `"${r.name}" matches the prefix "${prefix}"`);
    }
    assert.ok(
      list.some((r) => r.href === first.href),
      `the first student (${first.name}) is among the results`,
    );
    await checkPage(page, 'staff-search-en');
  });

  it("opens a student's page", async () => {
    const link = page.locator(`main table a[href="${first.href}"]`);
    const resp = await clickAndWait(page, link);
    assert.equal(resp.status(), 200);
    studentPath = first.href;
    assert.equal(pathOf(page), studentPath);
    const [fam, given] = first.name.split(',').map((s) => s.trim());
    assert.equal(await h1(page), `${given} ${fam}`, "the student's name is the heading");
    const record = page.getByRole('region', { name: 'Record', exact: true });
    assert.ok(await record.getByRole('link', { name: 'Reporting information', exact: true }).isVisible());
    await checkPage(page, 'staff-student-en');
  });

  it('opens "Reporting information" and sees it, read-only', async () => {
    const link = page.getByRole('link', { name: 'Reporting information', exact: true });
    const resp = await clickAndWait(page, link);
    assert.equal(resp.status(), 200);
    assert.equal(pathOf(page), `${studentPath}/demographics`);
    assert.match(await h1(page), /^Reporting information: .+/);
    // Counselors may read reporting information but not change it (see
    // waypoint-domain's authz): the page lists it instead of a form.
    assert.equal(await page.locator('main form').count(), 0, 'no edit form for a counselor');
    const facts = (await page.locator('main dl.facts dt').allTextContents()).map(clean);
    for (const label of ['Race and ethnicity', 'Gender', 'Low income', 'English learner']) {
      assert.ok(facts.includes(label), `"${label}" is listed (saw ${facts.join(', ')})`);
    }
    await checkPage(page, 'demographics-readonly-en');
  });

  it('a district admin opens the same page and gets the form', async () => {
    const admin = await newPage(browser);
    try {
      const p = admin.page;
      await signIn(p, 'd1.admin');
      await ensureLanguage(p, 'en');
      const resp = await visit(p, `${studentPath}/demographics`);
      assert.equal(resp.status(), 200);
      const form = p.locator(`main form[action="${studentPath}/demographics"]`);
      assert.ok(await form.isVisible(), 'a district admin may edit the reporting information');
      assert.ok(await form.getByLabel('Race and ethnicity', { exact: true }).isVisible());
      assert.ok(await form.getByLabel('Gender', { exact: true }).isVisible());
      const programs = form.getByRole('group', { name: 'Programs and circumstances' });
      assert.ok(await programs.isVisible());
      assert.ok(await programs.getByLabel('English learner', { exact: true }).isVisible());
      assert.ok(await form.getByRole('button', { name: 'Save', exact: true }).isVisible());
      await checkPage(p, 'demographics-form-en');
    } finally {
      await admin.context.close();
    }
  });

  it('works in Spanish', async () => {
    await switchLanguage(page, 'es');
    assert.match(await h1(page), /^Información para informes: .+/);
    await checkPage(page, 'demographics-es');

    await visit(page, '/staff');
    assert.equal(await htmlLang(page), 'es');
    assert.equal(await h1(page), 'Mis estudiantes');
    const views = page.getByRole('navigation', { name: 'Listas de estudiantes' });
    assert.ok(await views.getByRole('link', { name: 'Mis estudiantes asignados', exact: true }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).isVisible());
    await checkPage(page, 'staff-mentees-es');

    await clickAndWait(page, views.getByRole('link', { name: 'Todos los estudiantes de mi escuela', exact: true }));
    assert.equal(await page.locator('main table thead th').first().textContent().then(clean), 'Nombre');
    await checkPage(page, 'staff-school-es');

    await switchLanguage(page, 'en');
    assert.equal(await h1(page), 'My students');
  });

  it("opens the school's interests and careers report from the staff home", async () => {
    await visit(page, '/staff');
    const reports = page.getByRole('region', { name: 'School reports', exact: true });
    const link = reports.getByRole('link', { name: /^Interests and careers at / });
    const resp = await clickAndWait(page, link);
    assert.equal(resp.status(), 200);
    assert.match(pathOf(page), /^\/admin\/orgs\/[^/]+\/interests$/);
    assert.match(await h1(page), /^Interests and careers at .+/);
    // Counts only: a table with a caption and header cells, or, for a
    // small group, the sentence that says no figures are shown.
    const tables = await page.locator('main table').count();
    if (tables > 0) {
      assert.equal(
        clean(await page.locator('#interests-caption').textContent()),
        'Students by top interest type',
      );
      assert.ok((await page.locator('main table th[scope=row]').count()) >= 8, 'a row per type');
    } else {
      assert.ok(await page.getByText('This group has fewer than 10 students').isVisible());
    }
    await checkPage(page, 'school-report-en');

    // One grade, through the form.
    const form = page.locator('main form.search');
    const grade = form.getByLabel('Grade', { exact: true });
    const choices = await grade.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(choices.length > 0, 'grades to choose from');
    await grade.selectOption(choices[choices.length - 1]);
    const r2 = await clickAndWait(page, form.getByRole('button', { name: 'Show', exact: true }));
    assert.equal(r2.status(), 200);
    assert.equal(new URL(page.url()).searchParams.get('grade'), choices[choices.length - 1]);
    assert.equal(await grade.inputValue(), choices[choices.length - 1], 'the grade is kept');
    await checkPage(page, 'school-report-grade-en');

    await switchLanguage(page, 'es');
    assert.match(await h1(page), /^Intereses y carreras en .+/);
    await checkPage(page, 'school-report-es');
    await switchLanguage(page, 'en');
  });
});
