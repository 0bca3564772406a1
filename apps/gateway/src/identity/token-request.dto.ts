import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const isPassword = (o: TokenRequestDto) => (o.grant_type ?? 'password') === 'password';
const isCode = (o: TokenRequestDto) => o.grant_type === 'authorization_code';

/**
 * The local issuer's token request: the demo password grant (JSON, for tests, the bench and scripts) or
 * OpenID Connect's authorization_code grant with PKCE (form-encoded, from a client such as the staff UI).
 */
export class TokenRequestDto {
  @ApiPropertyOptional({ enum: ['password', 'authorization_code'], default: 'password' })
  @IsOptional()
  @IsIn(['password', 'authorization_code'], { message: 'grant_type must be password or authorization_code' })
  grant_type?: string;

  @ApiPropertyOptional({ example: 'reviewer.amara', description: 'password grant' })
  @ValidateIf(isPassword)
  @Matches(/^[a-z0-9.]{3,60}$/, { message: 'username must be a demo username such as reviewer.amara' })
  username?: string;

  @ApiPropertyOptional({ description: 'password grant' })
  @ValidateIf(isPassword)
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ description: 'authorization_code grant: the code from the redirect' })
  @ValidateIf(isCode)
  @IsString({ message: 'code is required for the authorization_code grant' })
  @MaxLength(200)
  code?: string;

  @ApiPropertyOptional({
    description: 'authorization_code grant: the redirect_uri of the authorisation request',
  })
  @ValidateIf(isCode)
  @IsString({ message: 'redirect_uri is required for the authorization_code grant' })
  @MaxLength(500)
  redirect_uri?: string;

  @ApiPropertyOptional({ description: 'authorization_code grant: the PKCE verifier (RFC 7636)' })
  @ValidateIf(isCode)
  @IsString({ message: 'code_verifier is required for the authorization_code grant (PKCE)' })
  @MaxLength(128)
  code_verifier?: string;

  @ApiPropertyOptional({ description: 'client_secret_post, or a public client' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  client_id?: string;

  @ApiPropertyOptional({ description: 'client_secret_post' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;
}
