import { daysAgo } from './e2e-client';

/**
 * The body of POST /api/complaint-reviews/applications for a valid application by an invented complainant:
 * complaint-reviews' tests build on it, and the gateway's tests use it as their sample write (the gateway's
 * tests may not import another app's files).
 */
export function validReviewApplication(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'EMAIL',
    receivedOn: daysAgo(1),
    forceComplaintReference: 'PSD/2026/04417',
    complaintDate: daysAgo(90),
    handling: 'OTHERWISE_THAN_BY_INVESTIGATION',
    outcomeInformationProvidedOn: daysAgo(10),
    grounds: 'The outcome letter did not address my complaint about the search of my car.',
    complainant: {
      fullName: 'Delphine Arkwright',
      email: 'd.arkwright@example.org',
      contactPreference: 'EMAIL',
    },
    ...overrides,
  };
}
