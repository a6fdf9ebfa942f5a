import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * The adapter, handed an activity the messages route has already checked and authenticated.
 * `CloudAdapter.process` would parse the request body twice more (its own zod checks) and
 * authenticate it a second time, on every turn; the route did both already, so the turn starts
 * from the route's result. What `process` also did, turning timestamps into dates, is kept.
 */
export class AuthenticatedAdapter extends CloudAdapter {
  /** Runs the turn; resolves with the invoke's response (undefined for any other activity). */
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, withDates(activity), logic);
  }
}

/** As botbuilder's own check does: the wire's ISO strings become dates, the strings kept as raw values. */
function withDates(activity: Activity): Activity {
  const wire = activity as Activity & Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = wire[field];
    if (typeof value === 'string') {
      wire[raw] = value;
      wire[field] = new Date(value);
    }
  }
  return activity;
}
