import { createHttpHeaders, createPipelineRequest, type PipelineResponse, RestError } from '@azure/core-rest-pipeline';
import type { Activity } from 'botbuilder';
import { type ConnectorClient, ConversationConstants } from 'botframework-connector';

type Conversations = ConnectorClient['conversations'];

/**
 * A Bot Connector client whose replies are posted as the JSON they are. botbuilder sends each
 * reply through @azure/core-client's operation machinery: the activity walked against the
 * schema's mappers (20 times the cost of a JSON.stringify for a question with buttons), the URL
 * templated, the answer mapped back; about half of a reply's CPU. Here the same request (URL,
 * headers, body fields) goes through the client's own pipeline all the same: its credentials sign
 * it, its retry, redirect and proxy policies apply, and a refusal is the same RestError.
 * Anything but the two calls botbuilder's adapter makes (a callback, request options) is left
 * to botbuilder.
 */
export function postingRepliesAsJson(client: ConnectorClient, serviceUrl: string): ConnectorClient {
  const { conversations } = client;
  const replyToActivity = conversations.replyToActivity.bind(conversations);
  const sendToConversation = conversations.sendToConversation.bind(conversations);
  const url = urlMaker(serviceUrl);
  const post = (path: string, activity: Partial<Activity>, headers: Record<string, string>) => postJson(client, url(path), activity, headers);
  conversations.replyToActivity = ((conversationId: string, activityId: string, activity: Partial<Activity>, ...rest: unknown[]) =>
    rest.length
      ? (replyToActivity as (...args: unknown[]) => unknown)(conversationId, activityId, activity, ...rest)
      : post(`v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, activity, {
          [ConversationConstants.ConversationIdHttpHeaderName]: conversationId,
        })) as Conversations['replyToActivity'];
  conversations.sendToConversation = ((conversationId: string, activity: Partial<Activity>, ...rest: unknown[]) =>
    rest.length
      ? (sendToConversation as (...args: unknown[]) => unknown)(conversationId, activity, ...rest)
      : post(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity, {})) as Conversations['sendToConversation'];
  return client;
}

/**
 * As @azure/core-client joins a client's base URL and an operation's path (its query kept). The
 * serviceUrl is parsed once per client; the path's parts are already encoded.
 */
function urlMaker(serviceUrl: string): (path: string) => string {
  const url = new URL(serviceUrl);
  const { search, hash } = url;
  url.search = '';
  url.hash = '';
  const base = url.toString().endsWith('/') ? url.toString() : `${url.toString()}/`;
  return (path) => `${base}${path}${search}${hash}`;
}

/** The statuses the Bot Connector's operations accept (its OpenAPI document); anything else is an error. */
const ACCEPTED = new Set([200, 201, 202]);

async function postJson(client: ConnectorClient, url: string, activity: Partial<Activity>, headers: Record<string, string>): Promise<{ id?: string }> {
  const request = createPipelineRequest({
    url,
    method: 'POST',
    // A Bot Connector on plain HTTP is a local one (Emulator, tests): botbuilder allows it alike.
    allowInsecureConnection: url.startsWith('http:'),
    headers: createHttpHeaders({ 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json', ...headers }),
    body: JSON.stringify(activity),
  });
  const response = (await client.sendRequest(request)) as unknown as PipelineResponse & { parsedBody?: unknown };
  const body = response.parsedBody ?? parsed(response.bodyAsText);
  if (!ACCEPTED.has(response.status)) throw refusal(response, body);
  return body && typeof body === 'object' ? (body as { id?: string }) : {};
}

function parsed(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error botbuilder's operations throw: the channel's own code and message when its body has them. */
function refusal(response: PipelineResponse, body: unknown): RestError {
  const error = new RestError(response.bodyAsText ?? `Unexpected status code: ${response.status}`, { statusCode: response.status, request: response.request, response });
  if (body && typeof body === 'object') {
    const inner = ((body as { error?: unknown }).error ?? body) as { code?: unknown; message?: unknown };
    if (typeof inner.code === 'string') error.code = inner.code;
    if (typeof inner.message === 'string' && inner.message) error.message = inner.message;
  }
  return error;
}
