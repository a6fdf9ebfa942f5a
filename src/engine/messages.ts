/**
 * What the engine asks the transport to say: channel-neutral descriptions. Every message has
 * a complete plain `text`, so a channel without cards or buttons loses nothing.
 */
export interface ChoiceButton {
  /** Sent back when clicked (for a card submit) or typed. */
  value: string;
  label: string;
}

export type OutMessage =
  | { type: 'text'; text: string }
  | {
      type: 'question';
      text: string;
      stepId: string;
      choices?: ChoiceButton[];
      multiple?: boolean;
      /** Values pre-selected in a card (suggestion or current answer). */
      selected?: string[];
      /** Quick replies besides the choices (skip, yes/no, resume…). */
      actions?: ChoiceButton[];
      submitLabel?: string;
      /** The accessible label of the choices in a card (the question itself is shown just above). */
      inputLabel?: string;
    }
  | { type: 'card'; template: 'summary' | 'recommendation'; data: Record<string, unknown>; text: string; actions?: ChoiceButton[] };
