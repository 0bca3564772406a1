import { ApiProperty } from '@nestjs/swagger';
import type { CaseFileDocument, CaseFileRequest } from '../generated/prisma/client';
import { receivedOnTime } from './case-file.rules';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export class CaseFileDocumentView {
  @ApiProperty() documentId: string;
  @ApiProperty() title: string;
  @ApiProperty() mediaType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty() checksumSha256: string;
}

/** A case-file request to the force PSD, with what came back (shown in GET /applications/:id). */
export class CaseFileRequestView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['REQUESTED', 'RECEIVED', 'CANCELLED'] }) status: string;
  @ApiProperty({ type: [String] }) requestedItems: string[];
  @ApiProperty() requestedOn: string;
  @ApiProperty() dueOn: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty() stoppedCompletionClock: boolean;
  @ApiProperty({ type: String, nullable: true }) receivedOn: string | null;
  @ApiProperty({ enum: ['KAFKA', 'MANUAL_UPLOAD'], nullable: true }) receivedVia: string | null;
  @ApiProperty({ type: String, nullable: true }) receivedRecordedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) sentBy: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether the file came by its due date (null while outstanding)',
  })
  onTime: boolean | null;
  @ApiProperty({ type: String, nullable: true }) cancelledReason: string | null;
  @ApiProperty({ type: [CaseFileDocumentView] }) documents: CaseFileDocumentView[];
}

export function caseFileRequestView(
  r: CaseFileRequest & { documents: CaseFileDocument[] },
): CaseFileRequestView {
  const receivedOn = day(r.receivedOn);
  const dueOn = day(r.dueOn)!;
  return {
    id: r.id,
    status: r.status,
    requestedItems: r.requestedItems,
    requestedOn: day(r.requestedOn)!,
    dueOn,
    requestedBy: r.recordedBy,
    stoppedCompletionClock: r.stoppedCompletionClock,
    receivedOn,
    receivedVia: r.receivedVia,
    receivedRecordedBy: r.receivedRecordedBy,
    sentBy: r.sentBy,
    onTime: receivedOn ? receivedOnTime(receivedOn, dueOn) : null,
    cancelledReason: r.cancelledReason,
    documents: r.documents.map((d) => ({
      documentId: d.documentId,
      title: d.title,
      mediaType: d.mediaType,
      sizeBytes: Number(d.sizeBytes),
      checksumSha256: d.checksumSha256,
    })),
  };
}

/** The include that caseFileRequestView needs, oldest request first. */
export const CASE_FILE_REQUESTS_INCLUDE = {
  orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }],
  include: { documents: { orderBy: { documentId: 'asc' as const } } },
};
