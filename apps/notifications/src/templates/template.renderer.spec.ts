import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFICATION_TEMPLATES, TEMPLATE_KEYS } from './notification-templates';
import { placeholdersOf, renderTemplate, TemplateRenderingError } from './template.renderer';

const acknowledgement = {
  name: 'Harriet Vance',
  reference: 'CR-2026-000123',
  received_on: '20 April 2026',
  target_weeks: '12',
  contact_details: 'reviews@opcc.example.gov.uk or 01632 960 000',
  review_body_name: 'Office of the Police and Crime Commissioner',
};

describe('notification templates', () => {
  it('has the templates other services rely on', () => {
    expect(TEMPLATE_KEYS).toEqual(
      expect.arrayContaining([
        'complaint-review.acknowledgement',
        'complaint-review.information-request',
        'complaint-review.passed-to-iopc',
        'complaint-review.outcome-complainant',
        'complaint-review.outcome-force',
        'oocr.condition-reminder',
        'oocr.caution-completed-victim',
      ]),
    );
  });

  // Every key a requester names in its source must be here, or its requests all end FAILED ("no template");
  // knife-swaps' two were missing. Only lines that name a template (templateKey:, template:, *_TEMPLATE =).
  it('has every template key the requesting services name in their source', () => {
    const apps = join(__dirname, '../../..');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === 'generated'
            ? []
            : sources(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')
            ? [join(dir, e.name)]
            : [],
      );
    const named = new Set<string>();
    for (const app of ['complaint-reviews', 'oocr', 'tag-referrals', 'knife-swaps'])
      for (const file of sources(join(apps, app, 'src')))
        for (const m of readFileSync(file, 'utf8').matchAll(
          /(?:templateKey:|template:|_TEMPLATE =)\s*'([a-z-]+\.[a-z-]+)'/g,
        ))
          named.add(m[1]);
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((k) => !TEMPLATE_KEYS.includes(k))).toEqual([]);
  });

  it.each(TEMPLATE_KEYS)('%s: English and Welsh need the same placeholders, and neither is empty', (key) => {
    const t = NOTIFICATION_TEMPLATES[key];
    const en = placeholdersOf(`${t.ENGLISH.subject}\n${t.ENGLISH.body}`).sort();
    const cy = placeholdersOf(`${t.WELSH.subject}\n${t.WELSH.body}`).sort();
    expect(cy).toEqual(en);
    expect(t.ENGLISH.body).not.toEqual(t.WELSH.body);
    for (const text of [t.ENGLISH, t.WELSH]) expect(text.subject.trim() && text.body.trim()).toBeTruthy();
  });

  it('keeps text-message templates short enough for a few SMS fragments', () => {
    for (const [key, t] of Object.entries(NOTIFICATION_TEMPLATES).filter(([, t]) =>
      t.channels.includes('SMS'),
    )) {
      expect({ key, length: t.ENGLISH.body.length < 300 && t.WELSH.body.length < 300 }).toEqual({
        key,
        length: true,
      });
    }
  });
});

describe('renderTemplate', () => {
  it('fills every placeholder of the English version', () => {
    const r = renderTemplate('complaint-review.acknowledgement', 'ENGLISH', 'EMAIL', acknowledgement);
    expect(r.subject).toBe('We have received your request for a review – CR-2026-000123');
    expect(r.body).toContain('Dear Harriet Vance,');
    expect(r.body).toContain(
      'We received your request on 20 April 2026 and your reference is CR-2026-000123.',
    );
    expect(r.body).not.toMatch(/\(\(|\)\)/);
  });

  it('renders the Welsh version from the same personalisation', () => {
    const r = renderTemplate('complaint-review.acknowledgement', 'WELSH', 'LETTER', acknowledgement);
    expect(r.subject).toBe('Rydym wedi cael eich cais am adolygiad – CR-2026-000123');
    expect(r.body).toContain('Annwyl Harriet Vance,');
    expect(r.body).toContain("a'ch cyfeirnod yw CR-2026-000123");
  });

  it('sends no subject by text message', () => {
    const r = renderTemplate('oocr.condition-reminder', 'ENGLISH', 'SMS', {
      name: 'Sam',
      condition: 'attend the victim awareness course',
      due_on: '3 June 2026',
      contact_details: '01632 960 111',
      reference: 'OOCR-2026-000042',
    });
    expect(r.subject).toBeNull();
    expect(r.body).toBe(
      'Hello Sam, this is a reminder that you need to attend the victim awareness course by 3 June 2026. If you cannot do this or need help, contact 01632 960 111 as soon as you can and quote OOCR-2026-000042.',
    );
  });

  it('names every missing placeholder, and treats a blank value as missing', () => {
    const { name: _n, target_weeks: _t, ...rest } = acknowledgement;
    const render = () =>
      renderTemplate('complaint-review.acknowledgement', 'ENGLISH', 'EMAIL', {
        ...rest,
        review_body_name: '  ',
      });
    expect(render).toThrow(TemplateRenderingError);
    expect(render).toThrow(
      'Template "complaint-review.acknowledgement" needs a value for: name, target_weeks, review_body_name',
    );
  });

  it('matches placeholder names regardless of case, as Notify does', () => {
    const upper = Object.fromEntries(Object.entries(acknowledgement).map(([k, v]) => [k.toUpperCase(), v]));
    expect(renderTemplate('complaint-review.acknowledgement', 'ENGLISH', 'EMAIL', upper).body).toContain(
      'Dear Harriet Vance,',
    );
  });

  it('does not expand a placeholder written inside a value', () => {
    const r = renderTemplate('complaint-review.acknowledgement', 'ENGLISH', 'EMAIL', {
      ...acknowledgement,
      name: '((reference))',
    });
    expect(r.body).toContain('Dear ((reference)),');
  });

  it('refuses an unknown template and a channel the template is not written for', () => {
    expect(() => renderTemplate('complaint-review.no-such-thing', 'ENGLISH', 'EMAIL', {})).toThrow(
      'There is no notification template "complaint-review.no-such-thing"',
    );
    expect(() => renderTemplate('complaint-review.outcome-complainant', 'ENGLISH', 'SMS', {})).toThrow(
      /cannot be sent by SMS/,
    );
    expect(() => renderTemplate('constructor', 'ENGLISH', 'EMAIL', {})).toThrow(TemplateRenderingError);
  });
});
