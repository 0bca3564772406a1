import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticationError, DEMO_USERS, findDemoUser, LocalIssuer } from '@oversight/auth';
import { Public } from '@oversight/nest-platform';
import { timingSafeEqual } from 'node:crypto';
import { GatewayEnv } from '../config/gateway.env';
import { TokenRequestDto } from './token-request.dto';

/**
 * The local identity provider: issues RS256 access tokens for the demo users and publishes its JWKS.
 * Mounted only when LOCAL_ISSUER_ENABLED=true; production uses the force's OIDC provider.
 */
@ApiTags('local identity (development only)')
@Public()
@Controller('auth')
export class LocalIssuerController {
  constructor(
    private readonly issuer: LocalIssuer,
    private readonly env: GatewayEnv,
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
  async token(@Body() body: TokenRequestDto) {
    const user = findDemoUser(body.username);
    const expected = Buffer.from(this.env.DEMO_USER_PASSWORD);
    const given = Buffer.from(body.password);
    const passwordOk = given.length === expected.length && timingSafeEqual(given, expected);
    if (!user || !passwordOk)
      throw new AuthenticationError('INVALID_CLAIMS', 'Unknown username or wrong password');
    return { access_token: await this.issuer.issue(user), token_type: 'Bearer', expires_in: 3600 };
  }
}
