import { test, expect, as, applicantAccount, bookFirstChoice, call, inviteApplicant, oneRoomDraft, open, visibleSession } from './helpers';

// Application files: a coordinator uploads an applicant's PDF (a page renamed .pdf refused first,
// under its field), then a ZIP (its preview, then attached), the interviewer the published day places with the applicant opens it from
// the score sheet (the answer is the PDF, as a download), and another interviewer is refused.

/** A ZIP of `files`, stored (not compressed): enough of the format for a test. */
function zipOf(files: [string, Buffer][]): Buffer {
  const crc32 = (buf: Buffer) => {
    let crc = 0xffffffff;
    for (const byte of buf) {
      crc ^= byte;
      for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return (crc ^ 0xffffffff) >>> 0;
  };
  const date = ((2026 - 1980) << 9) | (12 << 5) | 3;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, body] of files) {
    const n = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(date, 12);
    head.writeUInt32LE(crc32(body), 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(body.length, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc32(body), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(body.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, body);
    centrals.push(central, n);
    offset += 30 + n.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EMAIL = 'gil.files@demo.test';

test('Application files: uploaded, opened by the interviewer on the schedule, refused to another', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await call(coordinator, 'save-settings', { self_scheduling: 'true', interview_setup: 'external_video' });
  const sessionId = await visibleSession(coordinator, 'Files session', '2027-05-11', 4);
  await inviteApplicant(coordinator, 'Gil Files', EMAIL);
  const applicant = await browser.newContext().then((c) => c.newPage());
  await applicantAccount(applicant, EMAIL, 'Gil Files password');
  await bookFirstChoice(applicant, sessionId);
  await applicant.context().close();
  // Gil meets Dr. Sam Rivera in Room Files; the day is published and scored on a form.
  await oneRoomDraft(coordinator, sessionId, 'Room Files');
  const review = await call(coordinator, 'review-publish', { session_id: sessionId });
  await call(coordinator, 'finalize-day', { session_id: sessionId, draft_version: String(review.draft_version) });
  const formId = await call(coordinator, 'save-scoring-form', {
    'form[name]': 'Files form',
    'form[criteria][0][name]': 'Communication',
  });
  await call(coordinator, 'assign-scoring-form', { session_id: sessionId, form_id: String(formId) });
  const list = await call(coordinator, 'list-applicants', {});
  const id = String(list.applicants.find((a: any) => a.email === EMAIL).id);

  // The coordinator finds the screen from the Applicants list.
  await open(coordinator, '/applicants');
  await coordinator.getByRole('link', { name: 'Application files' }).first().click();
  await expect(coordinator.getByRole('heading', { name: 'Application files', level: 1 })).toBeVisible();
  const who = coordinator.getByLabel("Applicant's e-mail or application id");
  const file = coordinator.getByLabel('Application (PDF)');
  // A page renamed .pdf (and claimed to be one) is refused under the file's field.
  await who.fill(EMAIL);
  await file.setInputFiles({ name: 'gil.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
  await coordinator.getByRole('button', { name: 'Upload' }).click();
  await expect(coordinator.getByText('This file is not a PDF')).toBeVisible();
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  // The PDF is taken.
  await who.fill(EMAIL);
  await file.setInputFiles({ name: 'Gil Files.pdf', mimeType: 'application/pdf', buffer: PDF });
  await coordinator.getByRole('button', { name: 'Upload' }).click();
  await expect(coordinator.getByText('Uploaded.')).toBeVisible();
  await expect(coordinator.getByRole('link', { name: 'Gil Files.pdf' })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/files-upload-desktop.png', fullPage: true });

  // A ZIP: its preview says what matched and what did not, then it is attached in one go.
  const zip = zipOf([
    ['2027/gil.files@demo.test.pdf', PDF],
    ['2027/nobody@demo.test.pdf', PDF],
    ['2027/notes.pdf', Buffer.from('<html>a page, renamed</html>')],
  ]);
  await coordinator.getByLabel('ZIP of PDFs').setInputFiles({ name: 'applications.zip', mimeType: 'application/zip', buffer: zip });
  await coordinator.getByRole('button', { name: 'Read the ZIP' }).click();
  const preview = coordinator.getByRole('region', { name: 'ZIP waiting to be attached' });
  await expect(preview.getByText('1 matched an applicant.')).toBeVisible();
  await expect(preview.getByRole('cell', { name: 'Replaces the file on record' })).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Not matched to an applicant (1)' })).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Not a PDF (1)' })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/files-zip-preview-desktop.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(preview.getByText('notes.pdf')).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/files-zip-preview-phone.png', fullPage: true });
  await preview.getByRole('button', { name: 'Attach 1 file' }).click();
  await expect(preview).toHaveCount(0);
  await expect(coordinator.getByRole('link', { name: 'gil.files@demo.test.pdf' })).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/files-upload-phone.png', fullPage: true });

  // Dr. Rivera, who interviews Gil, opens it from the score sheet: a download of the PDF.
  const rivera = await as(browser, 'interviewer1@demo.test', /\/overview$/);
  await open(rivera, `/scores/${sessionId}/${id}`);
  const link = rivera.getByRole('link', { name: 'Application (PDF)' });
  await expect(link).toBeVisible();
  const download = rivera.waitForEvent('download');
  await link.click();
  expect((await download).suggestedFilename()).toBe('gil.files@demo.test.pdf');
  const res = await rivera.request.get((await link.getAttribute('href'))!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await rivera.screenshot({ path: 'screenshots/files-score-sheet.png', fullPage: true });

  // Dr. Alex Chen is in no room with Gil: refused.
  const chen = await as(browser, 'interviewer2@demo.test', /\/overview$/);
  const refused = await chen.request.get(`/files/application/${id}`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain('applicants you interview');
});
