// Prisma CLI settings for this service's database (see tools/prisma/service-prisma.config.ts).
import { servicePrismaConfig } from '../../tools/prisma/service-prisma.config';

export default servicePrismaConfig(__dirname);
