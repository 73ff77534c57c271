import { test, expect, as, call, open } from './helpers';

test('a coordinator changes a status, then finds it on the audit page by kind, and exports it', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  // The change: an applicant added and marked Invited & Ready (set-up through the server
  // functions the Applicants screen posts).
  await call(coordinator, 'add-applicant', { name: 'Iris Audit', email: 'iris.audit@demo.test' });
  const list = await call(coordinator, 'list-applicants', {});
  const id = String(list.applicants.find((a: any) => a.email === 'iris.audit@demo.test').id);
  await call(coordinator, 'mark-invited', { id });

  await coordinator.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(coordinator).toHaveURL(/\/audit$/);
  await expect(coordinator.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();

  // Filter by kind: the address follows, so the view is a link.
  await coordinator.getByLabel('Kind').selectOption({ label: 'Status changes' });
  await coordinator.getByRole('button', { name: 'Show' }).click();
  await expect(coordinator).toHaveURL(/\/audit\?.*kind=status/);
  const line = 'Jordan Lee changed Iris Audit from Interview Candidate to Invited & Ready for Scheduling';
  const row = coordinator.getByRole('row').filter({ hasText: line });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(1)).toHaveText('Status changes');
  // Newest first: it heads the list.
  await expect(coordinator.getByRole('row').nth(1)).toContainText(line);
  // Every line shown is of that kind.
  const kinds = await coordinator.locator('td[data-label="Kind"]').allTextContents();
  expect(kinds.length).toBeGreaterThan(0);
  expect(new Set(kinds)).toEqual(new Set(['Status changes']));

  // The export is the filtered view, as CSV.
  const link = coordinator.getByRole('link', { name: 'Export CSV' });
  await expect(link).toHaveAttribute('href', '/export/audit.csv?kind=status');
  const csv = await coordinator.request.get('/export/audit.csv?kind=status');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text.split('\n')[0]).toBe('When,Who,Kind,About,From,To,Why,What happened');
  expect(text).toContain(line);
  expect(text).not.toContain('Overrides');

  // Loaded whole from its address (as without script), the filter is kept.
  await open(coordinator, '/audit?kind=status');
  await expect(coordinator.getByLabel('Kind')).toHaveValue('status');
  await expect(coordinator.getByRole('row').filter({ hasText: line })).toHaveCount(1);
  await coordinator.screenshot({ path: 'screenshots/audit.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(coordinator.getByRole('row').filter({ hasText: line })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/audit-phone.png', fullPage: true });
});

test('an interviewer has no audit page and no audit file', async ({ browser }) => {
  const interviewer = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await expect(interviewer.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await open(interviewer, '/audit');
  await expect(interviewer.getByText('Only the program\'s directors, managers and coordinators can do this.')).toBeVisible();
  await expect(interviewer.getByRole('table')).toHaveCount(0);
  const csv = await interviewer.request.get('/export/audit.csv');
  expect(csv.status()).toBe(403);
});
