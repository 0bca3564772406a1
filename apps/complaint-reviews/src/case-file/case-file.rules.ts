// Pure rules of the case-file request to the force PSD and its receipt (domain.md 1.4.2: the review
// body collects the information it needs to decide the review). No I/O: the service and the Kafka
// consumer both use these, so the two ways a file arrives are checked the same way.
import type { CaseFileReceived } from '@oversight/contracts';
import type { Violation } from '@oversight/domain-errors';
import {
  addWorkingDays,
  type BankHolidayCalendar,
  defaultEnglandAndWalesCalendar,
  isIsoDate,
} from '@oversight/working-days';
import { reviewClockWorkflowId } from '../workflows/review-clock.types';

export const CASE_FILE_LIMITS = {
  maxRequestedItems: 30,
  maxRequestedItemLength: 300,
  maxDocuments: 500,
  maxDocumentIdLength: 200,
  maxTitleLength: 300,
  maxSentByLength: 200,
  /** 1 TB: far above any real document, below Number.MAX_SAFE_INTEGER so JSON numbers stay exact. */
  maxSizeBytes: 1_000_000_000_000,
} as const;

/** A media type such as application/pdf or video/mp4. */
export const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/i;
/** SHA-256 as 64 hexadecimal characters (stored lower case). */
export const SHA256_HEX = /^[0-9a-f]{64}$/i;
/** The force's document id: printable, no leading or trailing space, no control characters. */
export const DOCUMENT_ID = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export interface CaseFileDocumentInput {
  documentId: string;
  title: string;
  mediaType: string;
  sizeBytes: number;
  checksumSha256: string;
}

/** A received case file, however it came (Kafka or manual upload). */
export interface CaseFileReceiptInput {
  /** The request answered; when absent, the review's outstanding request. */
  requestId?: string;
  /** YYYY-MM-DD; defaults to today (UK). */
  receivedOn?: string;
  sentBy?: string;
  documents: CaseFileDocumentInput[];
}

/**
 * The day the force's response is due: `workingDays` working days after the request, weekends and
 * England and Wales bank holidays excluded (CASE_FILE_RESPONSE_WORKING_DAYS, [U] local standard).
 */
export function caseFileDueDate(
  requestedOn: string,
  workingDays: number,
  calendar: BankHolidayCalendar = defaultEnglandAndWalesCalendar(),
): string {
  return addWorkingDays(requestedOn, workingDays, calendar);
}

/** Each request has its own clock workflow, so a later request never meets the runs of an earlier one. */
export function caseFileClockWorkflowId(applicationId: string, requestId: string): string {
  return `${reviewClockWorkflowId(applicationId, 'CASE_FILE_REQUEST')}-${requestId}`;
}

/** A file received on or before its due day was on time. */
export function receivedOnTime(receivedOn: string, dueOn: string): boolean {
  return receivedOn <= dueOn;
}

/** The receipt date cannot be in the future nor before the request it answers. */
export function receiptDateProblems(receivedOn: string, requestedOn: string, today: string): Violation[] {
  if (receivedOn > today)
    return [
      {
        rule: 'DATE_IN_FUTURE',
        field: 'receivedOn',
        message: `receivedOn (${receivedOn}) cannot be in the future`,
      },
    ];
  if (receivedOn < requestedOn)
    return [
      {
        rule: 'DATE_ORDER',
        field: 'receivedOn',
        message: `receivedOn (${receivedOn}) cannot be before the request of ${requestedOn}`,
      },
    ];
  return [];
}

/**
 * What is wrong with a list of documents, each problem naming its field (documents[i].sizeBytes).
 * The HTTP DTO checks the same things field by field; this is the one place for the Kafka path and
 * for what a DTO cannot see (the same document twice).
 */
export function documentProblems(documents: readonly CaseFileDocumentInput[]): Violation[] {
  const problems: Violation[] = [];
  const add = (field: string, message: string) =>
    problems.push({ rule: 'CASE_FILE_DOCUMENT_INVALID', field, message });
  if (documents.length === 0) add('documents', 'documents must list at least one document');
  if (documents.length > CASE_FILE_LIMITS.maxDocuments)
    add('documents', `documents must list at most ${CASE_FILE_LIMITS.maxDocuments} documents`);
  const seen = new Map<string, number>();
  documents.forEach((d, i) => {
    const at = `documents[${i}]`;
    if (!DOCUMENT_ID.test(d.documentId) || d.documentId.length > CASE_FILE_LIMITS.maxDocumentIdLength)
      add(
        `${at}.documentId`,
        `${at}.documentId must be 1-${CASE_FILE_LIMITS.maxDocumentIdLength} printable characters`,
      );
    else if (seen.has(d.documentId))
      problems.push({
        rule: 'CASE_FILE_DOCUMENT_DUPLICATE',
        field: `${at}.documentId`,
        message: `${at}.documentId repeats documents[${seen.get(d.documentId)}].documentId`,
      });
    else seen.set(d.documentId, i);
    if (!d.title.trim() || d.title.length > CASE_FILE_LIMITS.maxTitleLength)
      add(`${at}.title`, `${at}.title must be 1-${CASE_FILE_LIMITS.maxTitleLength} characters`);
    if (!MEDIA_TYPE.test(d.mediaType))
      add(`${at}.mediaType`, `${at}.mediaType must be a media type such as application/pdf`);
    if (!Number.isSafeInteger(d.sizeBytes) || d.sizeBytes < 0 || d.sizeBytes > CASE_FILE_LIMITS.maxSizeBytes)
      add(
        `${at}.sizeBytes`,
        `${at}.sizeBytes must be a whole number of bytes from 0 to ${CASE_FILE_LIMITS.maxSizeBytes}`,
      );
    if (!SHA256_HEX.test(d.checksumSha256))
      add(
        `${at}.checksumSha256`,
        `${at}.checksumSha256 must be a SHA-256 digest in 64 hexadecimal characters`,
      );
  });
  return problems;
}

/** How the PSD's message names the review: by our id, or by its own complaint reference. */
export interface CaseFileAddress {
  applicationId?: string;
  forceComplaintReference?: string;
}

/**
 * Reads a `psd.case-file-provided.v1` message into a receipt. Everything that makes it unusable is
 * returned as problems (the consumer parks the message for an operator; it never drops it).
 */
export function receiptFromEvent(event: CaseFileReceived): {
  address: CaseFileAddress;
  receipt: CaseFileReceiptInput;
  problems: Violation[];
} {
  const problems: Violation[] = [];
  const need = (ok: boolean, field: string, message: string) =>
    void (ok || problems.push({ rule: 'CASE_FILE_EVENT_INVALID', field, message }));
  const applicationId = event.applicationId.trim();
  const reference = event.forceComplaintReference.trim();
  const requestId = event.requestId.trim();
  need(!applicationId || UUID.test(applicationId), 'application_id', 'application_id must be a UUID');
  need(!requestId || UUID.test(requestId), 'request_id', 'request_id must be a UUID');
  need(
    Boolean(applicationId || reference),
    'application_id',
    'application_id or force_complaint_reference is required to find the review',
  );
  need(isIsoDate(event.receivedOn), 'received_on', 'received_on must be a date YYYY-MM-DD');
  need(
    event.sentBy.length <= CASE_FILE_LIMITS.maxSentByLength,
    'sent_by',
    `sent_by must be at most ${CASE_FILE_LIMITS.maxSentByLength} characters`,
  );
  const documents: CaseFileDocumentInput[] = event.documents.map((d) => ({
    documentId: d.documentId,
    title: d.title,
    mediaType: d.mediaType,
    // uint64 on the wire: anything above the limit is refused below, never silently rounded.
    sizeBytes: d.sizeBytes <= BigInt(CASE_FILE_LIMITS.maxSizeBytes) ? Number(d.sizeBytes) : Number.NaN,
    checksumSha256: d.checksumSha256.toLowerCase(),
  }));
  problems.push(...documentProblems(documents));
  return {
    address: {
      applicationId: applicationId || undefined,
      forceComplaintReference: reference || undefined,
    },
    receipt: {
      requestId: requestId || undefined,
      receivedOn: event.receivedOn,
      sentBy: event.sentBy.trim() || undefined,
      documents,
    },
    problems,
  };
}
