// Prisma CLI settings for this service's database (see libs/shared/prisma-migrate).
import { servicePrismaConfig } from '@oversight/prisma-migrate';

export default servicePrismaConfig(__dirname);
