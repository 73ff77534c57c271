import { test, expect, as, call, open, lastEmail, moveClock, resetTestClockAround, inviteApplicant, applicantAccount, bookFirstChoice, visibleSession } from './helpers';

// Reminders: a coordinator sets a reminder two hours before a confirmed applicant's session on
// the Reminders page (a number out of range is refused under its field), the server's test
// clock is moved to a minute before its time (no reminder yet) and then past it: the reminder
// e-mail is queued by the background job. A staff member chooses their own alerts on the
// Notifications page. Screenshots at desktop and phone width. The reminders are turned off
// again at the end, since the specs share one database.

resetTestClockAround();

/** The date `days` from now in New York, as YYYY-MM-DD. */
function dateInNewYork(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return at.toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
}

/** The instant of `date` at 8:00 in New York, whose offset is -5 in winter and -4 in summer. */
function eightInNewYork(date: string): number {
  for (const offset of ['-05:00', '-04:00']) {
    const at = new Date(`${date}T08:00:00${offset}`);
    const local = at.toLocaleTimeString('en-GB', { timeZone: 'America/New_York', hour12: false });
    if (local.startsWith('08:00')) return at.getTime();
  }
  throw new Error(`no 8:00 on ${date}`);
}

/** Moves the server's clock forward by `ms` (a day at most per call). */
async function forward(page: import('@playwright/test').Page, ms: number) {
  while (ms > 0) {
    const step = Math.min(ms, 86_400_000);
    await moveClock(page, { advance_ms: String(step) });
    ms -= step;
  }
}

test('a reminder goes when the test clock passes its time; the settings and notifications pages', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const date = dateInNewYork(2);
  const sessionId = await visibleSession(coordinator, 'Reminder session', date, 3);
  await inviteApplicant(coordinator, 'Rita Remind', 'rita.remind@demo.test');
  const rita = await browser.newContext().then((c) => c.newPage());
  await applicantAccount(rita, 'rita.remind@demo.test', 'Rita Remind password');
  await bookFirstChoice(rita, sessionId);

  try {
    // The Reminders page, reached from the menu.
    await open(coordinator, '/overview');
    await coordinator.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reminders' }).click();
    await expect(coordinator.getByRole('heading', { name: 'Reminders and alerts' })).toBeVisible();
    const first = coordinator.getByRole('group', { name: 'First reminder to applicants' });
    // An hour out of range is refused under its field.
    await first.getByLabel('Hours before').fill('30');
    await coordinator.getByRole('button', { name: 'Save reminders' }).click();
    await expect(first.getByText('Enter a whole number of hours from 0 to 23.')).toBeVisible();
    await first.getByLabel('Hours before').fill('2');
    await coordinator.getByRole('button', { name: 'Save reminders' }).click();
    await expect(coordinator.getByText('Reminders saved.')).toBeVisible();
    const now = coordinator.locator('section', { has: coordinator.getByRole('heading', { name: 'Now set' }) });
    await expect(now).toContainText('First reminder to applicants: 2 hours before');
    await expect(now).toContainText('Second reminder to applicants: Off');
    await coordinator.screenshot({ path: 'screenshots/reminders.png', fullPage: true });
    await coordinator.setViewportSize({ width: 390, height: 844 });
    await coordinator.screenshot({ path: 'screenshots/reminders-phone.png', fullPage: true });
    await coordinator.setViewportSize({ width: 1280, height: 800 });

    // A minute before the reminder's time (6:00 in New York on the session's day): none yet.
    const due = eightInNewYork(date) - 2 * 3_600_000;
    const serverNow = Number(await (await coordinator.request.post('/test/clock', { form: {} })).text());
    await forward(coordinator, due - serverNow - 60_000);
    await coordinator.waitForTimeout(4_000); // more than one round of the job (3 s)
    expect(lastEmail('rita.remind@demo.test')).not.toContain('A reminder of your interview');
    // Its time passes: the job queues it.
    await forward(coordinator, 2 * 60_000);
    await expect.poll(() => lastEmail('rita.remind@demo.test'), { timeout: 15_000 }).toContain('A reminder of your interview');
    const mail = lastEmail('rita.remind@demo.test');
    expect(mail).toContain('Reminder session');
    expect(mail).toContain('8:00');
    expect(mail).toContain('/my-programs');

    // Each staff member's own notifications.
    await open(coordinator, '/notifications');
    await expect(coordinator.getByRole('heading', { name: 'Your notifications' })).toBeVisible();
    await coordinator.getByLabel('has their booking cancelled').check();
    await coordinator.getByLabel('Send me the program\'s daily digest').check();
    await coordinator.getByRole('button', { name: 'Save notifications' }).click();
    await expect(coordinator.getByText('Notifications saved.')).toBeVisible();
    await open(coordinator, '/notifications');
    await expect(coordinator.getByLabel('has their booking cancelled')).toBeChecked();
    await expect(coordinator.getByLabel('declines the invitation')).not.toBeChecked();
    await coordinator.screenshot({ path: 'screenshots/notifications.png', fullPage: true });
    // The Reminders page lists who hears of what.
    await open(coordinator, '/reminders');
    const row = coordinator.getByRole('row', { name: /Jordan Lee/ });
    await expect(row.getByRole('cell').nth(3)).toHaveText('Yes');
    await expect(row.getByRole('cell').nth(2)).toHaveText('No');
  } finally {
    // The specs share one database: reminders off, alerts off, the session's applicant gone.
    const off: Record<string, string> = {};
    for (const f of ['first_days', 'first_hours', 'second_days', 'second_hours', 'staff_days', 'staff_hours', 'digest_hour']) off[`reminders[${f}]`] = '';
    await call(coordinator, 'save-reminders', off);
    await call(coordinator, 'save-notifications', {});
  }
});
