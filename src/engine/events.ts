/**
 * What the engine tells the transport about a turn, besides the state it leaves: the things a
 * state cannot show afterwards (for insights). Step ids only, never what the user typed, so a
 * list of events is safe to log.
 */
export type TurnEvent =
  /** An answer to this step was not understood and the question was asked again. */
  | { kind: 'reprompt'; step: string }
  /** The user asked "pourquoi ?" at this step. */
  | { kind: 'why'; step: string }
  /** The user skipped this optional step. */
  | { kind: 'skip'; step: string }
  /** A call back was recorded (a need with the call-back request). */
  | { kind: 'callback' }
  /** The journey under way stops where it stands: cancelled, restarted or erased (a restart then begins a new one). */
  | { kind: 'cancel' }
  /**
   * The journey reached an early ending (e.g. consent refused); `path` is the walk's path at
   * that moment (step ids), since the engine forgets the answers right away.
   */
  | { kind: 'ending'; ending: string; path: string[] };
