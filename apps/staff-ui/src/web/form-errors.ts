import type { ApiRejectedError } from '../gateway/gateway.errors';

/** One line of the error summary, linking to the input (or form) it is about. */
export interface FormProblem {
  text: string;
  href: string;
}

/**
 * A form that was refused (by the page's own checks or by the API's 4xx), to render again: which form, what was
 * typed (kept), each problem by input id (shown above the input) and the error summary.
 */
export interface FailedForm {
  action: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  errorList: FormProblem[];
  status: number;
}

/**
 * Maps the API's field problems (`fields: [{ field: 'complainant.email', problems: [...] }]`, and the domain
 * rules' `violations`, which the gateway client turns into the same shape) onto the form's input ids, for the
 * error summary and the message above each field. A problem without a known field goes to the summary only,
 * pointing at `fallbackId` (by default the first field).
 */
export function fieldErrors(
  err: ApiRejectedError,
  fieldIds: Record<string, string>,
  fallbackId?: string,
): { errors: Record<string, string>; errorList: FormProblem[] } {
  const errors: Record<string, string> = {};
  const errorList: FormProblem[] = [];
  const firstId = fallbackId ?? Object.values(fieldIds)[0] ?? 'main-content';
  for (const f of err.fields) {
    const id = fieldIds[f.field] ?? fieldIds[f.field.split('.')[0]];
    const text = f.problems.join('. ');
    if (id && !errors[id]) errors[id] = text;
    errorList.push({ text, href: `#${id ?? firstId}` });
  }
  if (!errorList.length) errorList.push({ text: err.message, href: `#${firstId}` });
  return { errors, errorList };
}

/** The string fields of a posted form, without the CSRF token: what is shown again when the form is refused. */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/** The API refused the form: its problems against the inputs (`fieldIds`: API field → input id), input kept. */
export function rejectedForm(
  err: ApiRejectedError,
  action: string,
  body: unknown,
  fieldIds: Record<string, string> = {},
): FailedForm {
  const { errors, errorList } = fieldErrors(err, fieldIds, action);
  return { action, values: formValues(body), errors, errorList, status: 400 };
}

/** The page's own checks refused the form before any call: each problem against its input, input kept. */
export function invalidForm(
  action: string,
  body: unknown,
  problems: { id: string; text: string }[],
): FailedForm {
  const errors: Record<string, string> = {};
  for (const p of problems) if (!errors[p.id]) errors[p.id] = p.text;
  return {
    action,
    values: formValues(body),
    errors,
    errorList: problems.map((p) => ({ text: p.text, href: `#${p.id}` })),
    status: 400,
  };
}
