import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LocalIssuer } from '@oversight/auth';
import { loadConfig } from '@oversight/config';
import { createServiceApp } from '@oversight/nest-platform';
import { createLogger } from '@oversight/observability';
import { AppModule } from './app.module';
import { GatewayEnv } from './config/gateway.env';
import { OpenApiController } from './docs/openapi.controller';

async function bootstrap(): Promise<void> {
  const env = loadConfig(GatewayEnv);
  env.upstreams(); // refuse to boot without a URL for every service the route table names
  const issuer =
    env.LOCAL_ISSUER_ENABLED === 'true'
      ? await LocalIssuer.create({
          issuer: env.AUTH_ISSUER,
          audience: env.AUTH_AUDIENCE,
          keyFile: env.LOCAL_ISSUER_KEY_FILE,
        })
      : undefined;
  const app = await createServiceApp(AppModule.forRoot(env, issuer), {
    serviceName: 'gateway',
    bodyLimit: env.BODY_LIMIT,
    // OAuth 2.0 / OpenID Connect: the token request and the provider's sign-in form are form-encoded.
    formBodyPaths: issuer ? ['/auth/token', '/auth/authorize'] : [],
  });
  if (env.TRUST_PROXY > 0) app.getHttpAdapter().getInstance().set('trust proxy', env.TRUST_PROXY);
  app.enableCors({
    origin: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',') : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Correlation-Id', 'X-Access-Reason'],
    exposedHeaders: ['X-Correlation-Id'],
    maxAge: 600,
  });
  OpenApiController.gatewayDocument = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Oversight API')
      .setDescription(
        'OPCC complaint reviews, out-of-court resolutions and VRU programmes. Every /api route needs a bearer token.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, () => OpenApiController.gatewayDocument, {
    swaggerOptions: { url: '/docs/openapi.json', persistAuthorization: true },
    jsonDocumentUrl: '/docs/gateway-openapi.json',
  });
  await app.listen(env.PORT, env.HTTP_HOST);
  createLogger('bootstrap').info({ port: env.PORT, localIssuer: !!issuer }, 'gateway listening');
}

bootstrap().catch((err) => {
  createLogger('bootstrap').fatal({ err: (err as Error).message }, 'gateway failed to start');
  process.exit(1);
});
