import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A notification in a case's list: no contact details (the recipient is masked) and no content. */
export class NotificationSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: ['QUEUED', 'SENT', 'FAILED'] }) status: string;
  @ApiPropertyOptional({ enum: ['EMAIL', 'SMS', 'LETTER'] }) channel: string | null;
  @ApiProperty() templateKey: string;
  @ApiProperty({ enum: ['ENGLISH', 'WELSH'] }) language: string;
  @ApiProperty({ example: 'email to h***@example.org' }) recipientSummary: string;
  @ApiProperty() requestedByService: string;
  @ApiProperty() requestedAt: string;
  @ApiPropertyOptional({ description: 'UK date it was sent (YYYY-MM-DD)' }) sentOn: string | null;
  @ApiPropertyOptional() failureReason: string | null;
}

/** One notification with what was sent: read through the gateway, which records the consultation. */
export class NotificationView extends NotificationSummaryView {
  @ApiPropertyOptional({ description: 'Email subject or letter heading; none for a text message' }) subject:
    | string
    | null;
  @ApiPropertyOptional() body: string | null;
  @ApiPropertyOptional() deliveredBy: string | null;
  @ApiPropertyOptional() providerReference: string | null;
  @ApiPropertyOptional() sentAt: string | null;
  @ApiProperty() attempts: number;
}
