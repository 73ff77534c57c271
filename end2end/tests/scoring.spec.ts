import type { Page } from '@playwright/test';
import * as fs from 'fs';
import { test, expect, as, bookedSession, call, finalizedDay, lastEmail, linkIn, open } from './helpers';

// Scoring, from the form to the rank list: the coordinator builds a form (and previews it), two
// interviewers score the same applicant in their own browsers (neither ever sees the other's
// answers; a draft made offline is sent when back online), a missing score is flagged and
// reminded, a final score is set by hand with its reason, calibration re-sorts the list, an
// applicant is moved with the keyboard and by drag and drop, and the list is exported as CSV.

const APPLICANTS = ['Ava Alder', 'Bo Birch', 'Cy Cedar', 'Di Dogwood'];
const emailOf = (name: string) => `${name.toLowerCase().replace(' ', '.')}@demo.test`;

/** The applicants' names down the rank list. */
async function order(page: Page): Promise<string[]> {
  const cells = page.locator('table.rank-table tbody tr td[data-label="Applicant"]');
  await expect(cells.first()).toBeVisible();
  return (await cells.evaluateAll((tds) => tds.map((td) => td.childNodes[0].textContent!.trim())));
}

test('Scoring: a form built, two interviewers apart, missing flagged, override, calibration, keyboard reorder, CSV', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  // Every applicant meets Dr. Rivera and Dr. Patel (the director, who also interviews).
  const sessionId = await finalizedDay(browser, coordinator, 'Scoring session', '2027-05-04', APPLICANTS.map((n) => [n, emailOf(n)]));

  // The coordinator writes the form: two criteria, the second optional, anchors for the first.
  await coordinator.getByRole('link', { name: 'Scoring forms' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Scoring forms', level: 1 })).toBeVisible();
  const editor = coordinator.getByRole('region', { name: 'Form editor' });
  await editor.getByLabel('Form name').fill('Panel interview');
  const first = editor.getByRole('group', { name: /^Criterion 1/ });
  await first.getByLabel('Name').fill('Communication');
  await first.getByLabel('Description').fill('Explains clearly and checks understanding.');
  await first.getByLabel('What each score looks like').fill('1: Hard to follow\n5: Clear, concise, checks understanding');
  const second = editor.getByRole('group', { name: /^Criterion 2/ });
  await second.getByLabel('Name').fill('Professionalism');
  await second.getByRole('checkbox', { name: /Optional/ }).check();
  await editor.getByRole('button', { name: 'Save the form' }).click();
  const card = coordinator.getByRole('article', { name: 'Panel interview' });
  await expect(card).toBeVisible();
  await card.getByText('Preview as interviewers see it').click();
  await expect(card.getByText('Clear, concise, checks understanding')).toBeVisible();
  await expect(card.getByText('(optional)')).toBeVisible();
  // The session is scored on it.
  await coordinator.getByLabel('Scoring form of Scoring session').selectOption({ label: 'Panel interview' });
  const row = coordinator.getByRole('row', { name: /Scoring session/ });
  await row.getByRole('button', { name: 'Set' }).click();
  await expect(row.getByText('Saved.')).toBeVisible();

  // Dr. Rivera scores Di on a phone: a draft saved as she goes, one made offline sent when the
  // connection is back, then submitted.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await rivera.setViewportSize({ width: 390, height: 844 });
  const patel = await as(browser, 'director@demo.test', /\/overview$/);
  for (const page of [rivera, patel]) {
    await open(page, '/scores');
    await expect(page.getByRole('heading', { name: 'Scoring', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Score Di Dogwood' }).click();
    await expect(page.getByRole('heading', { name: 'Di Dogwood' })).toBeVisible();
  }
  const communication = (page: Page) => page.getByRole('group', { name: 'Communication' });
  await communication(rivera).getByRole('radio', { name: '4', exact: true }).check();
  await expect(rivera.getByText(/Draft saved at/)).toBeVisible();
  await rivera.context().setOffline(true);
  await rivera.getByRole('group', { name: /Professionalism/ }).getByRole('radio', { name: 'Unable to assess' }).check();
  await expect(rivera.getByText(/Not sent yet/)).toBeVisible();
  await rivera.context().setOffline(false);
  await rivera.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(rivera.getByText(/Draft saved at/)).toBeVisible();
  await rivera.screenshot({ path: 'screenshots/score-sheet-phone.png', fullPage: true });
  await rivera.getByRole('button', { name: 'Submit scores' }).click();
  await expect(rivera.getByText('Submitted', { exact: true })).toBeVisible();

  // Dr. Patel, in her own browser, never sees Dr. Rivera's answers: nothing is checked on her
  // sheet, and no other interviewer is named.
  await patel.reload();
  await expect(communication(patel).getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(patel.getByText('Dr. Sam Rivera')).toHaveCount(0);
  // A required criterion left out is refused, and said so beside the form.
  await patel.getByRole('button', { name: 'Submit scores' }).click();
  await expect(patel.getByRole('alert').filter({ hasText: 'Communication' })).toBeVisible();
  await communication(patel).getByRole('radio', { name: '3', exact: true }).check();
  await patel.getByRole('button', { name: 'Submit scores' }).click();
  await expect(patel.getByText('Submitted', { exact: true })).toBeVisible();
  await patel.screenshot({ path: 'screenshots/score-sheet.png', fullPage: true });
  // Nor does Dr. Rivera see Dr. Patel's, and an interviewer has no rank list.
  await rivera.reload();
  await expect(communication(rivera).getByRole('radio', { name: '4', exact: true })).toBeChecked();
  await expect(communication(rivera).getByRole('radio', { name: '3', exact: true })).not.toBeChecked();
  await open(rivera, '/ranks');
  await expect(rivera.getByRole('alert')).toBeVisible();
  await expect(rivera.getByRole('table')).toHaveCount(0);

  // The session page flags who still owes which score, and reminds them.
  await open(coordinator, `/sessions/${sessionId}`);
  const scoring = coordinator.getByRole('region', { name: 'Scoring' });
  await expect(scoring.getByRole('row', { name: /Dr. Sam Rivera/ })).toContainText('3 missing');
  await expect(scoring.getByRole('row', { name: /Dr. Sam Rivera/ })).toContainText('Ava Alder');
  await scoring.getByRole('button', { name: 'E-mail a reminder to each of them' }).click();
  await expect(scoring.getByText('Reminders sent.')).toBeVisible();
  expect(lastEmail('interviewer1@demo.test')).toContain('Ava Alder');

  // The rank list so far: Di alone (the only applicant with submitted sheets).
  await coordinator.getByRole('link', { name: 'Scores & ranks' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Scores and ranks', level: 1 })).toBeVisible();
  expect(await order(coordinator)).toEqual(['Di Dogwood']);

  // The other sheets, through the server functions: Dr. Rivera is harsh (1, 1, 1 and Di's 4),
  // Dr. Patel lenient (3, 4, 5 and Di's 3). The open rank list follows as they come in, raw:
  // Di (4 and 3) first.
  const list = await call(coordinator, 'list-applicants', {});
  const idOf = (name: string) => String(list.applicants.find((a: any) => a.name === name).id);
  const sheet = await call(rivera, 'score-sheet', { session_id: sessionId, applicant_id: idOf('Ava Alder') });
  const communicationId = String(sheet.form.criteria[0].id);
  for (const [page, scores] of [[rivera, [1, 1, 1]], [patel, [3, 4, 5]]] as const) {
    for (const [i, name] of ['Ava Alder', 'Bo Birch', 'Cy Cedar'].entries()) {
      await call(page, 'save-score', {
        session_id: sessionId,
        applicant_id: idOf(name),
        [`answers[${communicationId}]`]: String(scores[i]),
        submit: 'true',
      });
    }
  }
  await expect.poll(() => order(coordinator)).toEqual(['Di Dogwood', 'Cy Cedar', 'Bo Birch', 'Ava Alder']);

  // A final score by hand needs its reason; then it leads the list, with the reason beside it.
  const ava = coordinator.getByRole('row', { name: /Ava Alder/ });
  await ava.getByText('Scores of Ava Alder').click();
  await expect(ava.getByText('Dr. Sam Rivera: 1.00')).toBeVisible();
  await expect(ava.getByText('Dr. Maya Patel: 3.00')).toBeVisible();
  await ava.getByLabel('Final score by hand').fill('4.8');
  await ava.getByRole('button', { name: 'Set the final score' }).click();
  await expect(ava.getByRole('alert')).toContainText('Say why');
  await ava.getByLabel('Reason', { exact: true }).fill('Committee review');
  await ava.getByRole('button', { name: 'Set the final score' }).click();
  await expect(coordinator.getByRole('row', { name: /Ava Alder/ }).getByText('Set by hand')).toBeVisible();
  await expect(coordinator.getByRole('row', { name: /Ava Alder/ })).toContainText('Committee review');
  expect(await order(coordinator)).toEqual(['Ava Alder', 'Di Dogwood', 'Cy Cedar', 'Bo Birch']);

  // Calibration: Dr. Rivera's one high score weighs as much as Dr. Patel's spread, so Cy (Dr.
  // Patel's best) passes Di. Raw and calibrated sit side by side; the interviewers' seasons are shown.
  // The option applies as it changes (no button to press), the address follows, and the focus
  // stays on the box.
  const calibrate = coordinator.getByRole('checkbox', { name: /Calibrate for harsh and lenient/ });
  await expect(coordinator.getByRole('button', { name: 'Show' })).toHaveCount(0);
  await calibrate.check();
  await expect(coordinator).toHaveURL(/calibrate=true/);
  await expect(coordinator.getByTestId('calibration-state')).toContainText('Calibrated');
  await expect.poll(() => order(coordinator)).toEqual(['Ava Alder', 'Cy Cedar', 'Di Dogwood', 'Bo Birch']);
  await expect(calibrate).toBeFocused();
  await expect(calibrate).toBeChecked();
  const interviewers = coordinator.getByRole('region', { name: 'Interviewers' });
  await expect(interviewers.getByRole('row', { name: /Dr. Sam Rivera/ })).toContainText('Calibrated');
  await coordinator.screenshot({ path: 'screenshots/ranks.png', fullPage: true });

  // Dr. Rivera's score of Di left out, with the reason: listed, marked, then taken back in.
  const di = coordinator.getByRole('row', { name: /Di Dogwood/ });
  await di.getByText('Scores of Di Dogwood').click();
  await di.getByLabel("Why leave out Dr. Sam Rivera's score").fill('Knows the applicant');
  await di.getByRole('button', { name: "Leave out Dr. Sam Rivera's score of Di Dogwood" }).click();
  const leftOut = coordinator.getByRole('region', { name: 'Scores left out' });
  await expect(leftOut).toContainText("Dr. Sam Rivera's scores of Di Dogwood are left out: Knows the applicant");
  await coordinator.getByRole('row', { name: /Di Dogwood/ }).getByText('Scores of Di Dogwood').click();
  await expect(coordinator.getByRole('row', { name: /Di Dogwood/ }).getByText('Left out', { exact: true })).toBeVisible();
  await leftOut.getByRole('button', { name: 'Take back in' }).click();
  await expect(coordinator.getByRole('region', { name: 'Scores left out' })).toHaveCount(0);
  expect(await order(coordinator)).toEqual(['Ava Alder', 'Cy Cedar', 'Di Dogwood', 'Bo Birch']);

  // Bo moves up with the keyboard: the focus stays on his button between moves.
  const up = coordinator.getByRole('button', { name: 'Move Bo Birch up' });
  await up.focus();
  await coordinator.keyboard.press('Enter');
  await expect.poll(() => order(coordinator)).toEqual(['Ava Alder', 'Cy Cedar', 'Bo Birch', 'Di Dogwood']);
  await expect(up).toBeFocused();
  await coordinator.keyboard.press('Enter');
  await expect.poll(() => order(coordinator)).toEqual(['Ava Alder', 'Bo Birch', 'Cy Cedar', 'Di Dogwood']);
  await expect(coordinator.getByText('Manual order', { exact: true })).toBeVisible();
  // Once more to the top: his "Up" is gone, the focus moves to his "Down".
  await coordinator.keyboard.press('Enter');
  await expect.poll(() => order(coordinator)).toEqual(['Bo Birch', 'Ava Alder', 'Cy Cedar', 'Di Dogwood']);
  await expect(coordinator.getByRole('button', { name: 'Move Bo Birch down' })).toBeFocused();
  // The order is kept: a reload shows it still.
  await coordinator.reload();
  expect(await order(coordinator)).toEqual(['Bo Birch', 'Ava Alder', 'Cy Cedar', 'Di Dogwood']);

  // The CSV has the list as shown, its header first.
  const download = coordinator.waitForEvent('download');
  await coordinator.getByRole('link', { name: 'Export CSV' }).click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe('Rank,Applicant,Final score,Raw,Calibrated,Score sheets,Override reason,Do not rank,Matched');
  expect(csv.slice(1).map((l) => l.split(',')[1])).toEqual(['Bo Birch', 'Ava Alder', 'Cy Cedar', 'Di Dogwood']);
  expect(csv[2]).toContain('Committee review');

  // Back to the computed order.
  await coordinator.getByRole('button', { name: 'Revert to computed' }).click();
  await expect.poll(() => order(coordinator)).toEqual(['Ava Alder', 'Cy Cedar', 'Di Dogwood', 'Bo Birch']);
  await expect(coordinator.getByText('Manual order', { exact: true })).toHaveCount(0);

  // And by drag and drop: Di's row dropped on Cy's takes Cy's place.
  const rowOf = (name: string) => coordinator.locator('table.rank-table tbody tr', { hasText: name });
  await rowOf('Di Dogwood').locator('td[data-label="Rank"]').dragTo(rowOf('Cy Cedar').locator('td[data-label="Rank"]'));
  await expect.poll(() => order(coordinator)).toEqual(['Ava Alder', 'Di Dogwood', 'Cy Cedar', 'Bo Birch']);
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await coordinator.screenshot({ path: 'screenshots/ranks-phone.png', fullPage: true });

  // Every sheet is in: nobody owes a score any more.
  await open(coordinator, `/sessions/${sessionId}`);
  await expect(scoring.getByTestId('no-missing')).toBeVisible();
});

// A coordinator's rank list where two interviewers give every applicant they met the same score:
// Dr. Ivy Stone (new to the program) a harsh 2 (of 10), Chris Okafor a lenient 9; Dr. Sam Rivera
// scores everyone with spread. Raw, Mr. Okafor's applicants all stay above Dr. Stone's; calibrated, the two
// constant scorers are centred and the list follows Dr. Rivera, and the page says so.
const MET_LENIENT = ['Lena Lark', 'Milo Maple', 'Nia Nettle'];
const MET_HARSH = ['Omar Oak', 'Pia Pine', 'Quinn Quince'];

test('Scoring: calibration centres an interviewer who gives everyone the same score, and says so', async ({ browser }) => {
  test.setTimeout(150_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const sessionId = await bookedSession(browser, coordinator, 'Calibration session', '2027-05-11', [...MET_LENIENT, ...MET_HARSH].map((n) => [n, emailOf(n)]));
  const formId = await call(coordinator, 'save-scoring-form', {
    'form[name]': 'Overall impression',
    'form[display_min]': '1',
    'form[display_max]': '5',
    'form[criteria][0][name]': 'Overall',
    'form[criteria][0][min]': '1',
    'form[criteria][0][max]': '10',
    'form[criteria][0][weight]': '1',
  });
  await call(coordinator, 'assign-scoring-form', { session_id: sessionId, form_id: String(formId) });
  const list = await call(coordinator, 'list-applicants', {});
  const idOf = (name: string) => String(list.applicants.find((a: any) => a.name === name).id);

  // The sheets, through the server functions (the session has no schedule: every interviewer
  // may score every confirmed applicant). Dr. Rivera rates Dr. Stone's applicants above Mr.
  // Okafor's.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  // The harsh constant scorer is an interviewer new to the program (Dr. Chen's account is locked
  // by the accounts spec), who sets a password through the e-mailed link.
  await call(coordinator, 'add-staff', { name: 'Dr. Ivy Stone', email: 'ivy.stone@demo.test', role: 'interviewer' });
  const stone = await browser.newContext().then((c) => c.newPage());
  await open(stone, linkIn(lastEmail('ivy.stone@demo.test')));
  await stone.getByLabel('New password').fill('ivy has a password');
  await stone.getByLabel('Repeat the password').fill('ivy has a password');
  await stone.getByRole('button', { name: 'Set password and log in' }).click();
  await expect(stone).toHaveURL(/\/overview$/);
  const okafor = await as(browser, 'manager@demo.test', /\/overview$/);
  const sheet = await call(rivera, 'score-sheet', { session_id: sessionId, applicant_id: idOf('Lena Lark') });
  const overall = `answers[${sheet.form.criteria[0].id}]`;
  const score = (page: Page, name: string, value: number) =>
    call(page, 'save-score', { session_id: sessionId, applicant_id: idOf(name), [overall]: String(value), submit: 'true' });
  const riveras: Record<string, number> = {
    'Lena Lark': 1, 'Milo Maple': 2, 'Nia Nettle': 3, 'Omar Oak': 4, 'Pia Pine': 5, 'Quinn Quince': 6,
  };
  for (const [name, value] of Object.entries(riveras)) await score(rivera, name, value);
  for (const name of MET_LENIENT) await score(okafor, name, 9);
  for (const name of MET_HARSH) await score(stone, name, 2);

  // Raw: Mr. Okafor's applicants all above Dr. Stone's.
  await open(coordinator, '/ranks');
  await expect(coordinator.getByTestId('calibration-state')).toContainText('Raw scores');
  const ours = async () => (await order(coordinator)).filter((n) => riveras[n] !== undefined);
  expect(await ours()).toEqual(['Nia Nettle', 'Milo Maple', 'Lena Lark', 'Quinn Quince', 'Pia Pine', 'Omar Oak']);

  // Calibrated (the box applies at once): Dr. Rivera's order, the constant scorers centred.
  const calibrate = coordinator.getByRole('checkbox', { name: /Calibrate for harsh and lenient/ });
  await calibrate.check();
  await expect(coordinator).toHaveURL(/calibrate=true/);
  await expect.poll(ours).toEqual(['Quinn Quince', 'Pia Pine', 'Omar Oak', 'Nia Nettle', 'Milo Maple', 'Lena Lark']);
  await expect(calibrate).toBeFocused();
  // The header says exactly what was done.
  await expect(coordinator.getByTestId('calibration-state')).toHaveText(
    /^Calibrated final scores: \d+ interviewers? put on the pooled mean and spread; 2 interviewers centred, as each gave every applicant the same score \(they count only for applicants no interviewer with varied scores has scored, at the average of all scores\)\.$/,
  );
  // And the interviewers' table says it beside each of them.
  const interviewers = coordinator.getByRole('region', { name: 'Interviewers' });
  for (const who of ['Dr. Ivy Stone', 'Chris Okafor']) {
    const row = interviewers.getByRole('row', { name: new RegExp(who) });
    await expect(row.getByText('Centred', { exact: true })).toBeVisible();
    await expect(row).toContainText('Gave every applicant the same score, so their scores set no order');
  }
  await expect(interviewers.getByRole('row', { name: /Dr. Sam Rivera/ }).getByText('Calibrated', { exact: true })).toBeVisible();
  // Raw finals stay as they are: Nia's 3.22 (Dr. Rivera's 3 and Mr. Okafor's 9 on 1–10).
  await expect(coordinator.getByRole('row', { name: /Nia Nettle/ }).locator('td[data-label="Raw"]')).toHaveText('3.22');
  await coordinator.screenshot({ path: 'screenshots/ranks-centred.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await coordinator.screenshot({ path: 'screenshots/ranks-centred-phone.png', fullPage: true });

  // Unticked, the list goes back to raw at once.
  await coordinator.getByRole('checkbox', { name: /Calibrate for harsh and lenient/ }).uncheck();
  await expect(coordinator).not.toHaveURL(/calibrate=true/);
  await expect(coordinator.getByTestId('calibration-state')).toContainText('Raw scores');
  await expect.poll(ours).toEqual(['Nia Nettle', 'Milo Maple', 'Lena Lark', 'Quinn Quince', 'Pia Pine', 'Omar Oak']);
  for (const page of [rivera, stone, okafor]) await page.context().close();
});
