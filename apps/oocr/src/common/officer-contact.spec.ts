import { loadConfig } from '@oversight/config';
import { OocrEnv } from '../config/oocr.env';
import { DEFAULT_OFFICER_EMAIL_TEMPLATE, officerEmail, resolveOfficerEmailTemplate } from './officer-contact';

// Officers' reminder emails (issue 4): the address is built from the officer's id and OFFICER_EMAIL_TEMPLATE [U]
// (in production: a directory lookup).

describe('officerEmail', () => {
  it.each([
    ['pc.5120', DEFAULT_OFFICER_EMAIL_TEMPLATE, 'pc.5120@kent-police.example.gov.uk'],
    ['PC.5120', DEFAULT_OFFICER_EMAIL_TEMPLATE, 'pc.5120@kent-police.example.gov.uk'],
    [' ps_2210 ', 'oocr.{officerId}@force.example.org', 'oocr.ps_2210@force.example.org'],
    [
      'pc.4471',
      '{officerId}+reminders@kent-police.example.gov.uk',
      'pc.4471+reminders@kent-police.example.gov.uk',
    ],
  ])('%s with %s → %s', (id, template, address) => {
    expect(officerEmail(id, template)).toBe(address);
  });

  it.each(['', 'pc 5120', 'a@b', '.pc', 'pc..1', '<script>', 'x'.repeat(65)])(
    'makes no address from %p (the reminder stays a task)',
    (id) => expect(officerEmail(id, DEFAULT_OFFICER_EMAIL_TEMPLATE)).toBeNull(),
  );
});

describe('OFFICER_EMAIL_TEMPLATE', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it('defaults to the documented template, and an explicit value wins over the environment', () => {
    delete process.env.OFFICER_EMAIL_TEMPLATE;
    expect(resolveOfficerEmailTemplate()).toBe('{officerId}@kent-police.example.gov.uk');
    process.env.OFFICER_EMAIL_TEMPLATE = '{officerId}@force.example.org';
    expect(resolveOfficerEmailTemplate()).toBe('{officerId}@force.example.org');
    expect(resolveOfficerEmailTemplate('x.{officerId}@a.example')).toBe('x.{officerId}@a.example');
  });

  it.each([
    'kent-police.example.gov.uk',
    'officer@kent-police.example.gov.uk',
    '{officerId}@localhost',
    '{officerId}',
  ])('refuses %p, at boot and in the activities', (bad) => {
    expect(() => resolveOfficerEmailTemplate(bad)).toThrow(/OFFICER_EMAIL_TEMPLATE/);
    const boot = () => loadConfig(OocrEnv, { ...env, OFFICER_EMAIL_TEMPLATE: bad });
    expect(boot).toThrow(/OFFICER_EMAIL_TEMPLATE must be an address with \{officerId\}/);
  });

  it('is part of the service configuration with the same default', () => {
    expect(new OocrEnv().OFFICER_EMAIL_TEMPLATE).toBe(DEFAULT_OFFICER_EMAIL_TEMPLATE);
  });
});
