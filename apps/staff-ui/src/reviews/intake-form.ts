/** The intake form's fields, as typed (strings), and how they become the API's request body. */
export interface IntakeForm {
  receivedOn: string;
  channel: string;
  forceComplaintReference: string;
  complaintDate: string;
  handling: string;
  outcomeInformationProvidedOn: string;
  grounds: string;
  appropriateAuthority: string;
  complainantName: string;
  complainantEmail: string;
  complainantPhone: string;
  complainantAddress: string;
  contactPreference: string;
}

export const INTAKE_DEFAULTS: IntakeForm = {
  receivedOn: '',
  channel: 'EMAIL',
  forceComplaintReference: '',
  complaintDate: '',
  handling: 'INVESTIGATED',
  outcomeInformationProvidedOn: '',
  grounds: '',
  appropriateAuthority: '',
  complainantName: '',
  complainantEmail: '',
  complainantPhone: '',
  complainantAddress: '',
  contactPreference: 'EMAIL',
};

const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** Empty optional fields are left out, so the API judges only what was entered. Nothing else is inferred. */
export function buildIntake(f: IntakeForm): Record<string, unknown> {
  return {
    receivedOn: f.receivedOn.trim(),
    channel: f.channel,
    forceComplaintReference: f.forceComplaintReference.trim(),
    complaintDate: optional(f.complaintDate),
    handling: f.handling,
    outcomeInformationProvidedOn: optional(f.outcomeInformationProvidedOn),
    grounds: f.grounds.trim(),
    appropriateAuthority: optional(f.appropriateAuthority),
    complainant: {
      fullName: f.complainantName.trim(),
      email: optional(f.complainantEmail),
      phone: optional(f.complainantPhone),
      postalAddress: optional(f.complainantAddress),
      contactPreference: f.contactPreference,
    },
  };
}
