import { test, expect, as, open } from './helpers';

// The applicant import: a coordinator finds it from Applicants; a file without an e-mail column
// is refused under the file's field with the columns found; a season's file (Excel's UTF-8 with
// a BOM, semicolons, CRLF, a quoted separator and a quoted newline) with bad rows is previewed:
// rows to add, one updating an applicant already in the program, a duplicate and invalid rows
// with their line and reason (desktop and phone width); imported with the Invited & Ready
// option, the applicants are in the list.

const FILE =
  '\ufeffEmail Address;First Name;Last Name;AAMC ID;Program Track;Medical School\r\n' +
  'iris.import@demo.test;Iris;Importa;14000001;Categorical;"Penn; Perelman"\r\n' +
  'jon.import@demo.test;Jon;Importa;14000002;Preliminary;"Line one\r\nline two"\r\n' +
  'ANA.RUIZ@demo.test;Ana;Ruiz;14000003;Categorical;UCSF\r\n' +
  'not-an-email;Kim;Bad;;;\r\n' +
  ';Lee;Nomail;;;\r\n' +
  'iris.import@demo.test;Iris;Again;;;\r\n';

test('Import applicants: a file with bad rows, its preview, then the applicants in the list', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await open(coordinator, '/applicants');
  await coordinator.getByRole('link', { name: 'Import applicants' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Import applicants', level: 1 })).toBeVisible();
  const file = coordinator.getByLabel('CSV file');

  // A file whose columns cannot be matched: refused under its field, naming what was found.
  // Sent over a slow line (16 KB/s up), it shows its progress while it goes up: the bar and
  // how much has gone, then what the server does with it.
  const cdp = await coordinator.context().newCDPSession(coordinator);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 16 * 1024 });
  const names = 'First Name,Last Name\n' + 'Ana,Lima\n'.repeat(6000);
  await file.setInputFiles({ name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from(names) });
  await coordinator.getByRole('button', { name: 'Preview the import' }).click();
  const busy = coordinator.locator('.upload-note');
  await expect(busy.locator('progress')).toBeVisible();
  await expect(busy).toContainText(/Sending the file: \d+ % of 5\d KB/);
  await coordinator.screenshot({ path: 'screenshots/import-uploading-desktop.png' });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(coordinator.getByText('No e-mail column was found')).toBeVisible();
  await expect(coordinator.getByText('“First Name”, “Last Name”')).toBeVisible();
  await expect(coordinator.getByLabel('CSV file')).toHaveAttribute('aria-invalid', 'true');

  // The season's file, with bad rows: its preview.
  await coordinator.getByLabel('CSV file').setInputFiles({ name: 'season.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
  await coordinator.getByRole('button', { name: 'Preview the import' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Preview of season.csv' })).toBeVisible();
  await expect(coordinator.getByText('6 rows read, separated by semicolons.')).toBeVisible();
  const counts = coordinator.locator('.import-counts');
  await expect(counts).toContainText('2 to add');
  await expect(counts).toContainText('1 update an applicant already in the program');
  await expect(counts).toContainText('1 repeat an e-mail of an earlier row');
  await expect(counts).toContainText('2 invalid');
  const invalid = coordinator.locator('table', { has: coordinator.getByRole('columnheader', { name: 'Reason' }) });
  await expect(invalid.getByRole('row', { name: /6 .*not-an-email.* is not an e-mail address/ })).toBeVisible();
  await expect(invalid.getByRole('row', { name: /7 no e-mail/ })).toBeVisible();
  await expect(coordinator.getByRole('heading', { name: 'Duplicates in the file (left out)' })).toBeVisible();
  await expect(coordinator.getByRole('heading', { name: 'To add (2)' })).toBeVisible();
  await expect(coordinator.getByRole('heading', { name: 'To update (1)' })).toBeVisible();
  await expect(coordinator.getByRole('cell', { name: 'ana.ruiz@demo.test' })).toBeVisible();
  await expect(coordinator.getByRole('cell', { name: 'Medical School' }).first()).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/import-preview-desktop.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(coordinator.getByRole('button', { name: 'Import 3 applicants' })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/import-preview-phone.png', fullPage: true });
  await coordinator.setViewportSize({ width: 1280, height: 800 });

  // Imported, marked Invited & Ready: said on the screen, and the applicants are in the list.
  await coordinator.getByLabel('Mark the imported applicants Invited & Ready for Scheduling').check();
  await coordinator.getByRole('button', { name: 'Import 3 applicants' }).click();
  await expect(coordinator.getByText('Imported season.csv: 2 added, 1 updated; 2 marked Invited & Ready for Scheduling.')).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/import-done-desktop.png', fullPage: true });
  await coordinator.getByRole('link', { name: 'See the applicants' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Applicants', level: 1 })).toBeVisible();
  for (const name of ['Iris Importa', 'Jon Importa']) {
    const row = coordinator.getByRole('row', { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Invited & Ready for Scheduling');
  }
});
