import { CommonEnv } from '@oversight/config';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
} from 'class-validator';
import { NOTIFY_API_KEY_FORMAT } from '../delivery/notify-api-key';
import { parseNotifyTemplateIds } from '../delivery/notify-template-ids';
import { TEMPLATE_KEYS } from '../templates/notification-templates';

const usesNotify = (e: NotificationsEnv) => e.NOTIFICATIONS_DELIVERY === 'govuk-notify';

/** NOTIFY_TEMPLATE_IDS must parse and give every template an id in both languages. */
function IsNotifyTemplateIds() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotifyTemplateIds',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => {
          try {
            parseNotifyTemplateIds(String(value ?? ''), TEMPLATE_KEYS);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: (args) => {
          try {
            parseNotifyTemplateIds(String(args?.value ?? ''), TEMPLATE_KEYS);
            return '';
          } catch (err) {
            return (err as Error).message; // names template keys only: ids are not secret, but not echoed either
          }
        },
      },
    });
}

export class NotificationsEnv extends CommonEnv {
  /** `local` writes messages to NOTIFICATIONS_SINK_DIR and sends nothing; `govuk-notify` really sends. */
  @IsIn(['local', 'govuk-notify'])
  NOTIFICATIONS_DELIVERY: string = 'local';

  /** Where the local sink writes one JSON file per message (relative to the working directory). */
  @IsString()
  @IsNotEmpty()
  NOTIFICATIONS_SINK_DIR: string = '.local/notifications';

  /** A GOV.UK Notify API key, `{name}-{service id}-{secret}`. A secret: never logged or echoed. */
  @ValidateIf(usesNotify)
  @IsString()
  @Matches(NOTIFY_API_KEY_FORMAT, {
    message: 'NOTIFY_API_KEY must be a GOV.UK Notify API key ({name}-{service id}-{secret})',
  })
  NOTIFY_API_KEY?: string;

  /** e.g. https://api.notifications.service.gov.uk */
  @ValidateIf(usesNotify)
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'NOTIFY_BASE_URL must be an http(s) URL' },
  )
  NOTIFY_BASE_URL?: string;

  /** JSON: {"<template key>" or "*": "<Notify template id>" or {"en": id, "cy": id}}. */
  @ValidateIf(usesNotify)
  @IsNotifyTemplateIds()
  NOTIFY_TEMPLATE_IDS?: string;

  /** How long one call to Notify may take; well inside the consumer's 60 s transaction. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(30_000)
  NOTIFY_TIMEOUT_MS: number = 10_000;

  /** Run the Kafka consumer and the outbox relay in this process (off for an HTTP-only replica). */
  @IsIn(['true', 'false'])
  RUN_BACKGROUND_WORK: string = 'true';
}
