/** The business rules of the bot: pure functions over the answers, no I/O. */
export { evaluateCondition, conditionFields } from './conditions';
export type { Values } from './values';
export { assessEligibility, type Eligibility } from './eligibility';
export { recommend, type Recommendation, type RecommendedProgramme } from './recommendation';
export { territoryOf, type Territory } from './territory';
export { nextFactoryEdition, type FactoryEdition } from './factoryEdition';
export { calendarVars, explorersTheme, boosterCohortUpcoming, dayAndMonth, monthAndYear } from './programmeCalendar';
export { yearsSince } from './yearsActive';
export { dayIn, isoDay, type CalendarDay } from './zonedDate';
