import { test, expect, applicantAccount, as, call, inviteApplicant, open, lastEmail, visibleSession } from './helpers';

// A coordinator moves and then cancels an applicant from the applicant's page, while the
// applicant's My Programs is open in another browser: each change reaches it live. A second
// coordinator tab, left as it was, is refused in place with the rules' sentence.
test('a move and a cancel on the applicant page reach the applicant live', async ({ browser }) => {
  const email = 'mona.vale@demo.test';
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const first = await visibleSession(coordinator, 'Changes first day', '2027-02-09', 4);
  const second = await visibleSession(coordinator, 'Changes second day', '2027-02-10', 4);
  await inviteApplicant(coordinator, 'Mona Vale', email);

  const mona = await (await browser.newContext()).newPage();
  await applicantAccount(mona, email, 'mona password 1');
  const program = (await call(mona, 'my-programs', {})).find((p: any) => p.program_name === 'Internal Medicine Residency');
  await call(mona, 'submit-choices', {
    program_id: String(program.program_id),
    first_choice: first,
    second_choice: second,
  });
  await open(mona, '/my-programs');
  const card = mona.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' });
  await expect(card.locator('.confirmed-name')).toHaveText('Changes first day');

  const list = await call(coordinator, 'list-applicants', {});
  const id = String(list.applicants.find((a: any) => a.email === email).id);
  await open(coordinator, `/applicants/${id}`);
  await expect(coordinator.getByRole('heading', { name: 'Mona Vale', level: 1 })).toBeVisible();
  await expect(coordinator.getByTestId('applicant-status')).toHaveText('Confirmed');
  await expect(coordinator.getByRole('button', { name: 'Delete Mona Vale' })).toHaveCount(0);
  await coordinator.screenshot({ path: 'screenshots/applicant-page.png', fullPage: true });
  // A second tab of the coordinator's, opened now and left as it is.
  const stale = await coordinator.context().newPage();
  await open(stale, `/applicants/${id}`);

  // Move: the applicant's open page follows, the e-mail is queued, the history says it.
  await coordinator.locator('#move-session').selectOption(second);
  await coordinator.locator('#move-reason').fill('Clinic conflict');
  await coordinator.getByRole('button', { name: 'Move Mona Vale' }).click();
  await expect(coordinator.locator('.facts').first()).toContainText('Changes second day');
  await expect(card.locator('.confirmed-name')).toHaveText('Changes second day');
  expect(lastEmail(email)).toContain('has moved your interview');
  await expect(coordinator.locator('.audit-history')).toContainText('Clinic conflict');

  // Cancel: the seat is freed, the applicant's card says so without a reload.
  await coordinator.locator('#cancel-reason').fill('Asked by phone');
  await coordinator.getByRole('button', { name: "Cancel Mona Vale's booking" }).click();
  await expect(coordinator.getByTestId('applicant-status')).toHaveText('Cancelled');
  await expect(card.locator('.badge')).toHaveText('Cancelled');
  await expect(card).toContainText('The program cancelled your interview.');
  expect(lastEmail(email)).toContain('has cancelled your interview');
  // Only withdrawing is open now; the stale tab's cancel is refused in place, by the rules.
  await expect(coordinator.getByRole('button', { name: 'Withdraw Mona Vale' })).toBeVisible();
  await expect(coordinator.getByRole('button', { name: "Cancel Mona Vale's booking" })).toHaveCount(0);
  await stale.getByRole('button', { name: "Cancel Mona Vale's booking" }).click();
  await expect(stale.getByText('Mona Vale is Cancelled: the booking is already cancelled.')).toBeVisible();

  // The freed seat counts at once.
  const { sessions } = await call(coordinator, 'list-sessions', {});
  expect(sessions.find((s: any) => String(s.id) === second).fill.confirmed).toBe(0);

  await open(coordinator, `/applicants/${id}`);
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(coordinator.getByTestId('applicant-status')).toHaveText('Cancelled');
  await coordinator.screenshot({ path: 'screenshots/applicant-page-phone.png', fullPage: true });
});
