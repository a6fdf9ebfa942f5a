import type { StepKind } from '../flow/schema';

/** Keys of dialogs/texts.yaml the engine says; flow checks refuse a flow missing one. */
export const ENGINE_TEXT_KEYS = [
  'attempts.optional', 'attempts.required', 'noted', 'noted_approx', 'skipped', 'skip_not_allowed',
  'current_answer', 'not_answered', 'yes', 'no', 'none', 'help', 'help.why', 'back_unavailable', 'edit_which',
  'edit_unknown', 'edit_unavailable', 'confirm.restart', 'confirm.cancel', 'confirm.cancel_request_kept', 'cancelled',
  'cancelled_request_kept', 'ending_request_kept', 'not_cancelled', 'restarted', 'resume_offer', 'resume_offer_summary',
  'resume_button', 'restart_button', 'resumed', 'language_switched', 'human_no_consent',
  'human_collect', 'human_collecting', 'human_done', 'human_done_alternative', 'human_continue', 'human_already',
  'way_out.question', 'way_out.question_no_alternative', 'way_out.alternative', 'way_out.alternative_words',
  'way_out.withdraw', 'way_out.withdraw_words', 'way_out.withdrawn',
  'attempts.optional_called', 'attempts.required_called', 'need_invalid', 'record.cut', 'suggestion', 'summary.title', 'summary.intro',
  'summary.question', 'summary.confirm_button', 'summary.edit_button', 'summary.edit_prompt',
  'summary.approx', 'summary.edit_item', 'punctuation.colon', 'punctuation.list',
  'choices.submit_button', 'choices.label_single', 'choices.label_multiple',
  'recommendation.title', 'recommendation.intro', 'recommendation.not_eligible',
  'recommendation.reasons', 'recommendation.others', 'factory_edition', 'thanks', 'done_already',
  'save_failed', 'turn_error', 'too_long', 'not_text', 'slow_down', 'confirm.erase', 'erased', 'erase_incomplete', 'skip_button', 'value_please', 'status.accepted', 'status.redirected',
  // First-time users (issue 10): language, commands in sentences, answers that must go through, early "not for you".
  'language.switch_hint', 'language.offer', 'language.offer_accept', 'language.offer_decline',
  'intent.ask', 'intent.answer_button', 'intent.answer_words', 'intent.answer_kept',
  'intent.action.help', 'intent.action.why', 'intent.action.back', 'intent.action.edit', 'intent.action.restart', 'intent.action.cancel',
  'intent.action.human', 'intent.action.skip', 'intent.action.resume', 'intent.action.confirm', 'intent.action.erase',
  'intent.button.help', 'intent.button.why', 'intent.button.back', 'intent.button.edit', 'intent.button.restart', 'intent.button.cancel',
  'intent.button.human', 'intent.button.skip', 'intent.button.resume', 'intent.button.confirm', 'intent.button.erase',
  'other.offer', 'other.declined', 'attempts.way_through', 'attempts.way_through_other', 'attempts.human_button', 'attempts.unknown_button',
  'skipped_unknown', 'noted_choices', 'progress',
  'not_eligible.intro', 'not_eligible.question', 'not_eligible.leave_button', 'not_eligible.leave_words', 'not_eligible.stop_button',
  'not_eligible.stop_words', 'not_eligible.short_intro', 'not_eligible.recorded', 'not_eligible.stopped',
] as const;
/** Keys under `web.` of dialogs/texts.yaml that the chat page and widget show (src/web/). */
export const WEB_TEXT_KEYS = [
  'page_title', 'heading', 'intro', 'chat_label', 'loading', 'unavailable', 'bubble_open', 'bubble_close',
] as const;

export type EngineTextKey = (typeof ENGINE_TEXT_KEYS)[number];

/** The re-prompt key of a kind of question. */
export const invalidKey = (kind: StepKind): string => `invalid.${kind}`;

/**
 * Keys whose text is shown on a button, by what the button does: two of them worded alike would
 * make two actions look the same (flow:check warns). Choice labels are buttons too.
 */
export const BUTTON_TEXT_KEYS = [
  'yes', 'no', 'skip_button', 'summary.confirm_button', 'summary.edit_button', 'resume_button', 'restart_button',
  'way_out.alternative', 'way_out.withdraw', 'choices.submit_button',
] as const;
