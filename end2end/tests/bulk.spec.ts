import { test, expect, as, call, open } from './helpers';

// The Applicants list at a season's size: 60 applicants added, filtered and paged on the
// server, the view kept in the address; a ticked row and then "all matching" invited in bulk,
// the result saying who was changed and who refused and why; the export as filtered.
// The other specs share this database: the 60 go again at the end (none of them ever booked),
// or a later spec's new applicant would be on page 2.
test.afterAll(async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const all = await call(coordinator, 'list-applicants', {});
  for (const a of all.applicants as any[]) {
    if (a.email.startsWith('bulk')) await call(coordinator, 'delete-applicant', { id: String(a.id), reason: '' });
  }
  await coordinator.context().close();
});

test('a coordinator filters the list, selects all matching and invites them in bulk', async ({ browser }) => {
  // Sixty applicants added one call at a time, then the list read many times: more than the
  // default 30 s on a loaded two-core machine (it took 32 s beside the other group).
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 1; i <= 60; i++) {
    await call(coordinator, 'add-applicant', { name: `Bulk Person ${pad(i)}`, email: `bulk${pad(i)}@demo.test` });
  }

  await open(coordinator, '/applicants');
  await coordinator.getByLabel('Search').fill('Bulk Person');
  await coordinator.getByLabel('Status', { exact: true }).selectOption({ label: 'Interview Candidate' });
  await coordinator.getByRole('button', { name: 'Show' }).click();
  await expect(coordinator).toHaveURL(/\/applicants\?.*q=Bulk\+Person.*status=interview_candidate|status=interview_candidate.*q=Bulk\+Person/);
  const count = coordinator.getByTestId('list-count');
  await expect(count).toHaveText('1–50 of 60');
  await expect(coordinator.locator('tbody tr')).toHaveCount(50);

  // Page 2 holds the rest; Back returns to page 1 with the filter kept.
  await coordinator.getByRole('link', { name: 'Next page, 2' }).click();
  await expect(count).toHaveText('51–60 of 60');
  await expect(coordinator.getByRole('row').filter({ hasText: 'bulk60@demo.test' })).toBeVisible();
  await coordinator.goBack();
  await expect(count).toHaveText('1–50 of 60');
  await expect(coordinator.getByLabel('Search')).toHaveValue('Bulk Person');

  // Sorted by name the other way round.
  await coordinator.getByRole('link', { name: 'Sort by applicant' }).click();
  await expect(coordinator.locator('tbody tr').first()).toContainText('Bulk Person 60');
  await coordinator.getByRole('link', { name: 'Sort by applicant' }).click();
  await expect(coordinator.locator('tbody tr').first()).toContainText('Bulk Person 01');

  // One ticked row, kept ticked when a push writes the list again (another coordinator adds
  // someone the filter leaves out).
  const tick = coordinator.getByLabel('Select Bulk Person 01');
  await tick.check();
  await tick.evaluate((e) => e.setAttribute('data-before-push', ''));
  await call(coordinator, 'add-applicant', { name: 'Tick Keeper', email: 'tick.keeper@demo.test' });
  await expect(coordinator.locator('[data-before-push]')).toHaveCount(0);
  await expect(tick).toBeChecked();
  await expect(coordinator.getByLabel('Select Bulk Person 02')).not.toBeChecked();
  await coordinator.getByRole('button', { name: 'Mark Invited & Ready', exact: true }).click();
  const message = coordinator.locator('#bulk [data-message]');
  await expect(message).toHaveText('1 marked Invited & Ready for Scheduling');
  await expect(count).toHaveText('1–50 of 59');

  // All matching the search, whatever their status and page: the one already invited is
  // refused, by name and why, the others changed.
  await open(coordinator, '/applicants?q=Bulk+Person');
  await expect(count).toHaveText('1–50 of 60');
  await coordinator.getByLabel('Select all 60 matching the filter').check();
  const answer = coordinator.waitForResponse((r) => r.url().endsWith('/api/bulk-applicants'));
  await coordinator.getByRole('button', { name: 'Mark Invited & Ready', exact: true }).click();
  // 59 changed; the one already invited refused, by name and why.
  const words = await (await answer).text();
  expect(words).toContain('59 marked Invited & Ready for Scheduling; 1 refused: ');
  expect(words).toContain('Bulk Person 01');
  await expect(message).toContainText('59 marked Invited & Ready for Scheduling; 1 refused: Bulk Person 01 is');
  const row = coordinator.getByRole('row').filter({ hasText: 'bulk42@demo.test' });
  await expect(row.locator('.badge')).toHaveText('Invited & Ready for Scheduling');
  await coordinator.screenshot({ path: 'screenshots/bulk-desktop.png', fullPage: true });

  // The export is the filtered list, as CSV.
  const link = coordinator.getByRole('link', { name: 'Export 60 as CSV' });
  await expect(link).toHaveAttribute('href', '/export/applicants.csv?q=Bulk+Person');
  const csv = await coordinator.request.get('/export/applicants.csv?q=Bulk+Person');
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split('\n');
  expect(lines[0]).toContain('Application ID,NRMP ID,First name,Last name,Name,Email,Status');
  expect(lines).toHaveLength(61);

  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(row).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/bulk-phone.png', fullPage: true });
  await coordinator.screenshot({ path: 'screenshots/bulk-phone-top.png' });
  await coordinator.context().close();
});
