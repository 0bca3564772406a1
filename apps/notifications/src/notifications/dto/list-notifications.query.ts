import { PagedQuery } from '@oversight/nest-platform';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ListNotificationsQuery extends PagedQuery({ defaultLimit: 100 }) {
  @ApiProperty({ example: 'CR-2026-000123', description: "The requesting service's case reference" })
  @Matches(/^[A-Za-z0-9/ -]{3,40}$/, { message: 'reference must be a case reference such as CR-2026-000123' })
  reference: string;
}
