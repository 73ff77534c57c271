import { test, expect, as, call, inviteApplicant, open, visibleSession, applicantAccount } from './helpers';

// Reports (issue 30), as a coordinator reads them: the page at desktop and phone width, a
// number followed to the applicant list filtered to it, the fill chart's table read by role,
// a booking seen live, a CSV downloaded and read back.

const PROGRAM = 'Internal Medicine Residency';

test('a coordinator reads the season, follows a number to the list and downloads a CSV', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const session = await visibleSession(coordinator, 'Report day', '2027-02-16', 4);
  const other = await visibleSession(coordinator, 'Report other day', '2027-02-17', 4);
  await inviteApplicant(coordinator, 'Rhea Report', 'rhea.report@demo.test');

  await open(coordinator, '/overview');
  await coordinator.getByRole('link', { name: 'Reports' }).click();
  await expect(coordinator).toHaveURL(/\/reports$/);
  await expect(coordinator.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  for (const title of ['Sessions', 'Statuses', 'Invitations', 'Fill over time', 'Interviewers']) {
    await expect(coordinator.getByRole('heading', { name: title, level: 2 })).toBeVisible();
  }

  // The session's row: 4 seats, none taken.
  const sessions = coordinator.getByRole('region', { name: 'Sessions' });
  const row = sessions.getByRole('row', { name: /Report day/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('4');

  // Rhea books it in her own browser: the page follows without a reload.
  const rhea = await (await browser.newContext()).newPage();
  await applicantAccount(rhea, 'rhea.report@demo.test', 'rhea.report password');
  const program = (await call(rhea, 'my-programs', {})).find((p: any) => p.program_name === PROGRAM);
  await call(rhea, 'submit-choices', { program_id: String(program.program_id), first_choice: session, second_choice: other });
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^[01]$/);
  const seatsLeft = row.getByRole('cell').nth(6);
  await expect(async () => {
    const confirmed = Number(await row.getByRole('cell').nth(2).innerText());
    const pending = Number(await row.getByRole('cell').nth(3).innerText());
    expect(confirmed + pending).toBe(1);
  }).toPass();
  await expect(seatsLeft).toHaveText(/^[34]$/);

  // The chart's table, read by role, and its summary.
  const fill = coordinator.getByRole('region', { name: 'Fill over time' });
  await expect(fill.getByRole('img')).toHaveAttribute('aria-label', /booked/);
  const table = fill.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Booked so far' })).toBeVisible();
  await expect(table.getByRole('row').last()).toContainText(/\d/);

  await coordinator.setViewportSize({ width: 1280, height: 900 });
  await coordinator.screenshot({ path: 'screenshots/reports-desktop.png', fullPage: true });
  await fill.locator('figure').screenshot({ path: 'screenshots/reports-chart.png' });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await coordinator.screenshot({ path: 'screenshots/reports-phone.png', fullPage: true });
  await coordinator.getByRole('region', { name: 'Statuses' }).screenshot({ path: 'screenshots/reports-phone-statuses.png' });
  await fill.screenshot({ path: 'screenshots/reports-phone-fill.png' });
  await coordinator.setViewportSize({ width: 1280, height: 900 });

  // One session's chart, chosen on the page: the address follows.
  await fill.getByRole('combobox', { name: 'Chart' }).selectOption({ label: 'Report day' });
  await expect(coordinator).toHaveURL(new RegExp(`session=${session}`));
  await expect(coordinator.getByRole('region', { name: 'Fill over time' }).getByRole('columnheader', { name: 'Waitlisted' })).toHaveCount(1);
  await expect(coordinator.getByText('Report day: its seats and its waitlist')).toBeVisible();

  // A CSV downloaded and read back: the Statuses table, its first row everyone.
  const statuses = coordinator.getByRole('region', { name: 'Statuses' });
  const download = coordinator.waitForEvent('download');
  await statuses.getByRole('link', { name: 'Download statuses as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('report-statuses.csv');
  const text = require('node:fs').readFileSync(await file.path(), 'utf8') as string;
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('Applicants,Interview Candidate,Invited & Ready for Scheduling,Pending,Confirmed,Waitlisted,Interviewed,No-show,Declined,Cancelled,Withdrawn');
  expect(lines[1]).toMatch(/^All applicants \(\d+\),/);

  // A number followed to the list: the invited of the program, filtered.
  const everyone = statuses.getByRole('row').nth(1);
  const invited = everyone.getByRole('cell').nth(1).getByRole('link');
  const n = await invited.innerText();
  await invited.click();
  await expect(coordinator).toHaveURL(/\/applicants\?status=invited_ready$/);
  await expect(coordinator.getByText(`Export ${n} as CSV`)).toBeVisible();
});
