import { test, expect, as, PASSWORD } from './helpers';

// Screens written on the server (ui::ServerPanel) work without script: the page is sent whole
// (not streamed into templates that only script would put in place), and its forms are plain
// forms. A coordinator whose browser runs no script sees the staff list and the rank list, and
// the rank list's options still apply through its no-script "Show" button; a refused form comes
// back with the refusal under its field and what was typed in its fields.

test('server-written screens show and work without script', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const storageState = await coordinator.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  const page = await context.newPage();

  await page.goto('/staff');
  await expect(page.getByText('Dr. Sam Rivera').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to staff' })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);

  // A refused post comes back to the page with the refusal under its field, as with script.
  await page.getByLabel('Full name').fill('Pat Example');
  await page.getByLabel('Email').fill('not-an-address');
  await page.getByRole('button', { name: 'Add to staff' }).click();
  await expect(page).toHaveURL(/\/staff\?/);
  const email = page.getByLabel('Email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-email-error')).toHaveText('Enter an email address like name@example.org.');
  // What was typed is back in the form, to be mended rather than typed again.
  await expect(page.getByLabel('Full name')).toHaveValue('Pat Example');
  await expect(email).toHaveValue('not-an-address');
  await page.screenshot({ path: 'screenshots/noscript-staff-refused.png', fullPage: true });

  await page.goto('/ranks');
  await expect(page.locator('.loading')).toHaveCount(0);
  const calibrate = page.getByLabel(/Calibrate/);
  await expect(calibrate).toBeVisible();
  await calibrate.check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/calibrate=true/);
  await expect(page.getByLabel(/Calibrate/)).toBeChecked();

  // The program's overview and its meeting rooms; a room added through the plain form is listed.
  await page.goto('/overview');
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Internal Medicine Residency');
  await page.goto('/meeting-rooms');
  await expect(page.locator('.loading')).toHaveCount(0);
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Add a meeting room' }) });
  await form.getByLabel('Name').fill('Quiet lounge');
  await form.getByLabel('Opens').fill('09:00');
  await form.getByLabel('Closes').fill('09:30');
  await form.getByLabel(/Meeting link|Place/).fill('https://video.example.test/quiet');
  await form.getByRole('button', { name: 'Add meeting room' }).click();
  await expect(page).toHaveURL(/\/meeting-rooms\??$/);
  await expect(page.getByRole('row', { name: /Quiet lounge/ })).toContainText('Every session');
  // Removed through the row's plain form too (every session's day would carry it: another test's
  // applicant would be sent there after their last interview).
  await page.getByRole('button', { name: 'Remove Quiet lounge' }).click();
  await expect(page).toHaveURL(/\/meeting-rooms\??$/);
  await expect(page.getByRole('row', { name: /Quiet lounge/ })).toHaveCount(0);

  // The applicant list: an address already in the program is refused under its field; a new
  // applicant is added and marked Invited & Ready through the row's plain form.
  await page.goto('/applicants');
  await expect(page.locator('.loading')).toHaveCount(0);
  await page.getByLabel('Full name').fill('Noa Plain');
  await page.getByLabel('Email').fill('ana.ruiz@demo.test');
  await page.getByRole('button', { name: 'Add applicant' }).click();
  await expect(page.locator('#field-email-error')).toHaveText('This email is already an applicant of the program.');
  await expect(page.getByLabel('Full name')).toHaveValue('Noa Plain');
  await page.getByLabel('Full name').fill('Noa Plain');
  await page.getByLabel('Email').fill('noa.plain@demo.test');
  await page.getByRole('button', { name: 'Add applicant' }).click();
  const noa = page.getByRole('row').filter({ hasText: 'noa.plain@demo.test' });
  await expect(noa.locator('.badge')).toHaveText('Interview Candidate');
  await noa.getByRole('button', { name: 'Mark Noa Plain Invited & Ready for Scheduling' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'noa.plain@demo.test' }).locator('.badge')).toHaveText(
    'Invited & Ready for Scheduling',
  );

  await context.close();
  await coordinator.context().close();
});

// The account pages are written on the server too: without script they show their forms, a
// person logs in through the plain form and lands where they belong, and a sign-up is taken.
test('logging in and signing up work without script', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto('/signup');
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.getByLabel('Email of your application')).toHaveAttribute('autocomplete', 'email');
  await expect(page.getByLabel('Repeat the password')).toHaveAttribute('autocomplete', 'new-password');
  await page.getByLabel('Email of your application').fill('someone.quiet@example.org');
  await page.getByLabel('Password', { exact: true }).fill('a quiet long password');
  await page.getByLabel('Repeat the password').fill('a quiet long password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\?sent=true$/);
  await expect(page.getByText('Check your inbox.')).toBeVisible();

  await page.goto('/login');
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
  await page.getByLabel('Email').fill('coordinator@demo.test');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Internal Medicine Residency');

  await context.close();
});

// The sessions list and a session's page are written on the server: without script the list
// shows with its fill, a session is created through the plain form, and its page shows.
test('the sessions list shows and a session is created without script', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const storageState = await coordinator.context().storageState();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  const page = await context.newPage();

  await page.goto('/sessions');
  await expect(page.locator('.loading')).toHaveCount(0);
  const halfDay = page.getByRole('row').filter({ hasText: 'December half day' });
  await expect(halfDay.getByTestId('fill-text')).toHaveText(/^\d+ \/ 6$/);
  await page.getByLabel('Name').fill('Quiet day');
  await page.getByLabel('Date').fill('2027-02-10');
  await page.getByLabel('Capacity').fill('4');
  // Hidden from applicants, so the other tests' pickers do not offer it.
  await page.getByLabel('Visible to invited applicants').uncheck();
  await page.getByRole('button', { name: 'Create session' }).click();
  await expect(page).toHaveURL(/\/sessions\??$/);
  const row = page.getByRole('row').filter({ hasText: 'Quiet day' });
  await expect(row.getByTestId('fill-text')).toHaveText('0 / 4');
  await expect(row).toContainText('Hidden');
  await page.screenshot({ path: 'screenshots/noscript-sessions.png', fullPage: true });

  await row.getByRole('link', { name: 'Quiet day' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quiet day');
  await expect(page.getByTestId('seats-left')).toHaveText('4');
  await expect(page.getByRole('heading', { name: 'Edit session' })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Quiet day');

  await context.close();
  await coordinator.context().close();
});
