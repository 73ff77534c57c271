import { test, expect, applicantAccount, as, call, inviteApplicant, open } from './helpers';

// A coordinator plans a session's interview day: rounds and a lunch break, three rooms (one a
// panel), a conflict of interest; generates the draft and reads the grid and the report, at
// desktop and phone width.
test('a coordinator sets up an interview day, generates it and reads the grid', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await call(coordinator, 'save-session', {
    'session[name]': 'Day builder session',
    'session[date]': '2027-02-09',
    'session[start]': '08:00',
    'session[end]': '12:00',
    'session[time_zone]': 'America/New_York',
    'session[capacity]': '8',
    'session[visible]': 'true',
  });
  // Three applicants book it (self-scheduling confirms them at once).
  const names = ['Iris Day', 'Jon Day', 'Kai Day'];
  for (const name of names) {
    const email = `${name.toLowerCase().replace(' ', '.')}@demo.test`;
    await inviteApplicant(coordinator, name, email);
    const applicant = await browser.newContext().then((c) => c.newPage());
    await applicantAccount(applicant, email, `${name} password`);
    const program = (await call(applicant, 'my-programs', {}))[0];
    const other = program.sessions.find((s: any) => s.name === 'January interview day').id;
    await call(applicant, 'submit-choices', {
      program_id: String(program.program_id),
      first_choice: String(sessionId),
      second_choice: String(other),
    });
    await applicant.context().close();
  }

  // From the session's page to its day.
  await open(coordinator, `/sessions/${sessionId}`);
  await coordinator.getByRole('link', { name: 'Plan the interview day →' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Day builder session' })).toBeVisible();
  await expect(coordinator.getByTestId('day-applicants')).toHaveText('3');
  await expect(coordinator.getByTestId('grid-empty')).toHaveText('Nothing generated yet.');

  // Rounds: 8:30, 25 minutes, 5 passing, 4 rounds.
  await coordinator.getByLabel('Day starts').fill('08:30');
  await coordinator.getByLabel('Interview length (minutes)').fill('25');
  await coordinator.getByLabel('Passing time between rounds (minutes)').fill('5');
  await coordinator.getByLabel('Rounds', { exact: true }).fill('4');
  await coordinator.getByRole('button', { name: 'Save rounds' }).click();
  await expect(coordinator.getByText('Rounds saved.')).toBeVisible();
  // 4 × 25 + 3 × 5 = 115 minutes.
  await expect(coordinator.getByTestId('day-ends')).toHaveText('10:25 AM');

  // A lunch break after round 2 moves the end.
  await coordinator.getByLabel('When').selectOption({ label: 'After round 2' });
  await coordinator.getByLabel('Break length (minutes)').fill('30');
  await coordinator.getByLabel('Break name').fill('Lunch');
  await coordinator.getByRole('button', { name: 'Add break' }).click();
  await expect(coordinator.getByText('Lunch after round 2 · 30 min')).toBeVisible();
  await expect(coordinator.getByTestId('day-ends')).toHaveText('10:50 AM');

  // Rooms: external video needs a meeting link; a bad one is refused beside its field.
  const addRoom = async (name: string, link: string, who: string[]) => {
    await coordinator.getByLabel('Room name').fill(name);
    await coordinator.getByLabel('Meeting link (Zoom, Teams, WebEx)').fill(link);
    for (const w of who) await coordinator.getByLabel(w, { exact: true }).check();
    await coordinator.getByRole('button', { name: 'Add room' }).click();
  };
  await addRoom('Room A', 'zoom.us/j/1', ['Dr. Sam Rivera']);
  await expect(coordinator.getByText('Enter the meeting link, starting with https://')).toBeVisible();
  await coordinator.getByLabel('Meeting link (Zoom, Teams, WebEx)').fill('https://zoom.us/j/111');
  await coordinator.getByRole('button', { name: 'Add room' }).click();
  await expect(coordinator.getByRole('button', { name: 'Edit Room A' })).toBeVisible();
  await addRoom('Room B', 'https://zoom.us/j/222', ['Dr. Alex Chen']);
  await expect(coordinator.getByRole('button', { name: 'Edit Room B' })).toBeVisible();
  await addRoom('Panel', 'https://zoom.us/j/333', ['Dr. Maya Patel', 'Chris Okafor']);
  await expect(coordinator.getByRole('button', { name: 'Edit Panel' })).toBeVisible();
  await expect(coordinator.getByText('Chris Okafor, Dr. Maya Patel')).toBeVisible();
  await expect(coordinator.getByTestId('day-rooms')).toHaveText('3');

  // A conflict of interest: Dr. Alex Chen never meets Kai Day.
  await coordinator.getByLabel('Interviewer', { exact: true }).selectOption({ label: 'Dr. Alex Chen' });
  await coordinator.getByLabel('Applicant', { exact: true }).selectOption({ label: 'Kai Day' });
  await coordinator.getByRole('button', { name: 'Add conflict' }).click();
  await expect(coordinator.getByText('Dr. Alex Chen must not meet Kai Day')).toBeVisible();

  // Generate: the grid shows everyone; Kai misses Room B and the report says why.
  await coordinator.getByRole('button', { name: 'Generate' }).click();
  const grid = coordinator.getByRole('table', { name: /Draft schedule/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(1 + 4 + 1); // header, 4 rounds, the lunch row
  await expect(grid.getByRole('row', { name: /Lunch/ })).toContainText('Lunch · 9:25 AM – 9:55 AM');
  for (const name of names) await expect(grid.getByRole('cell', { name })).not.toHaveCount(0);
  const roomB = await grid.locator('td[data-label="Room B"]').allTextContents();
  expect(roomB).not.toContain('Kai Day');
  const report = coordinator.getByLabel('Generator report');
  await expect(report).toContainText('The draft is as full as this day allows');
  await expect(report).toContainText('Kai Day: 2 of 3 interviews — only 2 rooms are open to them');
  await expect(report).toContainText('Interviews per interviewer');

  await coordinator.screenshot({ path: 'screenshots/day-desktop.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  // On a phone the grid is a list per round, each cell labelled with its room.
  await expect(grid.locator('thead')).toBeHidden();
  await coordinator.screenshot({ path: 'screenshots/day-phone.png', fullPage: true });
  await grid.screenshot({ path: 'screenshots/day-phone-grid.png' });

  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'portal_video' });
});
