import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, NestedObjectList } from '@oversight/nest-platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CASE_FILE_LIMITS, DOCUMENT_ID, MEDIA_TYPE, SHA256_HEX } from './case-file.rules';

const NOT_BLANK = /\S/;

/** Asks the force PSD for its complaint file (domain.md 1.4.2). */
export class CaseFileRequestDto {
  @ApiProperty({
    type: [String],
    example: ['Complaint record and handling plan', 'Outcome letter and decision rationale'],
    description: 'What the review needs from the file, in the words the PSD will see',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'requestedItems must name at least one item' })
  @ArrayMaxSize(CASE_FILE_LIMITS.maxRequestedItems)
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'requestedItems must not contain blank items' })
  @MaxLength(CASE_FILE_LIMITS.maxRequestedItemLength, { each: true })
  requestedItems: string[];

  @ApiPropertyOptional({
    description:
      'Stop the completion clock (reason AWAITING_PSD_FILE) until the file arrives; it restarts on receipt',
  })
  @IsOptional()
  @IsBoolean()
  stopCompletionClock?: boolean;
}

/** One document of the file: metadata only (the content stays in the force's document store). */
export class CaseFileDocumentDto {
  @ApiProperty({ example: 'PSD-DOC-000123', description: "The force's id for the document" })
  @IsString()
  @MaxLength(CASE_FILE_LIMITS.maxDocumentIdLength)
  @Matches(DOCUMENT_ID, { message: 'documentId must be printable characters without surrounding spaces' })
  documentId: string;

  @ApiProperty({ example: 'Complaint handling plan' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  @MaxLength(CASE_FILE_LIMITS.maxTitleLength)
  title: string;

  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Matches(MEDIA_TYPE, { message: 'mediaType must be a media type such as application/pdf' })
  mediaType: string;

  @ApiProperty({ example: 120344 })
  @IsInt()
  @Min(0)
  @Max(CASE_FILE_LIMITS.maxSizeBytes)
  sizeBytes: number;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @IsString()
  @Matches(SHA256_HEX, { message: 'checksumSha256 must be a SHA-256 digest in 64 hexadecimal characters' })
  checksumSha256: string;
}

/** The force's case file recorded by hand, when it came outside the Kafka adapter (email, portal, post). */
export class CaseFileReceiptDto {
  @ApiPropertyOptional({ description: 'The request answered; defaults to the outstanding request' })
  @IsOptional()
  @IsUUID()
  requestId?: string;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'When the file was received; defaults to today (UK)',
  })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;

  @ApiPropertyOptional({ description: 'Who at the PSD sent it' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'sentBy must not be blank' })
  @MaxLength(CASE_FILE_LIMITS.maxSentByLength)
  sentBy?: string;

  @ApiProperty({ type: [CaseFileDocumentDto] })
  @ArrayMinSize(1, { message: 'documents must list at least one document' })
  @ArrayMaxSize(CASE_FILE_LIMITS.maxDocuments)
  @NestedObjectList(() => CaseFileDocumentDto)
  documents: CaseFileDocumentDto[];
}
