import { test, expect, as, call, inviteApplicant, lastEmail, open } from './helpers';

test('a coordinator edits a template with its live preview; a misspelt placeholder is refused beside the field; the e-mail sent says the new text', async ({ browser }) => {
  const coordinator = await as(browser, 'coordinator@demo.test', /\/overview$/);
  await coordinator.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'E-mail templates' }).click();
  await expect(coordinator).toHaveURL(/\/templates$/);
  await expect(coordinator.getByRole('heading', { name: 'E-mail templates', level: 1 })).toBeVisible();

  await coordinator.getByRole('navigation', { name: 'Kinds of message' }).getByRole('link', { name: 'Invitation withdrawn' }).click();
  await expect(coordinator.getByRole('heading', { name: 'Invitation withdrawn', level: 2 })).toBeVisible();
  await expect(coordinator.getByTestId('template-state')).toHaveText("This program sends the portal's default text for this kind.");
  await expect(coordinator.getByTestId('preview-subject')).toHaveText('Interview invitation withdrawn: Internal Medicine Residency');

  // A misspelt placeholder: said beside the field as soon as the field is left, and no preview.
  const subject = coordinator.getByLabel('Subject');
  const body = coordinator.getByLabel('Message', { exact: true });
  await subject.fill('News from {{program}} for {{applicant_name}}');
  await subject.press('Tab');
  await expect(coordinator.getByTestId('preview-subject')).toContainText('News from Internal Medicine Residency for ');
  await body.fill('Dear {{applicant_name}},\n\nWe are sorry: {{program}} cannot interview you this season.\n\nYour page: {{my_programs_lnk}}');
  await body.press('Tab');
  const problem = 'Unknown placeholder {{my_programs_lnk}} at line 5, column 12: did you mean {{my_programs_link}}?';
  await expect(coordinator.locator('#field-body-error')).toHaveText(problem);
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await expect(coordinator.getByTestId('preview-none')).toBeVisible();
  // Saved as it is, it is refused there too, and nothing changes.
  await coordinator.getByRole('button', { name: 'Save this text' }).click();
  await expect(coordinator.locator('#field-body-error')).toHaveText(problem);
  await coordinator.screenshot({ path: 'screenshots/templates-refused.png', fullPage: true });

  // Put right: the preview follows, filled with an applicant of the program.
  await body.fill('Dear {{applicant_name}},\n\nWe are sorry: {{program}} cannot interview you this season.\n\nYour page: {{my_programs_link}}');
  await body.press('Tab');
  await expect(coordinator.locator('#field-body-error')).toHaveText('');
  const preview = coordinator.getByTestId('preview-body');
  await expect(preview).toContainText('We are sorry: Internal Medicine Residency cannot interview you this season.');
  await expect(preview).toContainText('/my-programs');
  await expect(preview).not.toContainText('{{');
  // The preview follows as one types, without leaving the field; what is typed while it is on
  // its way is kept (a key every 0.4 s: each pause sends the form), and the caret stays.
  await subject.click();
  await subject.press('End');
  await subject.pressSequentially(', today', { delay: 400 });
  await expect(coordinator.getByTestId('preview-subject')).toHaveText(/^News from Internal Medicine Residency for \S.*, today$/);
  await expect(subject).toBeFocused();
  await expect(subject).toHaveValue('News from {{program}} for {{applicant_name}}, today');
  // "Save" at once after a key: what is in the field is saved.
  await subject.press('!');
  await coordinator.getByRole('button', { name: 'Save this text' }).click();
  await expect(coordinator.getByTestId('template-state')).toHaveText('This program sends its own text for this kind.');
  await coordinator.screenshot({ path: 'screenshots/templates.png', fullPage: true });
  await coordinator.setViewportSize({ width: 390, height: 844 });
  await expect(coordinator.getByTestId('preview-body')).toBeVisible();
  await coordinator.screenshot({ path: 'screenshots/templates-phone.png', fullPage: true });
  await coordinator.setViewportSize({ width: 1280, height: 800 });

  // The e-mail that results.
  const email = 'wren.template@demo.test';
  await inviteApplicant(coordinator, 'Wren Template', email);
  const list = await call(coordinator, 'list-applicants', {});
  const id = String(list.applicants.find((a: any) => a.email === email).id);
  await call(coordinator, 'withdraw-applicant', { id, reason: 'template test' });
  const mail = lastEmail(email);
  expect(mail).toContain('Dear Wren Template,');
  expect(mail).toContain('We are sorry: Internal Medicine Residency cannot interview you this season.');
  expect(mail).not.toContain('template test');

  // Back to the default.
  await open(coordinator, '/templates?kind=withdrawn');
  await expect(coordinator.getByLabel('Subject')).toHaveValue('News from {{program}} for {{applicant_name}}, today!');
  await coordinator.getByRole('button', { name: 'Reset to the default' }).click();
  await expect(coordinator.getByTestId('template-state')).toHaveText("This program sends the portal's default text for this kind.");
  await expect(coordinator.getByTestId('preview-subject')).toHaveText('Interview invitation withdrawn: Internal Medicine Residency');
});
