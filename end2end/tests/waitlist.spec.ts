import {
  test,
  expect,
  applicantAccount,
  as,
  call,
  choose,
  inviteApplicant,
  lastEmail,
  moveClock,
  open,
  resetTestClockAround,
  visibleSession,
  type Page,
} from './helpers';

// Change of plans and waitlists (issue 29), as people do it: an applicant reschedules and
// cancels until the cancel lock and is then shown whom to contact; in order, the place in line
// moves live, an offer runs out by the test clock and the next accepts on a phone; first come,
// two browsers race for one freed seat and exactly one gets it.

resetTestClockAround();

const PROGRAM = 'Internal Medicine Residency';

async function rules(coordinator: Page, form: Record<string, string>) {
  await call(coordinator, 'save-change-rules', {
    waitlist: 'off',
    offer_hours: '24',
    booking_lock_days: '',
    cancel_lock_days: '',
    ...form,
  });
}

/** A new applicant invited and logged in on My Programs, in their own browser. */
async function applicant(browser: any, coordinator: Page, name: string, email: string, viewport?: { width: number; height: number }) {
  await inviteApplicant(coordinator, name, email);
  const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
  await applicantAccount(page, email, `${email} password`);
  const program = (await call(page, 'my-programs', {})).find((p: any) => p.program_name === PROGRAM);
  return { page, programId: String(program.program_id) };
}

/**
 * The waitlist in `mode`, and two one-seat days from `date` ("<name> day" and "<name> other
 * day"), each taken by a new applicant (`holder` holds the first).
 */
async function twoFullDays(browser: any, mode: string, name: string, family: string, date: string) {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await rules(coordinator, { waitlist: mode, offer_hours: '24' });
  const full = await visibleSession(coordinator, `${name} day`, date, 1);
  const next = date.replace(/\d\d$/, (d) => String(Number(d) + 1).padStart(2, '0'));
  const other = await visibleSession(coordinator, `${name} other day`, next, 1);
  const [first, second] = family === 'Line' ? ['Ada', 'Bea'] : ['Eve', 'Fay'];
  const holder = await applicant(browser, coordinator, `${first} ${family}`, `${first.toLowerCase()}.${family.toLowerCase()}@demo.test`);
  await call(holder.page, 'submit-choices', { program_id: holder.programId, first_choice: full, second_choice: other });
  const other_ = await applicant(browser, coordinator, `${second} ${family}`, `${second.toLowerCase()}.${family.toLowerCase()}@demo.test`);
  await call(other_.page, 'submit-choices', { program_id: other_.programId, first_choice: other, second_choice: full });
  return { coordinator, full, holder };
}

function card(page: Page) {
  return page.getByRole('listitem').filter({ hasText: PROGRAM });
}

test('an applicant reschedules and cancels until the cancel lock, then is shown whom to contact', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await rules(coordinator, {});
  const first = await visibleSession(coordinator, 'Plans first day', '2027-01-20', 4);
  const second = await visibleSession(coordinator, 'Plans second day', '2027-01-21', 4);
  const nora = await applicant(browser, coordinator, 'Nora Plans', 'nora.plans@demo.test');
  await call(nora.page, 'submit-choices', { program_id: nora.programId, first_choice: first, second_choice: second });
  await open(nora.page, '/my-programs');
  const mine = card(nora.page);
  await expect(mine.locator('.confirmed-name')).toHaveText('Plans first day');
  const plans = mine.getByRole('region', { name: 'Change of plans' });
  await expect(plans).toContainText('You can reschedule or cancel until');

  // Reschedule: the card follows (the push), the e-mail says it.
  await plans.getByLabel('Move to').selectOption(second);
  await plans.getByRole('button', { name: 'Reschedule' }).click();
  await expect(mine.locator('.confirmed-name')).toHaveText('Plans second day');
  expect(lastEmail('nora.plans@demo.test')).toContain('your interview with Internal Medicine Residency has moved');
  await nora.page.screenshot({ path: 'screenshots/change-of-plans-desktop.png', fullPage: true });
  await nora.page.setViewportSize({ width: 390, height: 844 });
  expect(await nora.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await nora.page.screenshot({ path: 'screenshots/change-of-plans-phone.png', fullPage: true });
  await nora.page.setViewportSize({ width: 1280, height: 800 });

  // The coordinator sets a cancel lock: past its limit it is refused beside the field; 60 days
  // before 21 January has already come.
  await open(coordinator, '/settings');
  const form = coordinator.locator('form', { has: coordinator.getByRole('button', { name: 'Save changes and waitlist' }) });
  const lock = form.getByLabel('Cancel lock (days before a session)');
  await lock.fill('120');
  await form.getByRole('button', { name: 'Save changes and waitlist' }).click();
  await expect(form.getByText('Enter a whole number of days from 0 to 60')).toBeVisible();
  await expect(lock).toBeFocused();
  await lock.fill('60');
  await form.getByRole('button', { name: 'Save changes and waitlist' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/settings-changes.png', fullPage: true });

  await open(nora.page, '/my-programs');
  const closed = card(nora.page).getByRole('region', { name: 'Change of plans' });
  await expect(closed).toContainText('Changes to this interview closed on');
  await expect(closed).toContainText('contact the program');
  await expect(closed.getByRole('button', { name: 'Cancel my interview' })).toBeDisabled();
  await expect(closed.getByRole('button', { name: 'Reschedule' })).toBeDisabled();
  // The server refuses it too, with the same reason.
  const refused = await nora.page.request.post('/api/cancel-my-interview', {
    form: { program_id: nora.programId },
    headers: { accept: 'application/json' },
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain('closed on');

  // Without the lock, the cancel goes through after its confirm step.
  await rules(coordinator, {});
  await open(nora.page, '/my-programs');
  const open_ = card(nora.page).getByRole('region', { name: 'Change of plans' });
  await open_.getByText('Cancel my interview', { exact: true }).click();
  await open_.getByRole('button', { name: 'Yes, cancel my interview' }).click();
  await expect(card(nora.page)).toContainText('Cancelled');
  expect(lastEmail('nora.plans@demo.test')).toContain('is cancelled and its seat given up');
});

test('in order: the place in line moves live, an offer runs out, and the next accepts on a phone', async ({ browser }) => {
  const { coordinator, full, holder: ada } = await twoFullDays(browser, 'sequential', 'Waitlist', 'Line', '2027-03-16');

  // Cal finds both full and joins the line of the first, on the page.
  const cal = await applicant(browser, coordinator, 'Cal Line', 'cal.line@demo.test');
  await card(cal.page).getByRole('button', { name: 'Accept invitation' }).click();
  await choose(cal.page, 'Waitlist day', 'Waitlist other day');
  await expect(cal.page.getByText('Both of your choices are full')).toBeVisible();
  await cal.page.getByLabel('Wait for Waitlist other day').uncheck();
  await cal.page.getByRole('button', { name: 'Join the waitlist' }).click();
  await expect(card(cal.page).getByTestId('place-in-line')).toHaveText(/1st in line for Waitlist day/);

  // Dee joins second, on a phone.
  const dee = await applicant(browser, coordinator, 'Dee Line', 'dee.line@demo.test', { width: 390, height: 844 });
  await call(dee.page, 'join-waitlist', { program_id: dee.programId, session_a: full });
  await open(dee.page, '/my-programs');
  await expect(card(dee.page).getByTestId('place-in-line')).toHaveText(/2nd in line for Waitlist day/);
  await dee.page.screenshot({ path: 'screenshots/waitlist-place-phone.png', fullPage: true });

  // The coordinator's Waitlists page shows the line in order.
  await open(coordinator, '/waitlists');
  const line = coordinator.getByRole('region', { name: /Waitlist day/ }).first();
  await expect(line.getByRole('row').nth(1)).toContainText('Cal Line');
  await expect(line.getByRole('row').nth(2)).toContainText('Dee Line');
  await coordinator.screenshot({ path: 'screenshots/waitlists-desktop.png', fullPage: true });

  // Ada cancels: the seat is held for Cal (his page follows without a reload); Dee stays 2nd.
  await call(ada.page, 'cancel-my-interview', { program_id: ada.programId });
  await expect(card(cal.page)).toContainText('A seat is held for you');
  await expect(card(cal.page).getByRole('button', { name: 'Accept the seat' })).toBeVisible();
  await expect(card(dee.page).getByTestId('place-in-line')).toHaveText(/2nd in line/);

  // Cal does not answer: 25 hours later the offer has run out and goes to Dee.
  await moveClock(coordinator, { advance_ms: String(24 * 3600 * 1000) });
  await moveClock(coordinator, { advance_ms: String(3600 * 1000) });
  await expect(card(dee.page)).toContainText('A seat is held for you', { timeout: 15_000 });
  await expect(card(dee.page).getByTestId('place-in-line')).toHaveText(/1st in line/);
  await expect(card(cal.page)).toContainText('Invited & Ready');
  expect(lastEmail('cal.line@demo.test')).toContain('ran out unanswered');
  await dee.page.screenshot({ path: 'screenshots/waitlist-offer-phone.png', fullPage: true });
  expect(await dee.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Dee accepts on her phone.
  await card(dee.page).getByRole('button', { name: 'Accept the seat' }).click();
  await expect(card(dee.page).locator('.confirmed-name')).toHaveText('Waitlist day');
  await rules(coordinator, {});
});

test('first come: two browsers race for one freed seat and exactly one gets it', async ({ browser }) => {
  const { coordinator, full, holder: eve } = await twoFullDays(browser, 'first_come', 'Race', 'Race', '2027-03-23');
  const racers = [];
  for (const [name, email] of [['Gus Race', 'gus.race@demo.test'], ['Hal Race', 'hal.race@demo.test']]) {
    const r = await applicant(browser, coordinator, name, email);
    await call(r.page, 'join-waitlist', { program_id: r.programId, session_a: full });
    await open(r.page, '/my-programs');
    await expect(card(r.page).getByTestId('place-in-line')).toBeVisible();
    racers.push(r);
  }
  await call(eve.page, 'cancel-my-interview', { program_id: eve.programId });
  for (const r of racers) {
    await expect(card(r.page).getByRole('button', { name: 'Take the seat' })).toBeVisible();
  }
  // Both click at the same moment: the buttons are found first, then clicked together (a
  // locator's click waits for the button to be stable first, and by then the winner's seat may
  // already have reached the other page, taking its button away: no race left to test).
  const buttons = await Promise.all(
    racers.map((r) => card(r.page).getByRole('button', { name: 'Take the seat' }).elementHandle()),
  );
  await Promise.all(buttons.map((b) => b!.evaluate((el) => (el as HTMLElement).click())));
  await expect
    .poll(async () => {
      let seated = 0;
      for (const r of racers) {
        if ((await card(r.page).locator('.confirmed-name').count()) > 0) seated += 1;
      }
      return seated;
    })
    .toBe(1);
  const loser = (await card(racers[0].page).locator('.confirmed-name').count()) > 0 ? racers[1] : racers[0];
  await expect(loser.page.getByText(/is gone: another applicant took it first/)).toBeVisible();
  await expect(card(loser.page).getByRole('button', { name: 'Take the seat' })).toHaveCount(0);
  await expect(card(loser.page).getByTestId('place-in-line')).toHaveText(/1st in line/);
  await rules(coordinator, {});
});

test('a release opens on the open page at its time, by the server clock, without a reload', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await rules(coordinator, {});
  await visibleSession(coordinator, 'Released day', '2027-04-06', 3);
  await visibleSession(coordinator, 'Released other day', '2027-04-07', 3);
  // An hour from now, on the minute, in the program's zone.
  const opens = newYork(new Date(Math.ceil((Date.now() + 3600_000) / 60_000) * 60_000));
  await open(coordinator, '/releases');
  await coordinator.getByLabel('Name').fill('April dates');
  await coordinator.getByLabel('Opens on').fill(opens.date);
  await coordinator.getByLabel('At', { exact: true }).fill(opens.time);
  await coordinator.getByLabel(/Released day \(/).check();
  await coordinator.getByRole('button', { name: 'Save the release' }).click();
  await expect(coordinator.getByText('Release saved.')).toBeVisible();
  await expect(coordinator.getByRole('listitem').filter({ hasText: 'April dates' })).toContainText('Scheduled');
  await coordinator.screenshot({ path: 'screenshots/releases-desktop.png', fullPage: true });

  const rae = await applicant(browser, coordinator, 'Rae Release', 'rae.release@demo.test');
  await open(rae.page, '/my-programs');
  await card(rae.page).getByRole('button', { name: 'Accept invitation' }).click();
  const radio = rae.page.getByRole('radio', { name: /Released day/ });
  await expect(radio).toBeDisabled();
  await expect(rae.page.getByText(/Opens for booking on/)).toBeVisible();
  await rae.page.screenshot({ path: 'screenshots/release-waiting-desktop.png', fullPage: true });

  // The server's clock passes the time: the page opens the session by itself, once its next
  // clock sync (every 30 s) has seen the step.
  await moveClock(coordinator, { advance_ms: String(3600_000 + 120_000) });
  await expect(radio).toBeEnabled({ timeout: 70_000 });
  await choose(rae.page, 'Released day', 'Released other day');
  await expect(card(rae.page).locator('.confirmed-name')).toHaveText('Released day');
});

/** `date` as the release form's date and time fields in New York (the demo program's zone). */
function newYork(date: Date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test('a fair release: applicants rank during the window, the draw seats them, everyone sees their result', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await rules(coordinator, { waitlist: 'sequential' });
  await visibleSession(coordinator, 'Fair day', '2027-04-13', 1);
  await visibleSession(coordinator, 'Fair other day', '2027-04-14', 1);
  // Opening this minute (so the window is open now), for one hour.
  const start = newYork(new Date(Math.floor(Date.now() / 60_000) * 60_000));
  await open(coordinator, '/releases');
  await coordinator.getByLabel('Name').fill('Fair April');
  await coordinator.getByLabel('Opens on').fill(start.date);
  await coordinator.getByLabel('At', { exact: true }).fill(start.time);
  await coordinator.getByLabel(/A fair release/).check();
  await coordinator.getByLabel('Window (hours, fair release)').fill('1');
  await coordinator.getByLabel(/Fair day \(/).check();
  await coordinator.getByLabel(/Fair other day \(/).check();
  await coordinator.getByRole('button', { name: 'Save the release' }).click();
  await expect(coordinator.getByText('Release saved.')).toBeVisible();
  const item = coordinator.getByRole('listitem').filter({ hasText: 'Fair April' });
  await expect(item).toContainText("The seed's SHA-256");

  // Two applicants rank; being first gives nothing.
  const ivy = await applicant(browser, coordinator, 'Ivy Fair', 'ivy.fair@demo.test');
  const jon = await applicant(browser, coordinator, 'Jon Fair', 'jon.fair@demo.test', { width: 390, height: 844 });
  for (const [who, picks] of [
    [ivy, ['Fair day', 'Fair other day']],
    [jon, ['Fair day']],
  ] as const) {
    await open(who.page, '/my-programs');
    const form = card(who.page).getByRole('region', { name: 'Fair release Fair April' });
    await expect(form).toContainText('rank the sessions you can attend');
    for (const [i, name] of picks.entries()) {
      const select = form.getByLabel(i === 0 ? 'Your first choice' : `Then, choice ${i + 1}`);
      const value = await select.locator('option', { hasText: new RegExp(`^${name} \\(`) }).getAttribute('value');
      await select.selectOption(value!);
    }
    await form.getByRole('button', { name: 'Save my ranking' }).click();
    await expect(form).toContainText('Your ranking is in');
  }
  await jon.page.screenshot({ path: 'screenshots/fair-ranking-phone.png', fullPage: true });
  expect(await jon.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The coordinator's dry run.
  await open(coordinator, '/releases');
  await item.getByRole('button', { name: 'Dry run the draw now' }).click();
  await expect(item).toContainText('Fair day: 1 seated');
  await coordinator.screenshot({ path: 'screenshots/fair-release-desktop.png', fullPage: true });

  // The window closes: the draw runs, each open page shows its result without a reload.
  await moveClock(coordinator, { advance_ms: String(61 * 60_000) });
  for (const who of [ivy, jon]) {
    await expect(who.page.getByText(/The draw is done/)).toBeVisible({ timeout: 20_000 });
    await expect(card(who.page).locator('.confirmed-name, [data-testid="place-in-line"]')).toBeVisible();
  }
  const ivyConfirmed = (await card(ivy.page).locator('.confirmed-name').count()) > 0;
  const jonConfirmed = (await card(jon.page).locator('.confirmed-name').count()) > 0;
  // Ivy ranked both, so she is seated whatever the order; Jon only if he drew Fair day first.
  expect(ivyConfirmed).toBe(true);
  if (jonConfirmed) {
    await expect(card(ivy.page).locator('.confirmed-name')).toHaveText('Fair other day');
  } else {
    await expect(card(jon.page).getByTestId('place-in-line')).toHaveText(/1st in line for Fair day/);
  }
  expect(lastEmail('ivy.fair@demo.test')).toContain('is confirmed');
  await open(coordinator, '/releases');
  await expect(item).toContainText('The seed:');
  await rules(coordinator, {});
});
