import type { ApiRejectedError } from '../gateway/gateway.errors';

/**
 * Maps the API's field problems (`fields: [{ field: 'complainant.email', problems: [...] }]`) onto the
 * form's input ids, for the error summary and the message above each field. A problem without a known
 * field goes to the summary only, pointing at the first field.
 */
export function fieldErrors(
  err: ApiRejectedError,
  fieldIds: Record<string, string>,
): { errors: Record<string, string>; errorList: { text: string; href: string }[] } {
  const errors: Record<string, string> = {};
  const errorList: { text: string; href: string }[] = [];
  const firstId = Object.values(fieldIds)[0] ?? 'main-content';
  for (const f of err.fields) {
    const id = fieldIds[f.field] ?? fieldIds[f.field.split('.')[0]];
    const text = f.problems.join('. ');
    if (id && !errors[id]) errors[id] = text;
    errorList.push({ text, href: `#${id ?? firstId}` });
  }
  if (!errorList.length) errorList.push({ text: err.message, href: `#${firstId}` });
  return { errors, errorList };
}
