import { DynamicModule, Module } from '@nestjs/common';
import { HealthController, READINESS_CHECKS, ReadinessCheck } from '@oversight/nest-platform';
import type { Pool } from 'pg';
import { AuditController } from './audit/audit.controller';
import { SignInController } from './auth/sign-in.controller';
import type { StaffUiEnv } from './config/staff-ui.env';
import { STAFF_UI_ENV } from './config/tokens';
import { GatewayClient } from './gateway/gateway.client';
import { OocrController } from './oocr/oocr.controller';
import { ReportsController } from './reports/reports.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { KnifeSwapsController } from './vru/knife-swaps.controller';
import { TagLocationsController } from './vru/tag-locations.controller';
import { TagReferralsController } from './vru/tag-referrals.controller';
import { VruReportsController } from './vru/vru-reports.controller';

@Module({})
export class AppModule {
  static forRoot(env: StaffUiEnv, pool?: Pool): DynamicModule {
    // Ready when its session store answers. A gateway outage is not a reason to take the UI out of service:
    // users then get the "service unavailable" page instead of no answer at all.
    const checks: ReadinessCheck[] = [];
    if (pool) checks.push({ name: 'postgres', check: async () => void (await pool.query('select 1')) });
    return {
      module: AppModule,
      controllers: [
        HealthController,
        SignInController,
        // Before ReviewsController: /reviews/workload and /reviews/reports are not /reviews/:id.
        ReportsController,
        ReviewsController,
        OocrController,
        // Before TagReferralsController: POST /vru/tag-referrals/:id/locations is not one of its /:id/:action forms.
        TagLocationsController,
        TagReferralsController,
        KnifeSwapsController,
        VruReportsController,
        AuditController,
      ],
      providers: [
        { provide: STAFF_UI_ENV, useValue: env },
        { provide: READINESS_CHECKS, useValue: () => checks },
        GatewayClient,
      ],
    };
  }
}
