import { create } from '@bufbuild/protobuf';
import { CaseFileReceivedSchema } from '@oversight/contracts';
import {
  CASE_FILE_LIMITS,
  caseFileClockWorkflowId,
  caseFileDueDate,
  CaseFileDocumentInput,
  documentProblems,
  receiptDateProblems,
  receiptFromEvent,
  receivedOnTime,
} from './case-file.rules';

// The response period is a local standard ([U], CASE_FILE_RESPONSE_WORKING_DAYS): domain.md 1.4.2
// says the review body collects what it needs, not by when. Working days skip weekends and England and
// Wales bank holidays.
describe('caseFileDueDate (working days after the request)', () => {
  it.each([
    ['Monday, 10 working days: two weeks on', '2026-11-16', 10, '2026-11-30'],
    ['Saturday: counting starts on Monday', '2026-11-21', 10, '2026-12-04'],
    ['over Christmas: 25, 26 (Boxing Day moved to 28 Dec) and 1 Jan skipped', '2026-12-21', 10, '2027-01-07'],
    [
      'over the Easter weekend 2027 (Good Friday 26 Mar, Easter Monday 29 Mar)',
      '2027-03-24',
      2,
      '2027-03-30',
    ],
    ['one working day from a Friday', '2026-11-20', 1, '2026-11-23'],
  ])('%s', (_label, requestedOn, days, due) => {
    expect(caseFileDueDate(requestedOn, days)).toBe(due);
  });
});

describe('receivedOnTime', () => {
  it.each([
    ['2026-11-30', '2026-11-30', true],
    ['2026-11-29', '2026-11-30', true],
    ['2026-12-01', '2026-11-30', false],
  ])('received %s, due %s → %p', (received, due, expected) => {
    expect(receivedOnTime(received, due)).toBe(expected);
  });
});

describe('receiptDateProblems', () => {
  it.each([
    ['today', '2026-11-21', '2026-11-16', '2026-11-21', undefined],
    ['the request day', '2026-11-16', '2026-11-16', '2026-11-21', undefined],
    ['tomorrow', '2026-11-22', '2026-11-16', '2026-11-21', 'DATE_IN_FUTURE'],
    ['before the request', '2026-11-15', '2026-11-16', '2026-11-21', 'DATE_ORDER'],
  ])('received %s', (_label, receivedOn, requestedOn, today, rule) => {
    const problems = receiptDateProblems(receivedOn, requestedOn, today);
    expect(problems.map((p) => p.rule)).toEqual(rule ? [rule] : []);
    problems.forEach((p) => expect(p.field).toBe('receivedOn'));
  });
});

const doc = (over: Partial<CaseFileDocumentInput> = {}): CaseFileDocumentInput => ({
  documentId: 'PSD-DOC-1',
  title: 'Complaint handling plan',
  mediaType: 'application/pdf',
  sizeBytes: 120_344,
  checksumSha256: 'a'.repeat(64),
  ...over,
});

describe('documentProblems', () => {
  it('accepts well-formed documents', () => {
    expect(documentProblems([doc(), doc({ documentId: 'PSD-DOC-2', sizeBytes: 0 })])).toEqual([]);
  });

  it.each([
    ['negative size', doc({ sizeBytes: -1 }), 'documents[0].sizeBytes'],
    ['fractional size', doc({ sizeBytes: 1.5 }), 'documents[0].sizeBytes'],
    ['size above the limit', doc({ sizeBytes: CASE_FILE_LIMITS.maxSizeBytes + 1 }), 'documents[0].sizeBytes'],
    ['unreadable size', doc({ sizeBytes: Number.NaN }), 'documents[0].sizeBytes'],
    ['checksum too short', doc({ checksumSha256: 'abc' }), 'documents[0].checksumSha256'],
    ['checksum not hex', doc({ checksumSha256: 'g'.repeat(64) }), 'documents[0].checksumSha256'],
    ['blank title', doc({ title: '   ' }), 'documents[0].title'],
    ['no media type', doc({ mediaType: 'pdf' }), 'documents[0].mediaType'],
    ['empty document id', doc({ documentId: '' }), 'documents[0].documentId'],
    ['document id with a leading space', doc({ documentId: ' X' }), 'documents[0].documentId'],
    ['document id with a control character', doc({ documentId: 'A\nB' }), 'documents[0].documentId'],
  ])('%s', (_label, d, field) => {
    expect(documentProblems([d]).map((p) => p.field)).toEqual([field]);
  });

  it('refuses an empty list', () => {
    expect(documentProblems([]).map((p) => p.field)).toEqual(['documents']);
  });

  it('names the second of two documents with the same id', () => {
    const problems = documentProblems([doc(), doc({ title: 'Another' })]);
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'CASE_FILE_DOCUMENT_DUPLICATE', field: 'documents[1].documentId' }),
    ]);
  });
});

describe('receiptFromEvent (psd.case-file-provided.v1)', () => {
  const event = (over: Record<string, unknown> = {}) =>
    create(CaseFileReceivedSchema, {
      applicationId: '0b6b3c1e-5f0a-4c3e-9d7a-2f1e8b9c4d5a',
      requestId: '',
      forceComplaintReference: 'PSD/2026/04417',
      receivedOn: '2026-11-20',
      sentBy: 'PSD records unit',
      documents: [
        {
          documentId: 'PSD-DOC-1',
          title: 'Complaint record',
          mediaType: 'application/PDF',
          sizeBytes: 2048n,
          checksumSha256: 'AB'.repeat(32),
        },
      ],
      ...over,
    });

  it('reads a well-formed message, normalising the checksum', () => {
    const { address, receipt, problems } = receiptFromEvent(event());
    expect(problems).toEqual([]);
    expect(address).toEqual({
      applicationId: '0b6b3c1e-5f0a-4c3e-9d7a-2f1e8b9c4d5a',
      forceComplaintReference: 'PSD/2026/04417',
    });
    expect(receipt).toEqual({
      requestId: undefined,
      receivedOn: '2026-11-20',
      sentBy: 'PSD records unit',
      documents: [
        {
          documentId: 'PSD-DOC-1',
          title: 'Complaint record',
          mediaType: 'application/PDF',
          sizeBytes: 2048,
          checksumSha256: 'ab'.repeat(32),
        },
      ],
    });
  });

  it('accepts a message naming the review only by the force reference', () => {
    const { address, problems } = receiptFromEvent(event({ applicationId: '' }));
    expect(problems).toEqual([]);
    expect(address).toEqual({ applicationId: undefined, forceComplaintReference: 'PSD/2026/04417' });
  });

  it.each([
    ['no way to find the review', { applicationId: '', forceComplaintReference: '' }, 'application_id'],
    ['application_id not a UUID', { applicationId: 'CR-2026-000001' }, 'application_id'],
    ['request_id not a UUID', { requestId: '42' }, 'request_id'],
    ['impossible date', { receivedOn: '2026-02-30' }, 'received_on'],
    ['no documents', { documents: [] }, 'documents'],
    [
      'a size beyond the limit (uint64)',
      {
        documents: [
          {
            documentId: 'D',
            title: 'T',
            mediaType: 'application/pdf',
            sizeBytes: 2n ** 63n,
            checksumSha256: 'a'.repeat(64),
          },
        ],
      },
      'documents[0].sizeBytes',
    ],
  ])('%s → parked', (_label, over, field) => {
    expect(receiptFromEvent(event(over)).problems.map((p) => p.field)).toContain(field);
  });
});

describe('caseFileClockWorkflowId', () => {
  it('is per request, under the review clock id of its kind', () => {
    expect(caseFileClockWorkflowId('app-1', 'req-1')).toBe('review-clock-app-1-CASE_FILE_REQUEST-req-1');
    expect(caseFileClockWorkflowId('app-1', 'req-2')).not.toBe(caseFileClockWorkflowId('app-1', 'req-1'));
  });
});
