export * from './service-prisma.config';
