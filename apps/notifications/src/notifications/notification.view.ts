import { ApiProperty } from '@nestjs/swagger';

/** A notification in a case's list: no contact details (the recipient is masked) and no content. */
export class NotificationSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['QUEUED', 'SENT', 'FAILED'] }) status: string;
  @ApiProperty({ enum: ['EMAIL', 'SMS', 'LETTER'], nullable: true }) channel: string | null;
  @ApiProperty() templateKey: string;
  @ApiProperty({ enum: ['ENGLISH', 'WELSH'] }) language: string;
  @ApiProperty({ example: 'email to h***@example.org' }) recipientSummary: string;
  @ApiProperty() requestedByService: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'UK date it was sent (YYYY-MM-DD)' })
  sentOn: string | null;
  @ApiProperty({ type: String, nullable: true }) failureReason: string | null;
}

/** One notification with what was sent: read through the gateway, which records the consultation. */
export class NotificationView extends NotificationSummaryView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Email subject or letter heading; none for a text message',
  })
  subject: string | null;
  @ApiProperty({ type: String, nullable: true }) body: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveredBy: string | null;
  @ApiProperty({ type: String, nullable: true }) providerReference: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: 'integer' }) attempts: number;
}
