import { test, expect, as, call, lastEmail, login, loginAs, open, visibleSession } from './helpers';

// Staff management. A coordinator changes a new member's role, then deactivates them while the
// member's own page is open in another browser: the confirm step lists the coming day's room
// they leave, the member's page is logged out at once, their log-in is refused with why, and a
// reactivation lets them in again. Then a staff CSV with bad rows is previewed and imported.
// Screenshots at desktop and phone width.

const EMAIL = 'sam.staffer@demo.test';
const NAME = 'Sam Staffer';
const PW = 'sam staffer password';

test('a member deactivated while their page is open is logged out at once', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'add-staff', { name: NAME, email: EMAIL, role: 'interviewer' });
  const token = lastEmail(EMAIL).match(/token=([0-9a-f]+)/)![1];

  // Sam sets a password through the link, logs in and keeps a page open.
  const member = await (await browser.newContext()).newPage();
  await call(member, 'set-password', { token, password: PW, confirm: PW });
  await loginAs(member, EMAIL, /\/overview$/, PW);
  await expect(member.getByRole('heading', { level: 1 })).toBeVisible();

  // Sam sits in a room of a day to come.
  const session = await visibleSession(coordinator, 'Staff spec day', '2027-03-03', 4);
  const sam = (await call(coordinator, 'list-staff', {})).find((m: any) => m.email === EMAIL);
  await call(coordinator, 'save-day-plan', {
    session_id: session,
    'plan[start]': '08:00',
    'plan[interview_minutes]': '20',
    'plan[passing_minutes]': '5',
    'plan[rounds]': '2',
    'plan[interviews_per_applicant]': '1',
  });
  await call(coordinator, 'save-room', {
    session_id: session,
    'room[name]': 'Room S',
    'room[location]': 'https://video.example.test/room-s',
    'room[interviewers][0]': String(sam.user_id),
  });

  // The list: role, status and last log-in; a director is above a coordinator's role.
  await open(coordinator, '/staff');
  const row = coordinator.getByRole('row', { name: new RegExp(NAME) });
  await expect(row).toContainText('Interviewer');
  await expect(row).toContainText('Active');
  await expect(row.getByRole('cell').nth(4)).not.toHaveText('Never');
  const director = coordinator.getByRole('row', { name: /Dr. Maya Patel/ });
  await expect(director).toContainText('Above your role');
  await expect(coordinator.getByLabel(`Role of ${NAME}`).locator('option', { hasText: 'Program director' })).toHaveCount(0);

  // A role change.
  await coordinator.getByLabel(`Role of ${NAME}`).selectOption('coordinator');
  await row.getByRole('button', { name: 'Change role' }).click();
  await expect(row.getByRole('cell').nth(2)).toHaveText('Coordinator');
  await coordinator.screenshot({ path: 'screenshots/staff-list-desktop.png', fullPage: true });

  // Deactivate: the confirm step names the room first.
  await row.getByRole('link', { name: `Deactivate ${NAME}…` }).click();
  await expect(coordinator).toHaveURL(/\/staff\?deactivate=\d+$/);
  await expect(coordinator.getByRole('heading', { name: `Deactivate ${NAME}?` })).toBeVisible();
  const warning = coordinator.getByRole('note');
  await expect(warning).toContainText('They will be taken off 1 room(s)');
  await expect(warning).toContainText('Wed 3 Mar 2027 · Staff spec day · Room S');
  await coordinator.screenshot({ path: 'screenshots/staff-deactivate-desktop.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(coordinator.getByRole('button', { name: `Deactivate ${NAME}` })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/staff-deactivate-phone.png', fullPage: true });
  await coordinator.setViewportSize({ width: 1280, height: 800 });
  await coordinator.getByRole('button', { name: `Deactivate ${NAME}` }).click();

  // Sam's open page is logged out at once.
  await expect(member).toHaveURL(/\/login$/, { timeout: 5_000 });
  await expect(coordinator.getByRole('heading', { name: `${NAME} is deactivated` })).toBeVisible();
  await expect(coordinator.getByText('They were taken off: Wed 3 Mar 2027 · Staff spec day · Room S.')).toBeVisible();
  await expect(row).toContainText('Deactivated');
  await coordinator.screenshot({ path: 'screenshots/staff-deactivated-desktop.png', fullPage: true });

  // Their log-in is refused, with why.
  await login(member, EMAIL, PW);
  await expect(member.getByText('Your access to the Interview Portal was deactivated by your program')).toBeVisible();
  await expect(member).toHaveURL(/\/login/);

  // Reactivated: they may log in again.
  await coordinator.getByRole('link', { name: 'Back to the staff list' }).click();
  await expect(coordinator).toHaveURL(/\/staff$/);
  await row.getByRole('button', { name: `Reactivate ${NAME}` }).click();
  await expect(row.getByRole('cell').nth(3)).toHaveText('Active');
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await coordinator.screenshot({ path: 'screenshots/staff-list-phone.png', fullPage: true });
  await loginAs(member, EMAIL, /\/overview$/, PW);
});

const FILE =
  'Name;Email;Role\r\n' +
  'Rita Import;rita.import@demo.test;Interviewer\r\n' +
  'Dr. Alex Chen;interviewer2@demo.test;Interviewer\r\n' +
  'No Mail;not-an-email;Coordinator\r\n' +
  'Big Boss;big.boss@demo.test;Program director\r\n';

test('a staff CSV is previewed, then imported', async ({ browser }) => {
  test.setTimeout(90_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/staff');
  await coordinator.getByRole('link', { name: 'Import staff from a CSV file' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Import staff', level: 1 })).toBeVisible();
  await coordinator.getByLabel('CSV file').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
  await coordinator.getByRole('button', { name: 'Preview the import' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Preview of staff.csv' })).toBeVisible();
  await expect(coordinator.getByText('4 rows read, separated by semicolons.')).toBeVisible();
  const counts = coordinator.locator('.import-counts');
  await expect(counts).toContainText('1 to add');
  await expect(counts).toContainText('1 already members');
  await expect(counts).toContainText('2 invalid');
  const invalid = coordinator.locator('table', { has: coordinator.getByRole('columnheader', { name: 'Reason' }) });
  await expect(invalid.getByRole('row', { name: /^4 Email:/ })).toBeVisible();
  await expect(invalid.getByRole('row', { name: /5 Role: as coordinator you cannot add a program director/ })).toBeVisible();
  await expect(coordinator.getByRole('heading', { name: 'Already members, left as they are (1)' })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/staff-import-preview-desktop.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(coordinator.getByRole('button', { name: 'Add 1 staff member' })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/staff-import-preview-phone.png', fullPage: true });
  await coordinator.setViewportSize({ width: 1280, height: 800 });

  await coordinator.getByRole('button', { name: 'Add 1 staff member' }).click();
  await expect(
    coordinator.getByText('Imported staff.csv: 1 added, 1 already members left as they were, 2 invalid rows left out.'),
  ).toBeVisible();
  expect(lastEmail('rita.import@demo.test')).toContain('set-password?token=');
  await coordinator.getByRole('link', { name: 'See the staff list' }).click();
  const rita = coordinator.getByRole('row', { name: /Rita Import/ });
  await expect(rita).toContainText('Invited (no password yet)');
  await expect(rita).toContainText('Never');
});
