import { execFileSync } from 'node:child_process';
import { test, expect, applicantAccount, as, call, choose, inviteApplicant, open, lastEmail, linkIn, sessionForm, signUp } from './helpers';

test('a coordinator watches a session fill while an applicant books, without reloading', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/sessions');
  const row = coordinator.getByRole('row').filter({ hasText: 'December half day' });
  await expect(row.getByTestId('fill-text')).toHaveText('0 / 6');
  await coordinator.evaluate(() => ((window as any).__stillHere = true));

  // Another applicant has the picker open: its seat count follows too.
  const chloe = await as(browser, 'chloe.martin@demo.test', /\/my-programs$/);
  await chloe.getByRole('button', { name: 'Accept invitation' }).click();
  const chloesHalfDay = chloe.locator('label.choice', { hasText: 'December half day' });
  await expect(chloesHalfDay.getByTestId('seats-left')).toHaveText('6 seats left');

  const ben = await as(browser, 'ben.okoro@demo.test', /\/my-programs$/, { timezoneId: 'Europe/Paris' });
  await ben.getByRole('button', { name: 'Accept invitation' }).click();
  await choose(ben, 'December half day', 'January interview day');
  await expect(ben.getByText('Your interview session')).toBeVisible();
  await expect(ben.locator('.confirmed-name')).toHaveText('December half day');
  await expect(ben.locator('.confirmed')).toContainText('Tuesday, December 15, 2026 · 8:00 AM – 12:00 PM (America/New_York)');
  // Ben is in Paris: his own time is added in the browser (8:00 New York = 14:00 Paris).
  await expect(ben.locator('.confirmed .your-time')).toHaveText('Your time (Europe/Paris): Tue 2:00 PM – 6:00 PM');

  await expect(row.getByTestId('fill-text')).toHaveText('1 / 6');
  await expect(row.getByTestId('seats-left')).toHaveText('5');
  expect(await coordinator.evaluate(() => (window as any).__stillHere)).toBe(true);
  await expect(chloesHalfDay.getByTestId('seats-left')).toHaveText('5 seats left');
  await expect(chloe.getByRole('radio', { name: /December half day/ })).toBeVisible();
});

test('with self-scheduling off, the applicant is pending until the coordinator assigns', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/settings');
  await coordinator.getByLabel('Self-scheduling').uncheck();
  await coordinator.getByRole('button', { name: 'Save settings' }).click();
  await expect(coordinator.getByText('Settings saved.')).toBeVisible();

  const chloe = await as(browser, 'chloe.martin@demo.test', /\/my-programs$/);
  await chloe.getByRole('button', { name: 'Accept invitation' }).click();
  await choose(chloe, 'December interview day', 'January interview day');
  const card = chloe.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' });
  await expect(card.locator('.badge')).toHaveText('Pending');
  await expect(card).toContainText('December interview day, then January interview day');

  await open(coordinator, '/sessions');
  const row = coordinator.getByRole('row').filter({ hasText: 'December interview day' });
  await expect(row.getByTestId('pending')).toHaveText('1');
  await expect(row.getByTestId('fill-text')).toHaveText('0 / 12');

  await open(coordinator, '/applicants');
  const chloeRow = coordinator.getByRole('row').filter({ hasText: 'chloe.martin@demo.test' });
  await expect(chloeRow).toContainText('1st December interview day · 2nd January interview day');
  // A session she did not choose: a warning first, then "Assign anyway".
  await chloeRow.getByLabel('Session for Chloe Martin').selectOption({ label: 'December half day (5 left)' });
  await chloeRow.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(chloeRow.getByRole('alert')).toHaveText('Chloe Martin did not choose this session. Assign anyway?');
  await expect(chloeRow.locator('.badge')).toHaveText('Pending');
  await chloeRow.getByLabel('Session for Chloe Martin').selectOption({ label: 'December half day (5 left)' });
  await chloeRow.getByRole('button', { name: 'Assign anyway' }).click();
  await expect(coordinator.getByRole('row').filter({ hasText: 'chloe.martin@demo.test' }).locator('.badge')).toHaveText('Confirmed');

  // Chloe's open page learns it without a reload.
  await expect(card.locator('.badge')).toHaveText('Confirmed');
  await expect(chloe.locator('.confirmed-name')).toHaveText('December half day');

  await open(coordinator, '/settings');
  await coordinator.getByLabel('Self-scheduling').check();
  await coordinator.getByRole('button', { name: 'Save settings' }).click();
  await expect(coordinator.getByText('Settings saved.')).toBeVisible();
});

test('an applicant sees the invitation only when all four conditions hold', async ({ browser }) => {
  const email = 'hana.ito@demo.test';
  const hana = await (await browser.newContext()).newPage();
  // (1) Not added to the program: signing up sends nothing.
  await signUp(hana, email, 'hana password 1');
  expect(lastEmail(email)).toBe('');

  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/applicants');
  await coordinator.getByLabel('Full name').fill('Hana Ito');
  await coordinator.getByLabel('Email').fill(email);
  await coordinator.getByRole('button', { name: 'Add applicant' }).click();
  const row = coordinator.getByRole('row').filter({ hasText: email });
  await expect(row.locator('.badge')).toHaveText('Interview Candidate');

  await signUp(hana, email, 'hana password 1');
  await open(hana, linkIn(lastEmail(email)));
  await hana.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(hana).toHaveURL(/\/my-programs$/);
  // (3) and (4) withheld: added only.
  await expect(hana.getByRole('heading', { name: 'No invitations yet' })).toBeVisible();

  await row.getByRole('button', { name: 'Mark Hana Ito Invited & Ready for Scheduling' }).click();
  await expect(row.locator('.badge')).toHaveText('Invited & Ready for Scheduling');
  await hana.reload();
  // (4) withheld: not sent.
  await expect(hana.getByRole('heading', { name: 'No invitations yet' })).toBeVisible();

  // (2) withheld: every session hidden, then the invitation sent.
  const page = await call(coordinator, 'list-sessions', {});
  const sessions = page.sessions as any[];
  const save = (s: any, visible: boolean) => call(coordinator, 'save-session', sessionForm(s, visible));
  for (const s of sessions) await save(s, false);
  await row.getByRole('button', { name: 'Send invitation to Hana Ito' }).click();
  await expect(row).toContainText('Sent');
  // When it went out, in the program's zone (New York), named: not UTC.
  await expect(row).toContainText(/Sent [A-Z][a-z]{2} \d+, \d+:\d\d [AP]M E[SD]T/);
  expect(lastEmail(email)).toContain('invites you to interview');
  await hana.reload();
  await expect(hana.getByRole('heading', { name: 'No invitations yet' })).toBeVisible();
  await expect(hana.getByText('Internal Medicine')).toHaveCount(0);

  // All four: the invitation appears.
  for (const s of sessions) await save(s, true);
  await hana.reload();
  await expect(hana.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' })).toBeVisible();
});

test('first choice full confirms the second; both full books nothing and says where seats are', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/sessions');
  for (const name of ['Small day', 'Tiny day']) {
    await coordinator.getByLabel('Name').fill(name);
    await coordinator.getByLabel('Date').fill('2027-01-20');
    await coordinator.getByLabel('Capacity').fill('1');
    await coordinator.getByRole('button', { name: 'Create session' }).click();
    await expect(coordinator.getByRole('row').filter({ hasText: name })).toBeVisible();
  }
  // Bad input is explained next to the field. (A created session's form is written again with
  // a new session's defaults, so the date is entered again.)
  await coordinator.getByLabel('Name').fill('Backwards day');
  await coordinator.getByLabel('Date').fill('2027-01-20');
  await coordinator.getByLabel('Starts').fill('15:00');
  await coordinator.getByLabel('Ends').fill('09:00');
  await coordinator.getByRole('button', { name: 'Create session' }).click();
  await expect(coordinator.getByText('The session must end after it starts.')).toBeVisible();

  const ana = await as(browser, 'ana.ruiz@demo.test', /\/my-programs$/);
  await ana.getByRole('button', { name: 'Accept invitation' }).click();
  await choose(ana, 'Small day', 'December interview day');
  await expect(ana.locator('.confirmed-name')).toHaveText('Small day');

  const ella = await as(browser, 'ella.novak@demo.test', /\/my-programs$/, { password: 'my own long password' });
  await ella.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(ella.locator('label.choice', { hasText: 'Small day' }).getByTestId('seats-left')).toHaveText('Full');
  await choose(ella, 'Small day', 'Tiny day');
  await expect(ella.getByText('Your first choice filled up, so you are confirmed for your second choice.')).toBeVisible();
  await expect(ella.locator('.confirmed-name')).toHaveText('Tiny day');

  // Farid: added and invited but never sent an invitation; the coordinator sends it now.
  await open(coordinator, '/applicants');
  const farid = coordinator.getByRole('row').filter({ hasText: 'farid.haddad@demo.test' });
  await farid.getByRole('button', { name: 'Send invitation to Farid Haddad' }).click();
  await expect(farid).toContainText('Sent');
  const faridPage = await browser.newContext().then((c) => c.newPage());
  await signUp(faridPage, 'farid.haddad@demo.test', 'farid password 1');
  await open(faridPage, linkIn(lastEmail('farid.haddad@demo.test')));
  await faridPage.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(faridPage).toHaveURL(/\/my-programs$/);
  await faridPage.getByRole('button', { name: 'Accept invitation' }).click();
  // Equal choices are refused next to the field.
  await choose(faridPage, 'Small day', 'Small day');
  await expect(faridPage.getByText('Your second choice must be a different session from your first.')).toBeVisible();
  await choose(faridPage, 'Small day', 'Tiny day');
  const alert = faridPage.getByRole('alert').filter({ hasText: 'Both of your choices are full' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('December interview day');
  await expect(faridPage.getByRole('listitem').filter({ hasText: 'Internal Medicine Residency' }).locator('.badge')).toHaveText(
    'Invited & Ready for Scheduling',
  );
});

test('open pages reconnect by themselves after the server restarts, and show the true state', async ({ browser }) => {
  const restart = process.env.PORTAL_RESTART;
  if (!restart) throw new Error('PORTAL_RESTART is not set: run the suite through `make test`');
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/sessions');
  const row = coordinator.getByRole('row').filter({ hasText: 'January interview day' });
  const before = Number((await row.getByTestId('fill-text').textContent())!.split(' / ')[0]);
  await coordinator.evaluate(() => ((window as any).__stillHere = true));

  execFileSync(restart);

  // Farid (both choices were full) books after the restart.
  const farid = await as(browser, 'farid.haddad@demo.test', /\/my-programs$/, { password: 'farid password 1' });
  await farid.getByRole('button', { name: 'Accept invitation' }).click();
  await choose(farid, 'January interview day', 'December interview day');
  await expect(farid.locator('.confirmed-name')).toHaveText('January interview day');

  await expect(row.getByTestId('fill-text')).toHaveText(`${before + 1} / 12`, { timeout: 20_000 });
  expect(await coordinator.evaluate(() => (window as any).__stillHere)).toBe(true);
});

// Leptos updates a re-rendered form in place, so typed text survives a reload of the data
// around it; this holds that promise whatever the pages' structure becomes.
test('a live update never wipes what a coordinator is typing', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  // An applicant of its own, invited through server functions, books while the coordinator types.
  const email = 'nia.live@demo.test';
  await inviteApplicant(coordinator, 'Nia Live', email);
  const nia = await browser.newContext().then((c) => c.newPage());
  await applicantAccount(nia, email, 'nia password 1');
  const program = (await call(nia, 'my-programs', {}))[0];
  const byName = (name: string) => program.sessions.find((s: any) => s.name === name).id;

  // The sessions list: the new-session form keeps its text while the list follows the booking.
  await open(coordinator, '/sessions');
  const row = coordinator.getByRole('row').filter({ hasText: 'January interview day' });
  const before = Number((await row.getByTestId('fill-text').textContent())!.split(' / ')[0]);
  await coordinator.getByLabel('Name').fill('Half-typed day');
  await call(nia, 'submit-choices', {
    program_id: String(program.program_id),
    first_choice: String(byName('January interview day')),
    second_choice: String(byName('December interview day')),
  });
  await expect(row.getByTestId('fill-text')).toHaveText(`${before + 1} / 12`);
  await expect(coordinator.getByLabel('Name')).toHaveValue('Half-typed day');

  // The session page: the edit form keeps its text while the figures follow another booking.
  await coordinator.getByRole('link', { name: 'January interview day' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Edit session' })).toBeVisible();
  await coordinator.getByLabel('Name').fill('Renamed, not saved yet');
  const seats = coordinator.getByTestId('seats-left');
  const left = Number(await seats.textContent());
  const other = 'omar.live@demo.test';
  await inviteApplicant(coordinator, 'Omar Live', other);
  const omar = await browser.newContext().then((c) => c.newPage());
  await applicantAccount(omar, other, 'omar password 1');
  await call(omar, 'submit-choices', {
    program_id: String(program.program_id),
    first_choice: String(byName('January interview day')),
    second_choice: String(byName('December interview day')),
  });
  await expect(seats).toHaveText(String(left - 1));
  await expect(coordinator.getByLabel('Name')).toHaveValue('Renamed, not saved yet');
});
