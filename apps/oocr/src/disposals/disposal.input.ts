import type {
  AdmissionStatus,
  ConditionKind,
  ConditionPurpose,
  IsoDate,
  OffenceClass,
  PoliceRank,
  VictimAgreement,
  VictimViewsOutcome,
} from '@oversight/oocr-rules';

/** A disposal as recorded through the API or taken in from the field app, before it is stored. */
export interface DisposalInput {
  disposalType: string;
  issueDate: IsoDate;
  crimeReference?: string;
  district: string;
  offender: {
    fullName: string;
    dateOfBirth: IsoDate;
    gender?: string;
    ethnicity?: string;
    email?: string;
    phone?: string;
    addressLines?: string[];
  };
  offence: {
    code: string;
    description: string;
    classification: OffenceClass;
    offenceDate: IsoDate;
    offenceGroup: string;
    domesticAbuse?: boolean;
    hateCrime?: boolean;
    /** Force offence-type code and gravity score, matched against the configured authorisation matrix. */
    offenceType?: string;
    severity?: number;
  };
  issuingOfficer: { id: string; name?: string };
  authoriser?: { id?: string; name?: string; rank?: PoliceRank; dppAuthorised?: boolean };
  admission: AdmissionStatus;
  evidenceSufficientToCharge?: boolean;
  effectExplainedWithBreachWarning?: boolean;
  signedConsent?: { documentRef: string; signedOn: IsoDate };
  appropriateAdultPresent?: boolean;
  yotReferral?: { referredOn: IsoDate; recommendation?: string };
  prosecutorDecision?: { reference: string; decidedOn: IsoDate };
  /** false for offences with no identifiable victim; defaults to true. */
  hasIdentifiableVictim?: boolean;
  victims?: VictimInput[];
  agreedActions?: string[];
  conditions?: ConditionInput[];
  /** Defaults to issue date + the type's default period (16 weeks); later needs exceptionalReason. */
  completionDueDate?: IsoDate;
  exceptionalReason?: string;
  /** Warnings proceeded past, each with the reason (e.g. { rule: 'OOCR_DOMESTIC_ABUSE_FLAG', reason }). */
  acknowledgements?: Array<{ rule: string; reason: string }>;
}

export interface VictimInput {
  name?: string;
  email?: string;
  phone?: string;
  /** The victim asked to be told how the caution ends. */
  wantsUpdates?: boolean;
  views: {
    soughtOn: IsoDate;
    method: string;
    outcome: VictimViewsOutcome;
    views?: string;
    requestedAction?: string;
    requestedActionAttached?: boolean;
    notAttachedReason?: string;
    agreement?: VictimAgreement;
    overrideReason?: string;
  };
}

export interface ConditionInput {
  purpose: ConditionPurpose;
  kind: ConditionKind;
  description: string;
  hours?: number;
  amountPence?: number;
  supportsPurpose?: 'REHABILITATIVE' | 'REPARATIVE';
  dueDate: IsoDate;
  provider?: string;
  /** A payment plan: the amount in instalments, each with its own due date. */
  instalments?: Array<{ dueDate: IsoDate; amountPence: number }>;
}
