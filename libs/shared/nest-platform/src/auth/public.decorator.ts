import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'oversight:isPublic';
/** Opts a route out of authentication (health, metrics, token endpoint). Everything else is closed by default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
