// Issue 12 §8 and intake on the real stack, through the gateway: a referral that sits alongside a Buddi tag referral
// learns that record's status from apps/tag-referrals' events (never from its database); a referrer's case number is
// taken once per organisation; a referral entered later keeps the day it came in, and the discussion cannot precede it.
import { waitFor } from '@oversight/testing';
import { randomUUID } from 'node:crypto';
import {
  api,
  COORDINATOR,
  EARLY_HELP,
  GATEWAY,
  referralBody,
  serviceState,
  today,
  tokenFor,
  YJS,
} from './support';

const caseRef = () => `EH-${randomUUID().slice(0, 8).toUpperCase()}`;
const daysAgo = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() - n * 86_400_000),
  );

describe('links by reference, through events (issue 12 §8)', () => {
  it('a swap alongside a tag referral shows the tag referral’s status as heard through its events', async () => {
    // The youth justice service refers the young person for a voluntary tag (apps/tag-referrals)...
    const tag = await fetch(`${GATEWAY}/api/tag-referrals/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(YJS)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subjectName: 'Link Testing',
        dateOfBirth: '2011-05-06',
        addressLines: ['1 Invented Close', 'Chatham'],
        referrerEmail: 'yjs.referrals@example.org',
        agency: 'YOUTH_JUSTICE',
        grounds: 'CRIMINAL_EXPLOITATION_RISK',
        multiAgencyPlanRef: 'CIN-PLAN-TEST',
        riskLevel: 'MEDIUM',
        tagType: 'GPS',
        monitoringBasis: 'VOLUNTARY',
        pool: 'VRU',
        summary: 'Found out of area with older males; exploitation panel concerns.',
      }),
    });
    expect(tag.status).toBe(201);
    const tagReferral = (await tag.json()) as { id: string; reference: string };
    const tagReference = tagReferral.reference;
    expect(tagReference).toMatch(/^TAG-/);

    // ...and the same service refers the household for a knife swap, naming the tag referral.
    const ks = await api('POST', '/referrals', {
      as: YJS,
      body: referralBody({ referringAgency: 'YOUTH_JUSTICE', tagEpisodeRef: tagReference }),
    });
    expect(ks.status).toBe(201);
    const read = await waitFor(
      'the tag referral heard through vru.tag-referral-received.v1',
      () => api('GET', `/referrals/${ks.body.id}`, { as: COORDINATOR }),
      (r) => r.body?.links?.tagEpisode?.heard != null,
    );
    expect(read.body.links).toMatchObject({
      tagEpisodeRef: tagReference,
      tagEpisode: { reference: tagReference, heard: { status: 'RECEIVED', lastChange: 'RECEIVED' } },
      oocrDisposal: null,
    });

    // The tag referral moves on in its own service; the swap's view follows from vru.tag-referral-updated.v1.
    const triage = await fetch(`${GATEWAY}/api/tag-referrals/referrals/${tagReferral.id}/triage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(COORDINATOR)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'DECLINE', reason: 'Already supported through the YJS plan' }),
    });
    expect(triage.status).toBeLessThan(300);
    const after = await waitFor(
      'the tag referral decline heard through vru.tag-referral-updated.v1',
      () => api('GET', `/referrals/${ks.body.id}`, { as: COORDINATOR }),
      (r) => r.body?.links?.tagEpisode?.heard?.status === 'DECLINED',
    );
    expect(after.body.links.tagEpisode.heard).toMatchObject({ status: 'DECLINED', lastChange: 'DECLINED' });
  });

  it('a reference no event has named yet is kept, shown as not heard of', async () => {
    const ks = await api('POST', '/referrals', {
      as: EARLY_HELP,
      body: referralBody({ oocrDisposalRef: `OOCR-1999-${randomUUID().slice(0, 6)}` }),
    });
    expect(ks.status).toBe(201);
    const read = await api('GET', `/referrals/${ks.body.id}`, { as: COORDINATOR });
    expect(read.body.links.oocrDisposal).toEqual({ reference: read.body.links.oocrDisposalRef, heard: null });
  });
});

describe('intake', () => {
  it('a referrer’s case number is taken once per organisation: the second gets a 409 and nothing is written', async () => {
    const ref = caseRef();
    const first = await api('POST', '/referrals', {
      as: EARLY_HELP,
      body: referralBody({ partnerCaseRef: ref }),
    });
    expect(first.status).toBe(201);
    const before = await serviceState();
    const again = await api('POST', '/referrals', {
      as: EARLY_HELP,
      body: referralBody({ partnerCaseRef: ref }),
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(first.body.reference);
    expect(await serviceState()).toEqual(before);
    // Another organisation's case may carry the same number.
    const other = await api('POST', '/referrals', {
      as: YJS,
      body: referralBody({ referringAgency: 'YOUTH_JUSTICE', partnerCaseRef: ref }),
    });
    expect(other.status).toBe(201);
    // The referrer finds its referral by its own case number (and sees only its own).
    const found = await api('GET', `/referrals?status=ALL&partnerCaseRef=${ref}`, { as: EARLY_HELP });
    expect(found.body.map((r: any) => r.id)).toEqual([first.body.id]);
  });

  it('a referral entered later keeps the day it came in; the discussion cannot be before it; no future or year-old dates', async () => {
    const before = await serviceState();
    for (const referredOn of [daysAgo(-1), daysAgo(400)]) {
      const bad = await api('POST', '/referrals', { as: EARLY_HELP, body: referralBody({ referredOn }) });
      expect(bad.status).toBe(400);
      expect(bad.body.violations[0]).toMatchObject({
        rule: 'SKRS_REFERRAL_DATE_OUT_OF_RANGE',
        field: 'referredOn',
      });
    }
    expect(await serviceState()).toEqual(before);

    const r = await api('POST', '/referrals', {
      as: EARLY_HELP,
      body: referralBody({ referredOn: daysAgo(10) }),
    });
    expect(r.status).toBe(201);
    const read = await api('GET', `/referrals/${r.body.id}`, { as: COORDINATOR });
    expect(read.body.referredOn).toBe(daysAgo(10));
    const discussion = {
      protectiveFactors: 'Parent engaged',
      homeCircumstances: 'Flat, three occupants',
      youngPerson: 'Known to the school for carrying',
      familyEngagement: 'ENGAGED',
    };
    const mid = await serviceState();
    const early = await api('POST', `/referrals/${r.body.id}/discussions`, {
      as: COORDINATOR,
      body: { ...discussion, heldOn: daysAgo(11) },
    });
    expect(early.status).toBe(400);
    expect(early.body.violations[0]).toMatchObject({ rule: 'SKRS_DISCUSSION_INCOMPLETE', field: 'heldOn' });
    expect(await serviceState()).toEqual(mid);
    const ok = await api('POST', `/referrals/${r.body.id}/discussions`, {
      as: COORDINATOR,
      body: { ...discussion, heldOn: today() },
    });
    expect(ok.status).toBe(201);
  });
});
