import { REPO_ROOT, waitFor } from '@oversight/testing';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { api, daysAgo, validApplication, NO_IOPC_CRITERION } from '../support';

/**
 * Letters in the reader's language, end to end on the running stack (gateway → complaint-reviews →
 * Kafka → notifications → local sink → back): a Welsh-speaking complainant's acknowledgement,
 * information request, passed-to-IOPC and outcome letters come out of the Welsh templates with Welsh
 * dates, the force is written to in English, and a representative gets letters in their own
 * language. Each letter shows as SENT with its date on the case.
 *
 * No English sentence is written into a Welsh letter (the review body's name and contact details
 * are configuration, given in one language).
 */
const BASE = '/api/complaint-reviews';
const REASON = { 'x-access-reason': 'e2e: Welsh letters' };

/** Where the notifications service's local sink writes (its NOTIFICATIONS_SINK_DIR, relative to the repository). */
const SINK_DIR = (() => {
  const dir = process.env.NOTIFICATIONS_SINK_DIR ?? '.local/notifications';
  return isAbsolute(dir) ? dir : join(REPO_ROOT, dir);
})();

// Written out here rather than taken from Intl, so the test does not share the code's assumptions.
const WELSH_MONTHS = [
  'Ionawr',
  'Chwefror',
  'Mawrth',
  'Ebrill',
  'Mai',
  'Mehefin',
  'Gorffennaf',
  'Awst',
  'Medi',
  'Hydref',
  'Tachwedd',
  'Rhagfyr',
];
const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const longDate = (iso: string, months: string[]) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
};
const ENGLISH_MONTH_WORD = new RegExp(`\\b(${ENGLISH_MONTHS.join('|')})\\b`);
const WELSH_MONTH_WORD = new RegExp(`\\b(${WELSH_MONTHS.join('|')})\\b`);
const UNFILLED_PLACEHOLDER = /\(\([a-z_]+\)\)/;

interface LetterView {
  id: string;
  templateKey: string;
  recipientKind: string;
  channel: string;
  language: string;
  status: string;
  sentOn: string | null;
}

interface SinkLetter {
  id: string;
  channel: string;
  templateKey: string;
  language: string;
  recipient: { emailAddress?: string; addressLines?: string[] };
  reference: string;
  subject: string;
  body: string;
}

const written: string[] = [];

async function createApplication(overrides: Record<string, unknown>) {
  const res = await api('POST', `${BASE}/applications`, {
    as: 'reviewer.amara',
    body: validApplication({ appropriateAuthority: 'Chief Constable of Kent Police', ...overrides }),
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; reference: string };
}

async function getCase(id: string) {
  const res = await api('GET', `${BASE}/applications/${id}`, { as: 'reviewer.amara', headers: REASON });
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * The case's letters, as GET /applications/:id shows them, once every one is SENT and there is one
 * of each template named (other letters a case may get are left to their own tests).
 */
async function lettersSent(id: string, templates: string[]): Promise<LetterView[]> {
  const c = await waitFor(
    `letters ${templates.join(', ')} sent`,
    () => getCase(id),
    (body) =>
      body.letters.every((l: LetterView) => l.status === 'SENT') &&
      templates.every((t) => body.letters.filter((l: LetterView) => l.templateKey === t).length === 1),
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  written.push(...c.letters.map((l: LetterView) => l.id));
  return templates.map((t) => c.letters.find((l: LetterView) => l.templateKey === t));
}

/** The message as the notifications service's local sink wrote it (its file is named by the letter id). */
async function sinkLetter(letterId: string): Promise<SinkLetter> {
  const file = join(SINK_DIR, `${letterId}.json`);
  await waitFor(`the sink file ${file}`, async () => existsSync(file), Boolean, { timeoutMs: 30_000 });
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function acknowledge(id: string) {
  const res = await api('POST', `${BASE}/applications/${id}/acknowledgement`, { as: 'reviewer.amara' });
  expect(res.status).toBe(202);
}

const welshComplainant = {
  fullName: 'Gwenllian Prys',
  email: 'g.prys@example.org',
  contactPreference: 'EMAIL',
  language: 'WELSH',
};

// The sink files hold (invented) personal data: remove the ones these tests caused.
afterAll(() => {
  for (const id of written) rmSync(join(SINK_DIR, `${id}.json`), { force: true });
});

describe('a Welsh-speaking complainant: Welsh letters to them, English to the force', () => {
  const receivedOn = daysAgo(1);
  let id: string;
  let reference: string;
  let today: string;

  beforeAll(async () => {
    today = daysAgo(0);
    ({ id, reference } = await createApplication({ receivedOn, complainant: welshComplainant }));
  });

  it('acknowledges in Welsh: the Welsh template, their name, the reference and the date in Welsh month words', async () => {
    await acknowledge(id);
    const [letter] = await lettersSent(id, ['complaint-review.acknowledgement']);
    expect(letter).toMatchObject({
      templateKey: 'complaint-review.acknowledgement',
      recipientKind: 'COMPLAINANT',
      channel: 'EMAIL',
      language: 'WELSH',
      status: 'SENT',
    });
    expect([today, daysAgo(0)]).toContain(letter.sentOn);

    const sent = await sinkLetter(letter.id);
    expect(sent).toMatchObject({
      id: letter.id,
      templateKey: 'complaint-review.acknowledgement',
      language: 'WELSH',
      channel: 'EMAIL',
      recipient: { emailAddress: 'g.prys@example.org' },
      reference,
      subject: `Rydym wedi cael eich cais am adolygiad – ${reference}`,
    });
    expect(sent.body).toMatch(/^Annwyl Gwenllian Prys,\n/);
    expect(sent.body).toContain(
      `Cawsom eich cais ar ${longDate(receivedOn, WELSH_MONTHS)} a'ch cyfeirnod yw ${reference}.`,
    );
    expect(sent.body).toMatch(/Ein nod yw gorffen adolygiadau o fewn \d+ wythnos\./);
    expect(sent.body).toContain(`Nodwch ${reference} bob tro`);
    expect(sent.body).not.toMatch(ENGLISH_MONTH_WORD);
    expect(sent.body).not.toMatch(/\b(Dear|Thank you|What happens next)\b/);
    expect(sent.body).not.toMatch(UNFILLED_PLACEHOLDER);
  });

  it('decides UPHELD with a recommendation: the outcome letter to the complainant is Welsh, the one to the force English', async () => {
    const confirmed = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: NO_IOPC_CRITERION,
    });
    expect(confirmed.status).toBe(201);
    const rationale = "Ni roddodd y llythyr canlyniad sylw i'r chwiliad o'r car.";
    const recommendation = "Ymddiheuro am beidio ag ymdrin â'r chwiliad.";
    const decided = await api('POST', `${BASE}/applications/${id}/decision`, {
      as: 'reviewer.amara',
      body: { outcome: 'UPHELD', rationale, recommendations: [{ kind: 'APOLOGY', text: recommendation }] },
    });
    expect(decided.status).toBe(201);
    const respondBy: string = decided.body.recommendations[0].responseDueOn;

    const letters = await lettersSent(id, [
      'complaint-review.acknowledgement',
      'complaint-review.outcome-complainant',
      'complaint-review.outcome-force',
    ]);
    expect(letters.map((l) => [l.templateKey, l.recipientKind, l.language, l.status])).toEqual([
      ['complaint-review.acknowledgement', 'COMPLAINANT', 'WELSH', 'SENT'],
      ['complaint-review.outcome-complainant', 'COMPLAINANT', 'WELSH', 'SENT'],
      ['complaint-review.outcome-force', 'FORCE', 'ENGLISH', 'SENT'],
    ]);
    for (const l of letters) expect([today, daysAgo(0)]).toContain(l.sentOn);

    const toComplainant = await sinkLetter(letters[1].id);
    expect(toComplainant).toMatchObject({
      language: 'WELSH',
      recipient: { emailAddress: 'g.prys@example.org' },
      subject: `Canlyniad eich adolygiad – ${reference}`,
    });
    expect(toComplainant.body).toMatch(/^Annwyl Gwenllian Prys,\n/);
    expect(toComplainant.body).toContain(`(cyfeirnod ${reference})`);
    expect(toComplainant.body).toContain(
      'Ein penderfyniad\nRydym wedi cadarnhau eich adolygiad: nid oedd canlyniad eich cwyn yn rhesymol ac yn gymesur.',
    );
    expect(toComplainant.body).toContain(`Pam y daethom i'r penderfyniad hwn\n${rationale}`);
    expect(toComplainant.body).toContain('Beth mae hyn yn ei olygu i chi\n');
    expect(toComplainant.body).toContain(recommendation);
    expect(toComplainant.body).not.toMatch(UNFILLED_PLACEHOLDER);
    // The "what this means for you" paragraph is Welsh too (src/letters/letter-wording.ts).
    expect(toComplainant.body).toContain('Rydym wedi argymell i Kent Police:');
    expect(toComplainant.body).toContain("Byddwn yn dweud wrthych sut y mae'r heddlu'n ymateb.");
    expect(toComplainant.body).not.toContain('We have recommended');

    const toForce = await sinkLetter(letters[2].id);
    expect(toForce).toMatchObject({
      language: 'ENGLISH',
      recipient: { emailAddress: 'psd@kent-police.example.gov.uk' },
      subject: `Review outcome for complaint PSD/2026/04417 – ${reference}`,
    });
    expect(toForce.body).toMatch(/^To the Professional Standards Department, Kent Police\n/);
    expect(toForce.body).toContain(
      'Decision\nThe review is upheld: the outcome of the complaint was not reasonable',
    );
    expect(toForce.body).toContain(`Recommendations\n1. ${recommendation}`);
    expect(toForce.body).toContain(
      `in writing by ${longDate(respondBy, ENGLISH_MONTHS)} whether you accept it`,
    );
    expect(toForce.body).not.toMatch(WELSH_MONTH_WORD);
    expect(toForce.body).not.toMatch(/\b(Annwyl|Penderfyniad|Argymhellion)\b/);
    expect(toForce.body).not.toMatch(UNFILLED_PLACEHOLDER);
  });
});

describe("an English-speaking representative on a Welsh-speaking complainant's case", () => {
  it('writes to the representative only, in English (the reader’s language)', async () => {
    const receivedOn = daysAgo(2);
    const { id, reference } = await createApplication({
      receivedOn,
      complainant: welshComplainant,
      representative: {
        fullName: 'Oliver Brandreth',
        email: 'o.brandreth@example.org',
        contactPreference: 'EMAIL',
        language: 'ENGLISH',
        authority: 'WRITTEN_CONSENT',
        authorityNote: 'Signed consent seen',
      },
    });
    await acknowledge(id);
    await lettersSent(id, ['complaint-review.acknowledgement']);
    // nothing else is written to anyone: one letter, to the representative
    const { letters } = await getCase(id);
    expect(letters).toEqual([
      expect.objectContaining({
        templateKey: 'complaint-review.acknowledgement',
        // the letter is the complainant's, sent to the person acting for them (1.1.4)
        recipientKind: 'COMPLAINANT',
        language: 'ENGLISH',
        status: 'SENT',
      }),
    ]);
    const sent = await sinkLetter(letters[0].id);
    expect(sent).toMatchObject({
      language: 'ENGLISH',
      recipient: { emailAddress: 'o.brandreth@example.org' },
      subject: `We have received your request for a review – ${reference}`,
    });
    expect(sent.body).toMatch(/^Dear Oliver Brandreth,\n/);
    expect(sent.body).toContain(`We received your request on ${longDate(receivedOn, ENGLISH_MONTHS)}`);
    expect(sent.body).not.toContain('Gwenllian');
    expect(sent.body).not.toMatch(WELSH_MONTH_WORD);
  });
});

describe('a Welsh-speaking applicant asked for missing information, and one passed to the IOPC', () => {
  it('asks in Welsh, with the reply-by date in Welsh month words', async () => {
    const { id, reference } = await createApplication({
      complainant: welshComplainant,
      complaintDate: undefined,
    });
    const res = await api('POST', `${BASE}/applications/${id}/information-request`, { as: 'reviewer.amara' });
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual(['COMPLAINT_DATE']);
    const [letter] = await lettersSent(id, ['complaint-review.information-request']);
    expect(letter).toMatchObject({ language: 'WELSH', sentOn: expect.any(String) });
    const sent = await sinkLetter(letter.id);
    expect(sent).toMatchObject({
      language: 'WELSH',
      subject: `Mae angen rhagor o wybodaeth arnom am eich adolygiad – ${reference}`,
    });
    expect(sent.body).toMatch(/^Annwyl Gwenllian Prys,\n/);
    // The reply-by date is a working day, and the letter says how it was set (issue 10 item 4).
    expect([0, 6]).not.toContain(new Date(`${res.body.respondBy}T12:00:00Z`).getUTCDay());
    expect(sent.body).toContain(`Anfonwch hyn atom erbyn ${longDate(res.body.respondBy, WELSH_MONTHS)} (`);
    expect(sent.body).toMatch(/ŵyl banc.*diwrnod gwaith nesaf\)\./);
    expect(sent.body).not.toMatch(UNFILLED_PLACEHOLDER);
    // What is missing is asked for in Welsh (src/letters/letter-wording.ts), not the rules' English labels.
    expect(sent.body).toContain('- Y dyddiad y gwnaed y gŵyn');
    expect(sent.body).not.toContain('The date the complaint was made');
  });

  it('tells them in Welsh that the review went to the IOPC, with the date in Welsh month words', async () => {
    const { id, reference } = await createApplication({ complainant: welshComplainant });
    const forwardedOn = daysAgo(0);
    const res = await api('POST', `${BASE}/applications/${id}/review-body-assessment`, {
      as: 'reviewer.amara',
      body: { ...NO_IOPC_CRITERION, officerRanks: ['ASSISTANT_CHIEF_CONSTABLE'], forwardedOn },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('PASSED_TO_IOPC');
    const [letter] = await lettersSent(id, ['complaint-review.passed-to-iopc']);
    expect(letter).toMatchObject({ language: 'WELSH', sentOn: expect.any(String) });
    const sent = await sinkLetter(letter.id);
    expect(sent.subject).toBe(
      `Mae eich adolygiad wedi'i anfon at Swyddfa Annibynnol Ymddygiad yr Heddlu – ${reference}`,
    );
    expect(sent.body).toContain(`at yr IOPC ar ${longDate(forwardedOn, WELSH_MONTHS)}, felly`);
    expect(sent.body).not.toMatch(ENGLISH_MONTH_WORD);
    expect(sent.body).not.toMatch(UNFILLED_PLACEHOLDER);
  });
});
