/**
 * US state rules on when marketing texts may be sent: hours, excluded days, holidays and per-recipient caps.
 * Hand-written; each row names what was read and how (verified: primary | secondary | unverified). The full
 * table with links, the states found to be federal-only and the UNVERIFIED list are in docs/state-rules.md.
 * Every row covers solicitation only (`['marketing']`): none of these statutes reaches informational or
 * transactional texts. Windows are start-inclusive, end-exclusive ("not after 8 p.m." -> end 20:00).
 */
import { AL_HOLIDAYS, LA_HOLIDAYS, MS_HOLIDAYS, PA_HOLIDAYS, RI_HOLIDAYS, UT_HOLIDAYS } from './state-holidays.js';
import type { DayWindow, StateRule, Weekday } from './state-rule-types.js';

const EVERY_DAY: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
const MON_TO_SAT: readonly Weekday[] = [1, 2, 3, 4, 5, 6];
const MON_TO_FRI: readonly Weekday[] = [1, 2, 3, 4, 5];
const LOCAL = { kind: 'recipient_local' } as const;
const MARKETING = ['marketing'] as const;

function daily(start: DayWindow['start'], end: DayWindow['end'], days: readonly Weekday[] = EVERY_DAY): DayWindow[] {
  return [{ days, start, end }];
}

const TEXAS_WINDOWS: readonly DayWindow[] = [
  { days: MON_TO_SAT, start: '09:00', end: '21:00' },
  { days: [0], start: '12:00', end: '21:00' },
];

const CT_42_288A = 'https://www.cga.ct.gov/current/pub/chap_743m.htm#sec_42-288a';
const TX_301 = 'https://statutes.capitol.texas.gov/Docs/BC/htm/BC.301.htm';
const MS_77_3_723 = 'https://getpocketlaw.com/law/state_mississippi/section-77-3-723-rules-for-authorized-calls_57b73fa7ff73';

/** The state table (see docs/state-rules.md). Rows of one state never overlap in effective dates. */
export const STATE_RULES: readonly StateRule[] = [
  {
    id: 'FL-2021',
    state: 'FL',
    title: 'Florida Telemarketing Act: commercial telephone solicitation hours and 3-per-24h cap',
    purposes: MARKETING,
    windows: daily('08:00', '20:00'),
    clock: LOCAL,
    cap: { count: 3, hours: 24, scope: 'same_subject' },
    consentExempt: false,
    effectiveFrom: '2021-07-01',
    sources: [
      { citation: 'Fla. Stat. § 501.616(6)(a)-(b)', url: 'http://www.lawserver.com/law/state/florida/statutes/florida_statutes_501-616' },
      { citation: 'Fla. SB 1120 (2021), amending § 501.616(6)', url: 'https://flsenate.gov/Session/Bill/2021/1120/BillText/Filed/HTML' },
    ],
    verified: 'primary',
    notes:
      '(6)(a) "before 8 a.m. or after 8 p.m. local time in the called person\'s time zone" (bill struck "9"); (6)(b) "more than three ... phone calls from any number to a person over a 24-hour period on the same subject matter or issue, regardless of the phone number used". The cap text was read in the filed bill, not re-read in the enrolled one. Effective date 2021-07-01 from the reference file (bill effective-date clause not read). Before 2021 the window was 08:00-21:00 (= federal), so no earlier row.',
  },
  {
    id: 'OK-2022',
    state: 'OK',
    title: 'Oklahoma Telephone Solicitation Act of 2022: hours and 3-per-24h cap',
    purposes: MARKETING,
    windows: daily('08:00', '20:00'),
    clock: LOCAL,
    cap: { count: 3, hours: 24, scope: 'same_subject' },
    consentExempt: false,
    effectiveFrom: '2022-11-01',
    sources: [
      { citation: '15 O.S. § 775C.4 (HB 3168, 2022)', url: 'https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest' },
      { citation: 'Oklahoma Senate release via KFOR, 2022-04', url: 'https://kfor.com/news/oklahoma-legislature/oklahoma-state-senate-votes-to-prohibit-certain-solicitation-calls/' },
      { citation: 'Ballard Spahr Consumer Finance Monitor, 2022-05-25', url: 'https://www.consumerfinancemonitor.com/2022/05/25/oklahoma-governor-signs-bill-limiting-use-of-automated-dialing-systems/' },
    ],
    verified: 'secondary',
    notes:
      'The enrolled bill title ("providing the time frame ... specified number of ... calls ... over a specified time frame") was read, but not the § 775C.4 text: hours (before 8 a.m./after 8 p.m.) and "more than three ... within a 24-hour period on the same matter" come from the Senate release and law-firm summaries. Local-time reading assumed (FL model act). § 775C.2 defines consent for calls "by telephone call, text message, or voicemail".',
  },
  {
    id: 'MD-2024',
    state: 'MD',
    title: 'Maryland Stop the Spam Calls Act of 2023: hours and 3-per-24h cap',
    purposes: MARKETING,
    windows: daily('08:00', '20:00'),
    clock: LOCAL,
    cap: { count: 3, hours: 24, scope: 'same_subject' },
    consentExempt: false,
    effectiveFrom: '2024-01-01',
    sources: [
      { citation: 'Md. Code, Com. Law §§ 14-4501 - 14-4503 (SB 90 / HB 37, ch. 413 of 2023)', url: 'https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/SB0090?ys=2023RS' },
      { citation: 'Kelley Drye, "Maryland\'s New Telemarketing Law Now in Effect"', url: 'https://www.kelleydrye.com/viewpoints/podcasts/ad-law-access/marylands-new-telemarketing-law-now-in-effect' },
      { citation: 'WMAR-2 News, 2024-01-01', url: 'https://www.wmar2news.com/local/law-to-prevent-spam-calls-takes-effect-first-of-the-year' },
    ],
    verified: 'secondary',
    notes:
      'Effective date 2024-01-01 read on the MGA bill page (ch. 413). § 14-4501 and § 14-4502(a) text read (lexace.ai), but the subsection with the hours ("8 a.m. to 8 p.m. in the called party\'s time zone") and the cap ("three calls or text messages per 24 hours about the same subject to the same called party") was not: both from WMAR/DNC.com/Kelley Drye. § 14-4502(a)(1)(vi) exempts informational messages to existing customers.',
  },
  {
    id: 'WA-1990',
    state: 'WA',
    title: 'Washington commercial telephone solicitation hours',
    purposes: MARKETING,
    windows: daily('08:00', '20:00'),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '1990-01-01',
    sources: [
      { citation: 'RCW 19.158.040(2)', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040' },
      { citation: 'RCW 80.36.390 (telephone solicitation, definitions)', url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=80.36.390' },
    ],
    verified: 'primary',
    notes:
      '"A commercial telephone solicitor shall not place calls to any person which will be received before 8:00 a.m. or after 8:00 p.m. at the call recipient\'s local time." Chapter 19.158 dates from 1989 (c 20); 1990-01-01 is a placeholder for "long-standing", the date (2) took this wording was not checked. "Commercial telephone solicitation" means an unsolicited call by a salesperson. RCW 80.36.390 hours subsection and RCW 19.190.060 (texts need consent) not re-read; HB 1103 (2025) status not checked.',
  },
  {
    id: 'TX-1992',
    state: 'TX',
    title: 'Texas consumer telephone call hours (unsolicited calls to residential numbers)',
    purposes: MARKETING,
    windows: TEXAS_WINDOWS,
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '1992-01-01',
    effectiveTo: '2025-09-01',
    sources: [
      { citation: 'Tex. Bus. & Com. Code § 37.02 (1991), recodified as § 301.051', url: 'http://law.justia.com/codes/texas/2005/bc/004.00.000037.00.html' },
      { citation: 'Tex. Bus. & Com. Code § 301.051', url: TX_301 },
    ],
    verified: 'secondary',
    notes:
      'Chapter 37 ("SOLICITOR IDENTITY; PERMISSIBLE HOURS", Acts 1991, eff. 1992-01-01) was seen only up to its heading; the hour text (Mon-Sat 9 a.m.-9 p.m., Sunday noon-9 p.m.) is from law-firm and trade summaries. Before SB 140 the rule covered calls to residential numbers; whether it reached texts is doubtful, applied anyway (conservative). Reading: recipient local time (see TX-2025).',
  },
  {
    id: 'TX-2025',
    state: 'TX',
    title: 'Texas telephone solicitation hours, texts included (SB 140)',
    purposes: MARKETING,
    windows: TEXAS_WINDOWS,
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '2025-09-01',
    sources: [
      { citation: 'Tex. Bus. & Com. Code § 301.051, as amended by SB 140 (2025)', url: TX_301 },
      { citation: 'Foster Garvey, 2025-09-25', url: 'https://www.foster.com/newsroom-alerts-texas-expands-telemarketing-law-to-cover-text-messagesms-marketing-what-companies-need-to-know' },
      { citation: 'Mondaq, "Texts Are Telemarketing In Texas"', url: 'https://www.mondaq.com/unitedstates/telecoms-mobile-cable-communications/1671662/texts-are-telemarketing-in-texas-sb-140-set-to-place-new-requirements-on-marketing-communications' },
    ],
    verified: 'secondary',
    notes:
      'Statute text not read. Hours 9 a.m.-9 p.m. Mon-Sat, noon-9 p.m. Sunday. Reading chosen: recipient local time (Cloud Communications, Texas REALTORS). Foster Garvey says "Texas local time (i.e. Central)": for El Paso/Hudspeth (Mountain) the two readings differ and the row shape cannot hold both clocks; pass both zones (America/Denver and America/Chicago) for those numbers to get the intersection. Whether "unsolicited" excludes consented texts is unresolved; applied to all marketing. Nov 2025 settlement on ch. 302 registration for consent-based texts does not touch hours.',
  },
  {
    id: 'CT-1990',
    state: 'CT',
    title: 'Connecticut telephonic sales call hours (before PA 23-98)',
    purposes: MARKETING,
    windows: daily('09:00', '21:00'),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '1990-01-01',
    effectiveTo: '2023-10-01',
    sources: [
      { citation: 'Conn. Gen. Stat. § 42-288a (before P.A. 23-98)', url: 'https://www.lawserver.com/law/state/connecticut/ct-laws/connecticut_statutes_42-288a' },
      { citation: 'TCPAWorld, 2023-06-28', url: 'https://tcpaworld.com/2023/06/28/connecticut-rolls-out-new-telemarketing-requirements-here-is-what-you-need-to-know/' },
    ],
    verified: 'secondary',
    notes:
      '9 a.m.-9 p.m. from TCPAWorld ("changes the allowable call time from 9 AM to 9 PM to ending one hour earlier at 8 PM"); the pre-2023 hours clause itself was not read. The pre-2023 definition of "marketing or sales solicitation" (lawserver) excluded messages sent with prior express written consent, which may have exempted consented texts; not applied (consentExempt false) because the hours clause was not read. 1990-01-01 is a placeholder start.',
  },
  {
    id: 'CT-2023',
    state: 'CT',
    title: 'Connecticut telephonic sales call hours, incl. text and media messages (PA 23-98)',
    purposes: MARKETING,
    windows: daily('09:00', '20:00'),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '2023-10-01',
    sources: [
      { citation: 'Conn. Gen. Stat. § 42-288a(c), as amended by P.A. 23-98 (SB 1058)', url: CT_42_288A },
      { citation: 'TCPAWorld, 2023-06-28', url: 'https://tcpaworld.com/2023/06/28/connecticut-rolls-out-new-telemarketing-requirements-here-is-what-you-need-to-know/' },
      { citation: 'Conn. Gen. Stat. § 42-288(c) (area-code presumption)', url: 'https://self-law.org/code/ct/title-42/chapter-743m-telemarketing/42-288' },
    ],
    verified: 'secondary',
    notes:
      'The current § 42-288a(c) text was cut off in every copy found; hours 9 a.m.-8 p.m. from TCPAWorld/WBK (effective 2023-10-01). § 42-288(c) (read) presumes a call to a CT area code takes place in CT. Telephonic sales calls now include texts and OTT/media messages and require prior express written consent.',
  },
  {
    id: 'MS-2003',
    state: 'MS',
    title: 'Mississippi Telephone Solicitation Act hours, Sunday and PSC legal-holiday ban',
    purposes: MARKETING,
    windows: daily('08:00', '20:00', MON_TO_SAT),
    clock: { kind: 'standard_time', zone: 'America/Chicago', utcOffsetMinutes: -360 },
    holidays: { observed: 'sun_to_mon', list: MS_HOLIDAYS },
    consentExempt: false,
    effectiveFrom: '2003-07-01',
    effectiveTo: '2024-07-01',
    sources: [
      { citation: 'Miss. Code Ann. § 77-3-723(1)', url: MS_77_3_723 },
      { citation: '39 Miss. Admin. Code Pt. I, R. 1:28 (PSC, repealed)' },
      { citation: 'DNC.com / Mac Murray & Shuster, 2024-06-03', url: 'https://www.dnc.com/blog/no-more-holidays-mississippi-marketers-magnolia-state-lifts-prohibition-telemarketing-legal' },
      { citation: 'Miss. Code Ann. § 3-3-7 (legal holidays)', url: 'https://codes.findlaw.com/ms/title-3-state-sovereignty-jurisdiction-and-holidays/ms-code-sect-3-3-7.html' },
    ],
    verified: 'secondary',
    notes:
      '§ 77-3-723(1) read: "between the hours of 8:00 a.m. and 8:00 p.m. Central Standard Time. No telephone solicitations may be made on a Sunday." Read literally as CST all year (08:00-20:00 CST = 09:00-21:00 CDT in summer); the conservative intersection with recipient-local time (09:00-20:00 CDT) cannot be expressed in one row. The holiday ban was in the PSC rule (not read); it ended when the PSC repealed its rules after HB 1225 (2023) moved enforcement to the AG; DNC.com reported it lifted on 2024-06-03, exact repeal date unknown: 2024-07-01 chosen (keeps the ban longest). PSC holiday list assumed = § 3-3-7. Act 2003 (ch. 478); 2003-07-01 is the usual MS effective date, not checked; texts were added to "telephone solicitation" later (~2019, not checked).',
  },
  {
    id: 'MS-2024',
    state: 'MS',
    title: 'Mississippi Telephone Solicitation Act hours and Sunday ban (no holiday ban)',
    purposes: MARKETING,
    windows: daily('08:00', '20:00', MON_TO_SAT),
    clock: { kind: 'standard_time', zone: 'America/Chicago', utcOffsetMinutes: -360 },
    consentExempt: false,
    effectiveFrom: '2024-07-01',
    sources: [
      { citation: 'Miss. Code Ann. § 77-3-723(1)', url: MS_77_3_723 },
      { citation: 'Miss. Code Ann. § 77-3-705 (telephone solicitation includes text messages)', url: 'https://billstatus.ls.state.ms.us/documents/2023/html/SB/2400-2499/SB2494CS.htm' },
    ],
    verified: 'primary',
    notes:
      'Same § 77-3-723(1) text as MS-2003 (read), CST read literally (see MS-2003). Start date 2024-07-01 is the chosen end of the PSC holiday ban (unverified). § 77-3-603 (08:00-21:00 CST Mon-Sat for unsolicited residential sales calls) is looser and is not a separate row.',
  },
  {
    id: 'AL-1990',
    state: 'AL',
    title: 'Alabama PSC rule: automated solicitation calls, hours, Sundays and holidays',
    purposes: MARKETING,
    windows: daily('08:00', '20:00', MON_TO_SAT),
    clock: LOCAL,
    holidays: { observed: 'sat_to_fri_sun_to_mon', list: AL_HOLIDAYS },
    consentExempt: false,
    effectiveFrom: '1990-01-01',
    sources: [
      {
        citation: 'Ala. Admin. Code r. 770-X-5-.17(1)(b)',
        url: 'https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/title-770-alabama-public-service-commission/chapter-770-x-5-telephone-rules/section-770-x-5-17-live-and-automated-solicitations-and-announcements',
      },
      { citation: 'Ala. Code § 1-3-8 (legal holidays), ADAH list', url: 'http://www.archives.alabama.gov/intro/holidays.html' },
    ],
    verified: 'primary',
    notes:
      'Rule text read: "No solicitation calls are allowed on Sundays or holidays. On the days that calls are allowed, none will be placed prior to 8 a.m. or after 8 p.m." It governs "automated solicitation telephone calls"; applied to all marketing texts (conservative). The rule does not name a time zone: recipient local assumed. Holiday list from ADAH, not the § 1-3-8 text; Sat->Fri / Sun->Mon observance from the reference file (unverified). Rosa Parks Day (Dec 1, county option) and Juneteenth (proclaimed) not listed. 1990-01-01 is a placeholder start.',
  },
  {
    id: 'LA-2006',
    state: 'LA',
    title: 'Louisiana LPSC Do Not Call order: hours, Sundays and holidays',
    purposes: MARKETING,
    windows: daily('08:00', '20:00', MON_TO_SAT),
    clock: LOCAL,
    holidays: { observed: 'sun_to_mon', list: LA_HOLIDAYS },
    consentExempt: false,
    effectiveFrom: '2006-10-11',
    sources: [
      { citation: 'LPSC General Order R-29617 (decided 2006-10-11); La. R.S. 45:844.11 et seq.', url: 'https://lpsc.louisiana.gov/DNC_Emergency' },
      { citation: 'La. R.S. 45:844.31 (state-of-emergency ban)', url: 'https://casetext.com/statute/louisiana-revised-statutes/revised-statutes/title-45-public-utilities-and-carriers/chapter-8-j-telephonic-solicitation-prohibited-during-state-of-emergency/section-4584431-telemarketing-activities-prohibitions-exceptions' },
    ],
    verified: 'unverified',
    notes:
      'UNVERIFIED: hours, Sunday and holiday days come from vendor calendars (ClickPoint, Drop Cowboy, DNC.com); the General Order was not found. Observed shift unknown (sun_to_mon chosen). Governor-declared holidays (e.g. 2023-07-03) and the state-of-emergency ban (R.S. 45:844.31, LPSC notice read) cannot be expressed as rows: model them as operator "blackout" records. Vendor notes say consented calls are exempt from the day rules: not applied.',
  },
  {
    id: 'RI-1990',
    state: 'RI',
    title: 'Rhode Island Telephone Sales Solicitation Act hours of operation',
    purposes: MARKETING,
    windows: [
      { days: MON_TO_FRI, start: '09:00', end: '18:00' },
      { days: [6], start: '10:00', end: '17:00' },
    ],
    clock: LOCAL,
    holidays: { observed: 'sat_to_fri_sun_to_mon', list: RI_HOLIDAYS },
    consentExempt: false,
    effectiveFrom: '1990-01-01',
    sources: [
      { citation: 'R.I. Gen. Laws § 5-61-3.6', url: 'http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM' },
      { citation: 'R.I. Gen. Laws § 5-61-2(2) ("hours of operation")', url: 'https://instalawyer.io/laws/rhode-island-general-laws/section-5-61-2-definitions' },
      { citation: 'R.I. Gen. Laws § 25-1-1 (state holidays)', url: 'https://unicourt.github.io/cic-code-ri/transforms/ri/ocri/r71/gov.ri.code.title.25.html' },
      { citation: '5 U.S.C. § 6103 (federal holidays)', url: 'https://www.law.cornell.edu/uscode/text/5/6103' },
    ],
    verified: 'primary',
    notes:
      '"Monday through Friday, except a state or federal holiday, 9:00 a.m. to 6:00 p.m.; Saturday 10:00 a.m. to 5:00 p.m." for unsolicited telephonic sales calls to residential, mobile or paging numbers (§ 5-61-3.6 cross-refers to a stale "§ 5-61-2(9)"). Literally the holiday exception applies to Mon-Fri only; the engine may also block a Saturday holiday (conservative). RI state days shift Sat/Sun -> Monday for state employees while federal days shift Sat -> Friday; one shift per row, federal chosen, the RI Saturday->Monday day is not modelled. P.L. 1999 ch. 456; 1990-01-01 is a placeholder. "Unsolicited" may exclude consented texts: not applied.',
  },
  {
    id: 'PA-2019',
    state: 'PA',
    title: 'Pennsylvania Telemarketer Registration Act: hours and legal-holiday ban',
    purposes: MARKETING,
    windows: daily('08:00', '21:00'),
    clock: LOCAL,
    holidays: { observed: 'sun_to_mon', list: PA_HOLIDAYS },
    consentExempt: false,
    effectiveFrom: '2019-12-03',
    sources: [
      { citation: '73 P.S. § 2245(a)(1), (a)(10) (Act 73 of 2019, HB 318)', url: 'https://govt.westlaw.com/pac/Document/NE4CC77F0E9F711E9BEFE89A994168F89' },
      { citation: 'Jenkins Law Library, 2019-12-03', url: 'https://www.jenkinslaw.org/blog/2019/12/03/amendments-pennsylvanias-telemarketer-registration-act-effective-today' },
      { citation: 'Mac Murray & Shuster regulatory alert (2019)', url: 'https://mslawgroup.com/regulatory-alert-pennsylvania-amends-telemarketing-registration-act/' },
      { citation: '44 P.S. § 11 (legal holidays), BLR summary', url: 'http://www.blr.com/HR-Employment/Benefits-Leave/Holidays-in-Pennsylvania' },
    ],
    verified: 'secondary',
    notes:
      '§ 2245(a)(1) read: "Conducting telemarketing after 9 p.m. or before 8 a.m." (= federal). The holiday clause (§ 5(a)(10) of the Act, effective 2019-12-03) was not read; from Jenkins Law Library and Mac Murray. Holiday list = 44 P.S. § 11 per BLR/DNC.com; § 11 also makes every Saturday after noon a half-holiday: NOT modelled (no vendor applies it) - counsel to confirm. Sunday->Monday observance assumed. "Telephone solicitation call" excludes EBR within 12 months, debt collection, non-profits.',
  },
  {
    id: 'UT-1990',
    state: 'UT',
    title: 'Utah Telephone and Facsimile Solicitation Act: hours, Sundays and legal holidays without consent',
    purposes: MARKETING,
    windows: daily('08:00', '21:00', MON_TO_SAT),
    clock: LOCAL,
    holidays: { observed: 'sat_to_fri_sun_to_mon', list: UT_HOLIDAYS },
    consentExempt: true,
    effectiveFrom: '1990-01-01',
    sources: [
      { citation: 'Utah Code § 13-25a-103(3)', url: 'https://codes.findlaw.com/ut/title-13-commerce-and-trade/ut-code-sect-13-25a-103/' },
      { citation: 'Utah Code § 63G-1-301 (legal holidays), 2022 version', url: 'https://codes.findlaw.com/ut/title-63g-general-government/ut-code-sect-63g-1-301.html' },
      { citation: 'Utah Code § 63G-1-301 as amended 2025 (Juneteenth Observance Amendments)', url: 'https://writingpartners.net/documents/10600' },
    ],
    verified: 'primary',
    notes:
      '"A person may not make a telephone solicitation to a residential telephone or cellular telephone without prior express consent during any of the following times: (a) between the hours of 9 p.m. and 8 a.m. local time; (b) on a Sunday; or (c) on a legal holiday." Hence consentExempt. § 63G-1-301(2): Saturday -> preceding Friday, Sunday -> following Monday for the fixed-date holidays. Chapter enacted 1996 (ch. 26); 1990-01-01 is a placeholder start. Proclaimed days of fast/thanksgiving cannot be listed.',
  },
  {
    id: 'SD-1991',
    state: 'SD',
    title: 'South Dakota: telephone solicitation with an automated telephone dialing system, weekdays only',
    purposes: MARKETING,
    windows: daily('09:00', '21:00', MON_TO_FRI),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '1991-07-01',
    sources: [{ citation: 'SDCL § 37-30-28', url: 'http://legis.state.sd.us/statutes/DisplayStatute.aspx?Type=Statute&Statute=37-30-28' }],
    verified: 'primary',
    notes:
      '"No person may use an automated telephone dialing system to make a telephone solicitation to any telephone number in the state except weekdays between 9 a.m. and 9 p.m., according to the time in this state." SD spans Central and Mountain: "time in this state" read as the recipient\'s local time. Applies only to ATDS-sent solicitations; applied to all marketing texts (conservative). SL 1991 ch 322; 1991-07-01 is the usual SD effective date, not checked.',
  },
  {
    id: 'MA-2003',
    state: 'MA',
    title: 'Massachusetts Do Not Call regulations: unsolicited telephonic sales call hours',
    purposes: MARKETING,
    windows: daily('08:00', '20:00'),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '2003-01-01',
    sources: [
      { citation: '201 CMR 12.02(2)', url: 'https://regulations.justia.com/states/massachusetts/201-cmr/title-201-cmr-12-00/section-12-02' },
      { citation: 'M.G.L. c. 159C', url: 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleXXII/Chapter159C' },
    ],
    verified: 'primary',
    notes:
      '"No telephone solicitor shall make or cause to be made an unsolicited telephonic sales call to a consumer between the hours of 8:00 P.M. to 8:00 A.M., local time at the consumer\'s location." Whether "telephonic sales call" (c. 159C § 1) reaches texts was not checked. Act effective 2003-01-01 (mass.gov); the regulation\'s own date not checked.',
  },
  {
    id: 'NM-1990',
    state: 'NM',
    title: 'New Mexico Unfair Practices Act: telephone solicitation hours',
    purposes: MARKETING,
    windows: daily('09:00', '21:00'),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '1990-01-01',
    sources: [{ citation: 'NMSA 1978 § 57-12-22(B)(5)', url: 'https://law.justia.com/codes/new-mexico/2006/nmrc/jd_57-12-22-13117.html' }],
    verified: 'primary',
    notes:
      'Unlawful "to make a telephone solicitation for a purchase of goods or services ... that are received before 9:00 a.m. or after 9:00 p.m." Text read in the 2006 codification only: later amendments not checked. No time zone named: recipient local assumed. Coverage of texts not checked. 1990-01-01 is a placeholder start.',
  },
  {
    id: 'KY-1990',
    state: 'KY',
    title: 'Kentucky telephone solicitation hours (vendor-reported)',
    purposes: MARKETING,
    windows: daily('10:00', '21:00'),
    clock: LOCAL,
    consentExempt: false,
    effectiveFrom: '1990-01-01',
    sources: [
      { citation: 'KRS 367.46955 (hours subsection not found)', url: 'https://lawserver.com/law/state/kentucky/ks-statutes/kentucky_statutes_367-46955' },
      { citation: 'ClickPoint, state calling restrictions (2025-07)', url: 'https://blog.clickpointsoftware.com/federal-and-local-call-time-and-date-compliance' },
    ],
    verified: 'unverified',
    notes:
      'UNVERIFIED: 10:00-21:00 appears only in vendor tables. KRS 367.46955 was read only up to (7) and no hours clause was seen; KRS 367.461(2)(e) (automated calling equipment with recorded messages: 8 a.m.-9 p.m.) is federal-equivalent. Kept because it only defers (conservative); remove or confirm with counsel. 1990-01-01 is a placeholder start.',
  },
];
