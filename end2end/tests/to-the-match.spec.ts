import * as fs from 'fs';
import { test, expect, as, call, finalizedDay, open } from './helpers';

// The rank list for the Match (issue 30): an interviewer flags an applicant they interviewed
// "do not rank" on the score sheet, with the reason; the coordinator sees the flag on the rank
// list (the applicant stays on it) and downloads the rank order for the Match, the applicant
// without an NRMP id listed apart.

test('an interviewer flags "do not rank"; the coordinator sees it and exports the rank order', async ({ browser }) => {
  test.setTimeout(150_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const sessionId = await finalizedDay(browser, coordinator, 'Flag session', '2027-06-08', [['Gus Gale', 'gus.gale@demo.test']]);
  const forms = await call(coordinator, 'scoring-forms', {});
  await call(coordinator, 'assign-scoring-form', { session_id: sessionId, form_id: String(forms[0].id) });
  const list = await call(coordinator, 'list-applicants', {});
  const gus = String(list.applicants.find((a: any) => a.name === 'Gus Gale').id);

  // Dr. Rivera, who interviewed Gus, scores him and flags him on the sheet.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  const sheet = await call(rivera, 'score-sheet', { session_id: sessionId, applicant_id: gus });
  const answers = Object.fromEntries(sheet.form.criteria.map((c: any) => [`answers[${c.id}]`, '3']));
  await call(rivera, 'save-score', { session_id: sessionId, applicant_id: gus, ...answers, submit: 'true' });
  await open(rivera, `/scores/${sessionId}/${gus}`);
  const card = rivera.getByRole('region', { name: 'Do not rank' });
  await card.getByLabel('Why not rank them').fill('Dismissive of the nursing staff');
  await card.getByRole('button', { name: 'Flag: do not rank' }).click();
  await expect(card.getByText('Flagged: do not rank')).toBeVisible();
  await expect(card.getByText('Dismissive of the nursing staff')).toBeVisible();
  await rivera.screenshot({ path: 'screenshots/do-not-rank-sheet.png', fullPage: true });
  await rivera.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: 'screenshots/do-not-rank-sheet-phone.png' });

  // The coordinator sees it on the rank list; Gus is still there.
  await open(coordinator, '/ranks');
  const row = coordinator.getByRole('row', { name: /Gus Gale/ });
  await expect(row.getByText('Do not rank', { exact: true })).toBeVisible();
  await expect(row.getByText(/Dr\. Sam Rivera: Dismissive of the nursing staff/)).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/do-not-rank-ranks.png', fullPage: true });

  // The rank order for the Match: Gus has no NRMP id here, so he is listed apart.
  const download = coordinator.waitForEvent('download');
  await coordinator.getByRole('link', { name: 'Rank order for the Match (CSV)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rank-order.csv');
  const lines = fs.readFileSync((await file.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('Rank,NRMP id,AAMC id,Applicant,Final score,Do not rank,Note');
  const gusLine = lines.find((l) => l.includes('Gus Gale'))!;
  expect(gusLine).toMatch(/^,,/);
  expect(gusLine).toContain('Dr. Sam Rivera: Dismissive of the nursing staff');
  expect(gusLine).toContain('No NRMP id');

  // Taken back on the sheet: the rank list no longer shows it.
  await rivera.setViewportSize({ width: 1280, height: 900 });
  await card.getByRole('button', { name: 'Take the flag back' }).click();
  await expect(card.getByRole('button', { name: 'Flag: do not rank' })).toBeVisible();
  await open(coordinator, '/ranks');
  await expect(coordinator.getByRole('row', { name: /Gus Gale/ }).getByText('Do not rank', { exact: true })).toHaveCount(0);
});
