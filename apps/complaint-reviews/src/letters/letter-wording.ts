import { VALIDITY_ITEM_LABELS, type ValidityItem } from '@oversight/complaint-review-rules';

/**
 * The sentences this service writes into letters (the templates themselves live in the notifications
 * service), in English and Welsh, so a Welsh letter carries no English paragraph.
 *
 * TRANSLATION: the Welsh below was written by the development team and has NOT been reviewed by a
 * translator; it must be before live use (Welsh Language Standards), as the templates' must.
 */
export type LetterLanguage = 'ENGLISH' | 'WELSH';

/** The decision as the complainant reads it. */
export const OUTCOME_FOR_COMPLAINANT: Record<string, Record<LetterLanguage, string>> = {
  UPHELD: {
    ENGLISH:
      'We have upheld your review: the outcome of your complaint was not reasonable and proportionate.',
    WELSH: 'Rydym wedi cadarnhau eich adolygiad: nid oedd canlyniad eich cwyn yn rhesymol ac yn gymesur.',
  },
  NOT_UPHELD: {
    ENGLISH:
      'We have not upheld your review: the outcome of your complaint was reasonable and proportionate.',
    WELSH: 'Nid ydym wedi cadarnhau eich adolygiad: roedd canlyniad eich cwyn yn rhesymol ac yn gymesur.',
  },
  NOT_UPHELD_WITH_FEEDBACK: {
    ENGLISH:
      'We have not upheld your review: the outcome was reasonable and proportionate, but we have given the force feedback.',
    WELSH:
      "Nid ydym wedi cadarnhau eich adolygiad: roedd y canlyniad yn rhesymol ac yn gymesur, ond rydym wedi rhoi adborth i'r heddlu.",
  },
};

/** The decision as the force reads it (always in English: the force's working language). */
export const OUTCOME_FOR_FORCE: Record<string, string> = {
  UPHELD: 'The review is upheld: the outcome of the complaint was not reasonable and proportionate.',
  NOT_UPHELD: 'The review is not upheld: the outcome of the complaint was reasonable and proportionate.',
  NOT_UPHELD_WITH_FEEDBACK:
    'The review is not upheld: the outcome was reasonable and proportionate. We give the feedback below.',
};

/** What happens next for the complainant, after the decision. */
export function nextStepsForComplainant(
  language: LetterLanguage,
  forceName: string,
  recommendationList: string | null,
): string {
  if (!recommendationList)
    return language === 'WELSH'
      ? 'Nid oes angen i chi wneud dim byd arall.'
      : 'There is nothing more you need to do.';
  return language === 'WELSH'
    ? `Rydym wedi argymell i ${forceName}:\n${recommendationList}\nByddwn yn dweud wrthych sut y mae'r heddlu'n ymateb.`
    : `We have recommended to ${forceName}:\n${recommendationList}\nWe will tell you how the force responds.`;
}

const VALIDITY_ITEM_LABELS_WELSH: Readonly<Record<ValidityItem, string>> = {
  IN_WRITING: 'Bod y cais yn ysgrifenedig',
  COMPLAINT_DETAILS: 'Manylion y gŵyn',
  COMPLAINT_DATE: 'Y dyddiad y gwnaed y gŵyn',
  APPROPRIATE_AUTHORITY: 'Yr awdurdod priodol y mae ei benderfyniad yn cael ei herio',
  OUTCOME_DATE: 'Y dyddiad y rhoddwyd gwybodaeth am y canlyniad',
};

/** A missing validity item as the applicant reads it (the English labels are the rules library's). */
export function validityItemLabel(item: ValidityItem, language: LetterLanguage): string {
  return language === 'WELSH' ? VALIDITY_ITEM_LABELS_WELSH[item] : VALIDITY_ITEM_LABELS[item];
}

/** Why an application was closed without a review, as the applicant reads it. */
export function closureReasonWords(reason: string, language: LetterLanguage): string {
  const words: Record<string, Record<LetterLanguage, string>> = {
    INSUFFICIENT_INFORMATION: {
      ENGLISH: 'We asked you for information we need to consider your application and have not received it.',
      WELSH:
        "Gofynnom i chi am wybodaeth sydd ei hangen arnom i ystyried eich cais ac nid ydym wedi'i chael.",
    },
    NOT_ELIGIBLE: {
      ENGLISH: 'Your complaint is not one that can be reviewed by us.',
      WELSH: 'Nid yw eich cwyn yn un y gallwn ni ei hadolygu.',
    },
    LEGACY_APPEAL_ROUTE: {
      ENGLISH:
        'Your complaint was made before 1 February 2020, so it follows the earlier appeal process instead of a review.',
      WELSH:
        "Gwnaed eich cwyn cyn 1 Chwefror 2020, felly mae'n dilyn y broses apelio gynharach yn lle adolygiad.",
    },
  };
  return words[reason]?.[language] ?? reason;
}

/**
 * A reply-by date with the rule that set it (issue 10 item 4): when dates given to people roll to the
 * next working day, the letter says so, and says when this date was moved.
 */
export function replyByWords(
  date: string,
  roll: { applies: boolean; rolled: boolean; periodEndsOn: string },
  language: LetterLanguage,
  longDate: (isoDate: string, language: LetterLanguage) => string,
): string {
  const when = longDate(date, language);
  if (!roll.applies) return when;
  if (language === 'WELSH')
    return roll.rolled
      ? `${when} (daw'r cyfnod i ben ar ${longDate(roll.periodEndsOn, language)}, sef penwythnos neu ŵyl banc, felly rydym wedi symud y dyddiad i'r diwrnod gwaith nesaf)`
      : `${when} (pan fo dyddiad ateb yn disgyn ar benwythnos neu ŵyl banc, mae'n symud i'r diwrnod gwaith nesaf)`;
  return roll.rolled
    ? `${when} (the period ends on ${longDate(roll.periodEndsOn, language)}, a weekend or bank holiday, so we have moved the date to the next working day)`
    : `${when} (when a reply-by date falls on a weekend or bank holiday, it moves to the next working day)`;
}
