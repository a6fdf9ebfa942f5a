import type { Pending } from './state';
import { onAnswer, onOtherOffer, skip } from './answering';
import { human, onWayOut } from './callback';
import type { Command } from './commands';
import { onIntentReply } from './intents';
import { onLanguageOffer, switchLanguage } from './language';
import { onNotEligibleReply } from './notEligible';
import type { Submitted } from './submitted';
import { complete } from './summary';
import { render } from './texts';
import { type Turn, yesNo } from './turn';

/** The global commands ("aide", "retour", "annuler"…) and our own questions about them ("are you sure?"). */

/**
 * Answers to "are you sure?", "resume or restart?", "which answer?", "no phone?", and to our
 * offers (a command or your answer?, English?, the "other" choice?, a short need or stop?). True
 * when handled; false lets the message be read as usual.
 */
export function onPending(t: Turn, pending: Pending, cmd: Command | undefined, text: string, submitted?: Submitted): boolean {
  t.state.pending = undefined;
  t.pendingWas = pending;
  const yes = cmd?.name === 'confirm' || yesNo(text, t.lang) === true;
  const no = yesNo(text, t.lang) === false;
  switch (pending) {
    case 'restart':
    case 'cancel':
    case 'erase':
      if (cmd && cmd.name !== 'confirm') return false;
      if (yes) {
        if (pending === 'restart') restart(t);
        else if (pending === 'cancel') cancel(t);
        else eraseAll(t);
      } else if (no) {
        t.say('not_cancelled');
        t.reask();
      } else confirmFirst(t, pending);
      return true;
    case 'resume':
      if (cmd?.name === 'restart') {
        restart(t);
        return true;
      }
      if (cmd?.name === 'resume' || (cmd?.name === 'confirm' && t.state.phase !== 'summary')) {
        t.say('resumed');
        t.reask();
        return true;
      }
      // Anything else (a command in a sentence, or the answer to the question the user can see above the offer) is read as usual.
      return false;
    case 'edit': {
      if (cmd && !(cmd.name === 'edit' && !cmd.argument)) return false;
      const step = t.stepNamed(submitted?.field ?? text);
      if (step) t.edit(step);
      else t.askWhichToEdit('edit_unknown', text);
      return true;
    }
    case 'way_out':
      return onWayOut(t, cmd, text, submitted);
    case 'intent':
      return onIntentReply(t, cmd, text);
    case 'language':
      return !cmd && onLanguageOffer(t, text, t.currentStep());
    case 'other':
      return (!cmd || cmd.name === 'confirm') && onOtherOffer(t, text, yes);
    case 'not_eligible':
      return onNotEligibleReply(t, text);
  }
}

export function onCommand(t: Turn, cmd: Command, text: string, submitted?: Submitted): void {
  const phase = t.state.phase;
  switch (cmd.name) {
    case 'help':
    case 'why': {
      const step = t.currentStep();
      const why = step ? render(step.why, t.lang, t.vars()) : '';
      if (step && cmd.name === 'why') t.events.push({ kind: 'why', step: step.id });
      // "aide" puts the why under its own lead-in, before the commands; "pourquoi" is answered by the why alone.
      const text = cmd.name === 'why' && why ? why : t.text('help', { why: why && t.text('help.why', { why }) }).trim();
      t.out.push({ type: 'text', text });
      return t.reask();
    }
    case 'back':
      return t.back();
    case 'edit':
      if (phase === 'idle') return t.begin();
      if (phase === 'done') return t.say('done_already', { reference: t.state.reference });
      if (!cmd.argument) {
        // Right after "J'ai noté : …", "modifier" alone corrects that answer.
        const noted = t.justNoted ? t.flow.stepById.get(t.justNoted) : undefined;
        return noted ? t.edit(noted) : t.askWhichToEdit('edit_which');
      }
      {
        const step = t.stepNamed(cmd.argument);
        return step ? t.edit(step) : t.askWhichToEdit('edit_unknown', cmd.argument);
      }
    case 'restart':
      return phase === 'idle' || phase === 'done' ? restart(t) : confirmFirst(t, 'restart');
    case 'cancel':
      if (phase === 'idle') return t.say('cancelled');
      if (phase === 'done') return t.say('done_already', { reference: t.state.reference });
      return confirmFirst(t, 'cancel');
    case 'human':
      return human(t);
    case 'erase':
      return confirmFirst(t, 'erase');
    case 'skip':
      if (phase !== 'asking') return onAnswer(t, text, submitted);
      return skip(t);
    case 'resume':
      if (phase === 'idle') return t.begin();
      t.say('resumed');
      return t.reask();
    case 'greeting':
      if (phase === 'idle') return t.begin();
      if (phase === 'done') return t.say('done_already', { reference: t.state.reference });
      // Nothing answered yet: just ask again rather than offer to resume nothing.
      return Object.keys(t.state.answers).length ? offerResume(t) : t.reask();
    case 'confirm':
      return phase === 'summary' ? complete(t) : onAnswer(t, text, submitted);
    case 'english':
    case 'french':
      return switchLanguage(t, cmd.name === 'english' ? 'en' : 'fr');
  }
}

export function offerResume(t: Turn): void {
  const s = t.state;
  s.pending = 'resume';
  const step = t.currentStep();
  // Only our own question on screen (e.g. a short need or stop?): it is simply asked again.
  if (s.phase === 'asking' && !step) {
    s.pending = undefined;
    return t.reask();
  }
  const text = s.phase === 'summary' || !step ? t.text('resume_offer_summary') : t.text('resume_offer', { label: step.label[t.lang] });
  t.out.push({ type: 'question', text, stepId: 'resume', actions: [t.button('resume_button'), t.button('restart_button')] });
}

function confirmFirst(t: Turn, what: 'restart' | 'cancel' | 'erase'): void {
  t.state.pending = what;
  // Cancelling forgets the answers, not a request already sent: say so before, not after.
  const kept = what === 'cancel' ? t.keptReferences() : undefined;
  const text = kept ? t.text('confirm.cancel_request_kept', { reference: kept }) : t.text(`confirm.${what}`);
  t.out.push({ type: 'question', text, stepId: `confirm_${what}`, actions: [t.button('yes'), t.button('no')] });
}

function restart(t: Turn): void {
  t.events.push({ kind: 'cancel' });
  t.say('restarted');
  t.begin();
}

function cancel(t: Turn): void {
  t.events.push({ kind: 'cancel' });
  const kept = t.keptReferences();
  t.forget = true;
  t.reset();
  t.say('cancelled');
  if (kept) t.say('cancelled_request_kept', { reference: kept });
}

/** Right to erasure: nothing of this conversation is kept; the transport deletes what was stored and tells the user. */
function eraseAll(t: Turn): void {
  t.events.push({ kind: 'cancel' });
  t.erase = true;
  t.forget = true;
  t.reset({ erased: true });
}
