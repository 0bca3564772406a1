import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalAssertionSigner } from '@oversight/auth';
import { Public } from '@oversight/nest-platform';

/**
 * The public key the services check the gateway's per-request assertions with (INTERNAL_JWKS_URL).
 * Public keys only; in a cluster the services reach it on the internal network.
 */
@ApiExcludeController()
@Public()
@Controller('internal')
export class InternalKeysController {
  constructor(private readonly signer: InternalAssertionSigner) {}

  @Get('jwks.json')
  jwks() {
    return this.signer.jwks();
  }
}
