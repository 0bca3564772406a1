import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class TokenRequestDto {
  @ApiProperty({ example: 'reviewer.amara' })
  @Matches(/^[a-z0-9.]{3,60}$/, { message: 'username must be a demo username such as reviewer.amara' })
  username: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}
