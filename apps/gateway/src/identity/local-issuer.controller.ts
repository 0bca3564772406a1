import { Body, Controller, Get, Header, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticationError, DEMO_USERS, findDemoUser, LocalIssuer } from '@oversight/auth';
import { Public } from '@oversight/nest-platform';
import { GatewayEnv } from '../config/gateway.env';
import { demoPasswordMatches } from './demo-password';
import { ExchangeAuthorizationCode } from './exchange-authorization-code';
import { TokenRequestDto } from './token-request.dto';

/**
 * The local identity provider: issues RS256 access tokens for the demo users and publishes its JWKS.
 * Mounted only when LOCAL_ISSUER_ENABLED=true; production uses the force's OIDC provider.
 * Its OpenID Connect side (discovery, authorize, logout) is OidcProviderController.
 */
@ApiTags('local identity (development only)')
@Public()
@Controller('auth')
export class LocalIssuerController {
  constructor(
    private readonly issuer: LocalIssuer,
    private readonly env: GatewayEnv,
    private readonly exchangeCode: ExchangeAuthorizationCode,
  ) {}

  @Get('jwks.json')
  jwks() {
    return this.issuer.jwks();
  }

  @Get('demo-users')
  @ApiOperation({ summary: 'The invented demo users and their roles (no passwords)' })
  demoUsers() {
    return DEMO_USERS;
  }

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Password grant for the demo users (JSON), or the OIDC authorization_code grant with PKCE (form-encoded)',
  })
  async token(@Body() body: TokenRequestDto, @Headers('authorization') authorization?: string) {
    if (body.grant_type === 'authorization_code') return this.exchangeCode.execute(body, authorization);
    const user = findDemoUser(body.username!);
    if (!user || !demoPasswordMatches(body.password!, this.env.DEMO_USER_PASSWORD))
      throw new AuthenticationError('INVALID_CLAIMS', 'Unknown username or wrong password');
    return { access_token: await this.issuer.issue(user), token_type: 'Bearer', expires_in: 3600 };
  }
}
