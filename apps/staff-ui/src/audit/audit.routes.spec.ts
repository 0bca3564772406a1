import { routeHarness } from '../../test/route-harness';

/**
 * The audit search's reason (sent as the X-Access-Reason header, which carries Latin-1 only): typographic quotes
 * are sent plain, and a reason that still cannot travel as a header is refused against its field before any call.
 */
describe('staff-ui audit search reason', () => {
  const ui = routeHarness({ username: 'auditor.ruth' });
  const { seen, signedIn } = ui;

  it('a reason with a curly apostrophe is searched with, sent with a plain one', async () => {
    const { agent, csrf } = await signedIn(['AUDITOR']);
    ui.handler = () => ({ status: 200, body: [] });
    const posted = await agent
      .post('/audit/reason')
      .type('form')
      .send({ _csrf: csrf, reason: 'Complaint about Jo’s\r\n“record” – CR-1' })
      .expect(303);
    expect(posted.headers.location).toBe('/audit');
    const page = await agent.get('/audit?actor=reviewer.amara').expect(200);
    expect(seen.map((c) => c.url)).toEqual(['/api/audit/entries?actor=reviewer.amara&limit=51']);
    expect(seen[0].reason).toBe('Complaint about Jo\'s "record" - CR-1');
    expect(page.text).toContain('Complaint about Jo&#39;s &quot;record&quot; - CR-1');
  });

  it.each([['Complaint about Jo’s case 🙂'], ['Dossier ✓ de Zoë']])(
    '%j cannot be sent as a header: refused against the field, input kept, nothing called',
    async (reason) => {
      const { agent, csrf } = await signedIn(['AUDITOR']);
      ui.handler = () => ({ status: 200, body: [] });
      const refused = await agent
        .post('/audit/reason')
        .type('form')
        .send({ _csrf: csrf, reason })
        .expect(400);
      expect(refused.text).toContain(
        'Write the reason with letters, numbers and ordinary punctuation (no emoji or symbols)',
      );
      expect(refused.text).toContain('href="#reason"');
      expect(refused.text).toContain('id="reason-error"');
      expect(refused.text).toContain(`>${reason}</textarea>`); // the input kept
      // No reason was kept: the search still asks for one, and the API was never called.
      expect((await agent.get('/audit?actor=x').expect(200)).text).toContain(
        'Why are you searching the audit trail?',
      );
      expect(seen).toEqual([]);
    },
  );

  it('a Latin-1 reason (accents) is sent as it is (a header carries Latin-1)', async () => {
    const { agent, csrf } = await signedIn(['AUDITOR']);
    ui.handler = () => ({ status: 200, body: [] });
    await agent
      .post('/audit/reason')
      .type('form')
      .send({ _csrf: csrf, reason: 'Plainte de Zoë Dupré' })
      .expect(303);
    await agent.get('/audit').expect(200);
    expect(seen.at(-1)!.reason).toBe('Plainte de Zoë Dupré');
  });
});
