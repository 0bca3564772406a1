/**
 * The wording of every notification the platform sends, as data. A template is chosen by key (the
 * requester's `template_key`) and language; `((placeholder))` is filled from the request's
 * personalisation, as in GOV.UK Notify, so the same text can be loaded into Notify unchanged.
 * `((reference))` is always available: it defaults to the request's case reference.
 *
 * Adding a template: add an entry here with both languages; the spec checks that the English and
 * Welsh versions use the same placeholders, so a requester never needs to know the language.
 *
 * TRANSLATION: the Welsh text below was written by the development team in plain Welsh and has NOT
 * been reviewed by a translator. It must be reviewed (Welsh Language Standards) before live use.
 */

export type TemplateChannel = 'EMAIL' | 'SMS' | 'LETTER';
export type TemplateLanguage = 'ENGLISH' | 'WELSH';

export interface TemplateText {
  /** Email subject or letter heading; not sent by text message. */
  subject: string;
  body: string;
}

export interface NotificationTemplate {
  /** Who it is for and when it is sent. */
  description: string;
  /** Channels the wording suits: a long letter is not sent as a text message. */
  channels: readonly TemplateChannel[];
  ENGLISH: TemplateText;
  WELSH: TemplateText;
}

const EMAIL_OR_LETTER = ['EMAIL', 'LETTER'] as const;

export const NOTIFICATION_TEMPLATES: Readonly<Record<string, NotificationTemplate>> = {
  'complaint-review.acknowledgement': {
    description: 'To the complainant: their application for a review has arrived and what happens next.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'We have received your request for a review – ((reference))',
      body: `Dear ((name)),

Thank you for asking us to review the outcome of your complaint. We received your request on ((received_on)) and your reference is ((reference)).

What happens next
A reviewer will look at how your complaint was handled and whether the outcome was reasonable and proportionate. We will get in touch if we need anything else from you.

We aim to finish reviews within ((target_weeks)) weeks. If yours is going to take longer, we will tell you why.

Please quote ((reference)) whenever you contact us. You can reach us at ((contact_details)).

((review_body_name))`,
    },
    WELSH: {
      subject: 'Rydym wedi cael eich cais am adolygiad – ((reference))',
      body: `Annwyl ((name)),

Diolch am ofyn i ni adolygu canlyniad eich cwyn. Cawsom eich cais ar ((received_on)) a'ch cyfeirnod yw ((reference)).

Beth sy'n digwydd nesaf
Bydd adolygydd yn edrych ar sut yr ymdriniwyd â'ch cwyn ac a oedd y canlyniad yn rhesymol ac yn gymesur. Byddwn yn cysylltu â chi os bydd angen unrhyw beth arall arnom gennych.

Ein nod yw gorffen adolygiadau o fewn ((target_weeks)) wythnos. Os bydd eich adolygiad chi yn cymryd mwy o amser, byddwn yn dweud wrthych pam.

Nodwch ((reference)) bob tro y byddwch yn cysylltu â ni. Gallwch gysylltu â ni drwy ((contact_details)).

((review_body_name))`,
    },
  },

  'complaint-review.information-request': {
    description: 'To the complainant: the reviewer needs more information to carry on.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'We need some more information about your review – ((reference))',
      body: `Dear ((name)),

We are reviewing the outcome of your complaint (reference ((reference))). To carry on, we need the following from you:

((information_needed))

Please send this to us by ((respond_by)). You can reply to this message or contact us at ((contact_details)).

If we have not heard from you by then, we will carry on with the review using the information we already have.

((review_body_name))`,
    },
    WELSH: {
      subject: 'Mae angen rhagor o wybodaeth arnom am eich adolygiad – ((reference))',
      body: `Annwyl ((name)),

Rydym yn adolygu canlyniad eich cwyn (cyfeirnod ((reference))). Er mwyn parhau, mae angen y canlynol arnom gennych:

((information_needed))

Anfonwch hyn atom erbyn ((respond_by)). Gallwch ymateb i'r neges hon neu gysylltu â ni drwy ((contact_details)).

Os na fyddwn wedi clywed gennych erbyn hynny, byddwn yn parhau â'r adolygiad gan ddefnyddio'r wybodaeth sydd gennym eisoes.

((review_body_name))`,
    },
  },

  'complaint-review.passed-to-iopc': {
    description:
      'To the complainant: the IOPC, not the local policing body, is the right review body; the request was passed on.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'Your review has been passed to the Independent Office for Police Conduct – ((reference))',
      body: `Dear ((name)),

Thank you for your request for a review (reference ((reference))).

Having looked at the details of your complaint, the law says that the Independent Office for Police Conduct (IOPC), not our office, is the right body to carry out this review. We passed your request and the papers we hold to the IOPC on ((passed_on)), so you do not need to apply again.

The IOPC will contact you directly and give you their own reference number. From now on, please contact them about your review.

((review_body_name))`,
    },
    WELSH: {
      subject: "Mae eich adolygiad wedi'i anfon at Swyddfa Annibynnol Ymddygiad yr Heddlu – ((reference))",
      body: `Annwyl ((name)),

Diolch am eich cais am adolygiad (cyfeirnod ((reference))).

Ar ôl edrych ar fanylion eich cwyn, mae'r gyfraith yn dweud mai Swyddfa Annibynnol Ymddygiad yr Heddlu (IOPC), nid ein swyddfa ni, yw'r corff cywir i gynnal yr adolygiad hwn. Gwnaethom anfon eich cais a'r papurau sydd gennym at yr IOPC ar ((passed_on)), felly nid oes angen i chi wneud cais eto.

Bydd yr IOPC yn cysylltu â chi'n uniongyrchol ac yn rhoi eu cyfeirnod eu hunain i chi. O hyn ymlaen, cysylltwch â nhw am eich adolygiad.

((review_body_name))`,
    },
  },

  'complaint-review.outcome-complainant': {
    description: 'To the complainant: the decision of the review, the reasons, and what it means for them.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'The outcome of your review – ((reference))',
      body: `Dear ((name)),

We have finished our review of how your complaint was handled (reference ((reference))).

Our decision
((decision))

Why we reached this decision
((reasons))

What this means for you
((next_steps))

This review is the last stage of the police complaints process. If you believe our decision is wrong in law, you may be able to ask a court to look at it through a judicial review. There are strict time limits for this, so get independent legal advice quickly if you are thinking about it.

((review_body_name))`,
    },
    WELSH: {
      subject: 'Canlyniad eich adolygiad – ((reference))',
      body: `Annwyl ((name)),

Rydym wedi gorffen ein hadolygiad o sut yr ymdriniwyd â'ch cwyn (cyfeirnod ((reference))).

Ein penderfyniad
((decision))

Pam y daethom i'r penderfyniad hwn
((reasons))

Beth mae hyn yn ei olygu i chi
((next_steps))

Yr adolygiad hwn yw cam olaf proses cwynion yr heddlu. Os ydych yn credu bod ein penderfyniad yn anghywir yn gyfreithiol, efallai y gallwch ofyn i lys edrych arno drwy adolygiad barnwrol. Mae terfynau amser llym ar gyfer hyn, felly dylech gael cyngor cyfreithiol annibynnol yn gyflym os ydych yn ystyried gwneud hynny.

((review_body_name))`,
    },
  },

  'complaint-review.outcome-force': {
    description:
      "To the force's Professional Standards Department: the decision of the review and any recommendations.",
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'Review outcome for complaint ((force_reference)) – ((reference))',
      body: `To the Professional Standards Department, ((force_name))

We have completed the review of complaint ((force_reference)) (our reference ((reference))).

Decision
((decision))

Recommendations
((recommendations))

Where we have made a recommendation, please tell us in writing by ((respond_by)) whether you accept it and what you will do. The complainant has been told the outcome.

((review_body_name))`,
    },
    WELSH: {
      subject: 'Canlyniad adolygiad ar gyfer cwyn ((force_reference)) – ((reference))',
      body: `At yr Adran Safonau Proffesiynol, ((force_name))

Rydym wedi cwblhau'r adolygiad o gŵyn ((force_reference)) (ein cyfeirnod ((reference))).

Penderfyniad
((decision))

Argymhellion
((recommendations))

Os ydym wedi gwneud argymhelliad, rhowch wybod i ni yn ysgrifenedig erbyn ((respond_by)) a ydych yn ei dderbyn a beth y byddwch yn ei wneud. Mae'r achwynydd wedi cael gwybod beth yw'r canlyniad.

((review_body_name))`,
    },
  },

  'complaint-review.receipt-force': {
    description:
      "To the force's Professional Standards Department (the appropriate authority): an application for a review of one of its complaints has been received.",
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'Application for a review of complaint ((force_reference)) – ((reference))',
      body: `To the Professional Standards Department, ((force_name))

On ((received_on)) we received an application for a review of the outcome of complaint ((force_reference)). Our reference is ((reference)).

We will ask you for the complaint file when we need it. Please keep it available and quote ((reference)) when you write to us at ((contact_details)).

((review_body_name))`,
    },
    WELSH: {
      subject: 'Cais am adolygiad o gŵyn ((force_reference)) – ((reference))',
      body: `At yr Adran Safonau Proffesiynol, ((force_name))

Ar ((received_on)) cawsom gais am adolygiad o ganlyniad cwyn ((force_reference)). Ein cyfeirnod yw ((reference)).

Byddwn yn gofyn i chi am ffeil y gŵyn pan fydd ei hangen arnom. Cadwch hi ar gael a nodwch ((reference)) pan fyddwch yn ysgrifennu atom drwy ((contact_details)).

((review_body_name))`,
    },
  },

  'complaint-review.receipt-notice': {
    description:
      'To an interested person or the person complained against: a review of the outcome of the complaint has been applied for.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'A review has been requested – ((reference))',
      body: `Dear ((name)),

We are writing to tell you that, on ((received_on)), we received an application for a review of the outcome of a complaint handled by ((force_name)) (their reference ((force_reference))). ((why_you))

We will look at whether the outcome of the complaint was reasonable and proportionate. We will tell you the result of the review.

Our reference is ((reference)). You can reach us at ((contact_details)).

((review_body_name))`,
    },
    WELSH: {
      subject: 'Gofynnwyd am adolygiad – ((reference))',
      body: `Annwyl ((name)),

Rydym yn ysgrifennu i ddweud wrthych ein bod, ar ((received_on)), wedi cael cais am adolygiad o ganlyniad cwyn yr ymdriniodd ((force_name)) â hi (eu cyfeirnod ((force_reference))). ((why_you))

Byddwn yn edrych a oedd canlyniad y gŵyn yn rhesymol ac yn gymesur. Byddwn yn dweud wrthych beth yw canlyniad yr adolygiad.

Ein cyfeirnod yw ((reference)). Gallwch gysylltu â ni drwy ((contact_details)).

((review_body_name))`,
    },
  },

  'complaint-review.recommendation-response-overdue': {
    description:
      "To the force's Professional Standards Department: its written response to the review's recommendations is overdue.",
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'Response to recommendations overdue – ((force_reference)) – ((reference))',
      body: `To the Professional Standards Department, ((force_name))

We asked you to tell us by ((respond_by)) whether you accept the recommendations we made on the review of complaint ((force_reference)) (our reference ((reference))), and what you will do. We have not yet had your response to:

((recommendations))

Please reply in writing as soon as possible.

((review_body_name))`,
    },
    WELSH: {
      subject: "Ymateb i'r argymhellion yn hwyr – ((force_reference)) – ((reference))",
      body: `At yr Adran Safonau Proffesiynol, ((force_name))

Gofynnom i chi ddweud wrthym erbyn ((respond_by)) a ydych yn derbyn yr argymhellion a wnaethom ar adolygiad cwyn ((force_reference)) (ein cyfeirnod ((reference))), a beth y byddwch yn ei wneud. Nid ydym wedi cael eich ymateb eto i:

((recommendations))

Atebwch yn ysgrifenedig cyn gynted â phosibl.

((review_body_name))`,
    },
  },

  'complaint-review.closed': {
    description: 'To the applicant: their application was closed without a review, and why.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'Your application for a review has been closed – ((reference))',
      body: `Dear ((name)),

We have closed your application for a review (reference ((reference))) without reviewing the outcome of your complaint.

((closure_reason))

((explanation))

If you think we have got this wrong, or you can now give us what we asked for, please contact us at ((contact_details)) quoting ((reference)).

((review_body_name))`,
    },
    WELSH: {
      subject: 'Mae eich cais am adolygiad wedi cael ei gau – ((reference))',
      body: `Annwyl ((name)),

Rydym wedi cau eich cais am adolygiad (cyfeirnod ((reference))) heb adolygu canlyniad eich cwyn.

((closure_reason))

((explanation))

Os ydych yn credu ein bod wedi gwneud camgymeriad, neu os gallwch roi'r hyn a ofynnwyd amdano i ni nawr, cysylltwch â ni drwy ((contact_details)) gan nodi ((reference)).

((review_body_name))`,
    },
  },

  'oocr.condition-reminder': {
    description:
      'To the person given an out-of-court resolution: a condition is due soon. Short enough for a text message.',
    channels: ['EMAIL', 'SMS', 'LETTER'],
    ENGLISH: {
      subject: 'Reminder: a condition of your caution is due by ((due_on))',
      body: 'Hello ((name)), this is a reminder that you need to ((condition)) by ((due_on)). If you cannot do this or need help, contact ((contact_details)) as soon as you can and quote ((reference)).',
    },
    WELSH: {
      subject: "Nodyn atgoffa: mae amod eich rhybuddiad i'w gwblhau erbyn ((due_on))",
      body: "Helo ((name)), dyma nodyn i'ch atgoffa bod angen i chi ((condition)) erbyn ((due_on)). Os na allwch wneud hyn neu os oes angen help arnoch, cysylltwch â ((contact_details)) cyn gynted ag y gallwch a nodwch ((reference)).",
    },
  },

  'oocr.caution-completed-victim': {
    description: 'To the victim: the person cautioned has completed every condition of the caution.',
    channels: EMAIL_OR_LETTER,
    ENGLISH: {
      subject: 'An update on your case – ((reference))',
      body: `Dear ((name)),

We are writing to let you know that the person who was given a caution in your case has now completed all of the conditions attached to it. This was confirmed on ((completed_on)).

This means the caution is complete and no further action will be taken against them for this offence.

If you have any questions, or would like to talk to someone about support, contact ((contact_details)) and quote ((reference)).

Support for victims of crime is free and available for as long as you need it. Ask us and we can put you in touch.`,
    },
    WELSH: {
      subject: 'Diweddariad am eich achos – ((reference))',
      body: `Annwyl ((name)),

Rydym yn ysgrifennu i roi gwybod i chi fod y person a gafodd rybuddiad yn eich achos chi bellach wedi cwblhau pob un o'r amodau a oedd ynghlwm wrtho. Cadarnhawyd hyn ar ((completed_on)).

Mae hyn yn golygu bod y rhybuddiad wedi'i gwblhau ac na fydd unrhyw gamau pellach yn cael eu cymryd yn ei erbyn am y drosedd hon.

Os oes gennych unrhyw gwestiynau, neu os hoffech siarad â rhywun am gymorth, cysylltwch â ((contact_details)) a nodwch ((reference)).

Mae cymorth i ddioddefwyr troseddau am ddim ac ar gael cyhyd ag y bydd ei angen arnoch. Gofynnwch i ni a gallwn eich rhoi mewn cysylltiad.`,
    },
  },

  'oocr.officer-condition-reminder': {
    description:
      'To the officer who issued a conditional caution: a condition is due soon (sent with the reminder to the person cautioned).',
    channels: ['EMAIL'],
    ENGLISH: {
      subject: 'Caution ((reference)): a condition is due by ((due_on))',
      body: `Dear ((officer_name)),

A condition of the conditional caution you issued (reference ((reference))) is due by ((due_on)): ((condition)).

The person cautioned has been sent a reminder. If they have already done it, make sure the evidence is recorded against the caution. If you know they cannot complete it in time, tell Criminal Justice Operations now: a supervisor must agree any extension or change to the conditions.

This is an automatic message from the out-of-court resolutions service. Quote ((reference)) in any reply.`,
    },
    WELSH: {
      subject: "Rhybuddiad ((reference)): mae amod i'w gwblhau erbyn ((due_on))",
      body: `Annwyl ((officer_name)),

Mae amod o'r rhybuddiad amodol a roesoch chi (cyfeirnod ((reference))) i'w gwblhau erbyn ((due_on)): ((condition)).

Mae'r person a gafodd y rhybuddiad wedi cael nodyn atgoffa. Os yw wedi'i wneud yn barod, gwnewch yn siŵr bod y dystiolaeth wedi'i chofnodi yn erbyn y rhybuddiad. Os ydych yn gwybod na all ei gwblhau mewn pryd, rhowch wybod i Weithrediadau Cyfiawnder Troseddol nawr: rhaid i oruchwyliwr gytuno ar unrhyw estyniad neu newid i'r amodau.

Neges awtomatig yw hon gan y gwasanaeth datrysiadau y tu allan i'r llys. Nodwch ((reference)) mewn unrhyw ateb.`,
    },
  },

  'vru.tag-referral-decision': {
    description:
      'To the partner who referred someone for a voluntary tag: the VRU triage decision (accepted or declined).',
    channels: ['EMAIL'],
    ENGLISH: {
      subject: 'Tag referral ((reference)): ((decision))',
      body: `The Violence Reduction Unit has triaged your referral ((reference)) for a voluntary tag.

Decision: ((decision))
Reason: ((reason))

The person's details are in the referral record; sign in to see it. Quote ((reference)) in any reply.

This is an automatic message from the VRU tag referrals service.`,
    },
    WELSH: {
      subject: 'Atgyfeiriad tag ((reference)): ((decision))',
      body: `Mae'r Uned Lleihau Trais wedi brysbennu eich atgyfeiriad ((reference)) am dag gwirfoddol.

Penderfyniad: ((decision))
Rheswm: ((reason))

Mae manylion yr unigolyn yn y cofnod atgyfeirio; mewngofnodwch i'w weld. Nodwch ((reference)) mewn unrhyw ateb.

Neges awtomatig yw hon gan wasanaeth atgyfeirio tagiau'r Uned Lleihau Trais.`,
    },
  },
  'vru.tag-referral-more-information': {
    description:
      'To the partner who referred someone for a voluntary tag: the VRU needs more information before deciding.',
    channels: ['EMAIL'],
    ENGLISH: {
      subject: 'Tag referral ((reference)): more information needed by ((due_on))',
      body: `The Violence Reduction Unit needs more information about your referral ((reference)) before it can decide (((decision))).

What we need: ((reason))

Please add it to the referral by ((due_on)). Quote ((reference)) in any reply.

This is an automatic message from the VRU tag referrals service.`,
    },
    WELSH: {
      subject: 'Atgyfeiriad tag ((reference)): angen rhagor o wybodaeth erbyn ((due_on))',
      body: `Mae angen rhagor o wybodaeth ar yr Uned Lleihau Trais am eich atgyfeiriad ((reference)) cyn y gall benderfynu (((decision))).

Beth sydd ei angen: ((reason))

Ychwanegwch yr wybodaeth at yr atgyfeiriad erbyn ((due_on)). Nodwch ((reference)) mewn unrhyw ateb.

Neges awtomatig yw hon gan wasanaeth atgyfeirio tagiau'r Uned Lleihau Trais.`,
    },
  },
  // To VRU staff (the team mailbox of the role a task is assigned to): no personal data, the reference and the task.
  'vru.tag-task-reminder': {
    description:
      'To the VRU coordinators or practitioners (team mailbox of the role assigned): a tag task is due tomorrow or overdue. Once per task per reminder kind.',
    channels: ['EMAIL'],
    ENGLISH: {
      subject: 'Tag task ((reference)): ((task)) ((when))',
      body: `A task on the voluntary tag referral ((reference)) is ((when)).

Task: ((task))
Due: ((due_on))

Sign in to the VRU tag referrals service to see it and mark it done. Quote ((reference)) in any reply.

This is an automatic message from the VRU tag referrals service.`,
    },
    WELSH: {
      subject: 'Tasg tag ((reference)): ((task)) ((when))',
      body: `Mae tasg ar yr atgyfeiriad tag gwirfoddol ((reference)) ((when)).

Tasg: ((task))
Dyddiad: ((due_on))

Mewngofnodwch i wasanaeth atgyfeirio tagiau'r Uned Lleihau Trais i'w gweld a'i marcio'n gyflawn. Nodwch ((reference)) mewn unrhyw ateb.

Neges awtomatig yw hon gan wasanaeth atgyfeirio tagiau'r Uned Lleihau Trais.`,
    },
  },
  // Knife swaps (SKRS): some households are at risk of domestic abuse, and a message may be read by someone
  // else in the home, so the wording is discreet: no mention of knives, weapons or abuse (needs the VRU's review).
  'knife-swap.swap-confirmation': {
    description:
      'To the household after a knife swap (SKRS): thanks, when the follow-up visit is due, whom to contact. Discreet wording; short enough for a text message.',
    channels: ['EMAIL', 'SMS', 'LETTER'],
    ENGLISH: {
      subject: 'Thank you for taking part – ((reference))',
      body: 'Hello ((name)), thank you for taking part in the home safety scheme on ((swapped_on)). We will be in touch by ((follow_up_due_on)) to see how things are. If you need us before then, contact ((contact_details)) and quote ((reference)).',
    },
    WELSH: {
      subject: 'Diolch am gymryd rhan – ((reference))',
      body: 'Helo ((name)), diolch am gymryd rhan yn y cynllun diogelwch yn y cartref ar ((swapped_on)). Byddwn yn cysylltu erbyn ((follow_up_due_on)) i weld sut mae pethau. Os oes ein hangen arnoch cyn hynny, cysylltwch â ((contact_details)) a nodwch ((reference)).',
    },
  },
  'knife-swap.follow-up-check-in': {
    description:
      'To the household when the follow-up after a knife swap (SKRS) is due. Discreet wording; short enough for a text message.',
    channels: ['EMAIL', 'SMS', 'LETTER'],
    ENGLISH: {
      subject: 'Checking in – ((reference))',
      body: 'Hello ((name)), we are getting in touch about your visit on ((swapped_on)) to see how things are. Please contact ((contact_details)) when it suits you and quote ((reference)).',
    },
    WELSH: {
      subject: 'Cysylltu â chi – ((reference))',
      body: "Helo ((name)), rydym yn cysylltu ynglŷn â'ch ymweliad ar ((swapped_on)) i weld sut mae pethau. Cysylltwch â ((contact_details)) pan fydd yn gyfleus i chi a nodwch ((reference)).",
    },
  },
  'oocr.officer-referral-reminder': {
    description:
      'To the officer who issued a community resolution: actions Criminal Justice Operations referred back to them are still open.',
    channels: ['EMAIL'],
    ENGLISH: {
      subject: 'Reminder ((reminder_number)): actions on community resolution ((reference)) are still open',
      body: `Dear ((officer_name)),

Criminal Justice Operations reviewed the community resolution you issued (reference ((reference))) and referred it back to you. These actions are still open and are due by ((due_on)):

((actions))

When an action is done, tell Criminal Justice Operations so they can record it and finish the review. Once the actions are overdue, a supervisor is asked to follow them up.

This is an automatic message from the out-of-court resolutions service. Quote ((reference)) in any reply.`,
    },
    WELSH: {
      subject:
        'Nodyn atgoffa ((reminder_number)): mae camau ar y datrysiad cymunedol ((reference)) yn dal ar agor',
      body: `Annwyl ((officer_name)),

Mae Gweithrediadau Cyfiawnder Troseddol wedi adolygu'r datrysiad cymunedol a roesoch chi (cyfeirnod ((reference))) a'i gyfeirio'n ôl atoch. Mae'r camau hyn yn dal ar agor ac maent i'w cwblhau erbyn ((due_on)):

((actions))

Pan fydd cam wedi'i wneud, rhowch wybod i Weithrediadau Cyfiawnder Troseddol er mwyn iddynt ei gofnodi a gorffen yr adolygiad. Unwaith y bydd y camau'n hwyr, gofynnir i oruchwyliwr fynd ar eu trywydd.

Neges awtomatig yw hon gan y gwasanaeth datrysiadau y tu allan i'r llys. Nodwch ((reference)) mewn unrhyw ateb.`,
    },
  },
};

export const TEMPLATE_KEYS: readonly string[] = Object.keys(NOTIFICATION_TEMPLATES);

export function findTemplate(key: string): NotificationTemplate | undefined {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_TEMPLATES, key)
    ? NOTIFICATION_TEMPLATES[key]
    : undefined;
}
