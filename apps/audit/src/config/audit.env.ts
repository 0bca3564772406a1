import { CommonEnv } from '@oversight/config';

export class AuditEnv extends CommonEnv {}
