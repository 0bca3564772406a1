import { notifyTemplateId, parseNotifyTemplateIds } from './notify-template-ids';

const KEYS = ['complaint-review.acknowledgement', 'oocr.condition-reminder'];
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('NOTIFY_TEMPLATE_IDS', () => {
  it('maps a template to one id for both languages, or one per language, with "*" as the fallback', () => {
    const ids = parseNotifyTemplateIds(
      JSON.stringify({ 'complaint-review.acknowledgement': { en: A, cy: B }, '*': C }),
      KEYS,
    );
    expect(notifyTemplateId(ids, 'complaint-review.acknowledgement', 'ENGLISH')).toBe(A);
    expect(notifyTemplateId(ids, 'complaint-review.acknowledgement', 'WELSH')).toBe(B);
    expect(notifyTemplateId(ids, 'oocr.condition-reminder', 'WELSH')).toBe(C);
  });

  it.each([
    ['not JSON', '{oops', /must be a JSON object/],
    ['an array', '[]', /must be a JSON object/],
    [
      'a template missing in Welsh',
      JSON.stringify({ 'complaint-review.acknowledgement': { en: A }, 'oocr.condition-reminder': B }),
      /no Notify template id for "complaint-review.acknowledgement" in WELSH/,
    ],
    [
      'a misspelt template key',
      JSON.stringify({ '*': A, 'complaint-review.acknowledgment': B }),
      /"complaint-review.acknowledgment" is not a notification template/,
    ],
    ['an id that is not a UUID', JSON.stringify({ '*': 'template-1' }), /"\*" must be a template id/],
  ])('refuses %s', (_name, json, message) => {
    expect(() => parseNotifyTemplateIds(json, KEYS)).toThrow(message);
  });
});
