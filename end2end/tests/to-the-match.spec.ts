import * as fs from 'fs';
import { test, expect, as, call, finalizedDay, open } from './helpers';

// The rank list for the Match (issue 30): an interviewer flags an applicant they interviewed
// "do not rank" on the score sheet, with the reason; the coordinator sees the flag on the rank
// list (the applicant stays on it) and downloads the rank order for the Match, the applicant
// without an NRMP id listed apart. After Match Day, the coordinator marks who matched (from the
// results file, pasted ids, by hand) and the Reports page counts matched against ranked.

test('an interviewer flags "do not rank"; the coordinator sees it, exports the rank order and marks who matched', async ({ browser }) => {
  test.setTimeout(240_000);
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

  // Gus's NRMP id comes with a second import of the season's file (it updates by e-mail).
  await open(coordinator, '/applicants');
  await coordinator.getByRole('link', { name: 'Import applicants' }).click();
  await coordinator.getByLabel('CSV file').setInputFiles({
    name: 'ids.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Email,First Name,Last Name,NRMP ID\ngus.gale@demo.test,Gus,Gale,N7770001\n'),
  });
  await coordinator.getByRole('button', { name: 'Preview the import' }).click();
  await coordinator.getByRole('button', { name: 'Import 1 applicant' }).click();
  await expect(coordinator.getByText('Imported ids.csv: 0 added, 1 updated.')).toBeVisible();

  // After Match Day: the results file names Gus by his NRMP id, and an id nobody has.
  await open(coordinator, '/ranks');
  const matchCard = coordinator.getByRole('region', { name: 'After Match Day' });
  await expect(matchCard.getByTestId('matched-count')).toHaveText('Nobody on this list is marked as matched yet.');
  await matchCard.getByLabel('Match results (CSV)').setInputFiles({
    name: 'match-results.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Applicant Name,NRMP ID,Specialty\n"Gale, Gus",N7770001,Internal Medicine\n"Nobody, Ned",N0000404,Surgery\n'),
  });
  await matchCard.getByRole('button', { name: "Mark the file's applicants as matched" }).click();
  await expect(matchCard.getByText(/^Marked 1 applicant as matched: Gus Gale\. Not found \(1\): N0000404\./)).toBeVisible();
  const gusRow = coordinator.getByRole('row', { name: /Gus Gale/ });
  await expect(gusRow.getByText('Matched', { exact: true })).toBeVisible();
  await expect(matchCard.getByTestId('matched-count')).toHaveText('1 applicant on this list is marked as matched.');
  // The answer stays to be read when the live push writes the list again.
  await coordinator.waitForTimeout(1_000);
  await expect(matchCard.getByText(/Not found \(1\): N0000404\./)).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/matched-ranks.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await matchCard.screenshot({ path: 'screenshots/matched-card-phone.png' });
  await coordinator.setViewportSize({ width: 1280, height: 900 });

  // Pasted ids take a mark back; a header without an id column is refused under the field.
  const pasted = matchCard.getByLabel('Or paste NRMP or AAMC ids');
  await pasted.fill('Name,Email\nGus Gale,gus.gale@demo.test');
  await matchCard.getByRole('button', { name: 'Mark as matched' }).click();
  await expect(matchCard.getByText(/No column of NRMP or AAMC ids was found \(the columns are Name, Email\)/)).toBeVisible();
  await expect(pasted).toHaveAttribute('aria-invalid', 'true');
  await pasted.fill('n7770001');
  await matchCard.getByRole('button', { name: 'Take their marks back' }).click();
  await expect(matchCard.getByText('Took back the mark of 1 applicant: Gus Gale.')).toBeVisible();
  await expect(gusRow.getByText('Matched', { exact: true })).toHaveCount(0);

  // By hand, in his row.
  await gusRow.getByText('Scores of Gus Gale').click();
  await gusRow.getByRole('button', { name: 'Mark Gus Gale as matched' }).click();
  await expect(gusRow.getByText('Matched', { exact: true })).toBeVisible();

  // The Reports page: matched of ranked, for his session and for Dr. Rivera, who scored him.
  await open(coordinator, '/reports');
  const bySession = coordinator.getByRole('region', { name: 'Match by session' });
  const flagRow = bySession.getByRole('row', { name: /Flag session/ });
  await expect(flagRow.getByRole('cell')).toHaveText(['Tue, Jun 8, 2027', '1', '1', '100 %']);
  const byInterviewer = coordinator.getByRole('region', { name: 'Match by interviewer' });
  await expect(byInterviewer.getByRole('row', { name: /Dr\. Sam Rivera/ })).toBeVisible();
  await bySession.scrollIntoViewIfNeeded();
  await coordinator.screenshot({ path: 'screenshots/matched-reports.png', fullPage: true });
});
