import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLogEntry } from './call-log';
import type { EmulatorPortal } from './emulator-portal';
import { errorEnvelope, successEnvelope } from './envelopes';
import type { Fault } from './faults';
import type { Reply } from './http-io';
import { jsonReply, readBody, sendReply } from './http-io';
import type { Caller } from './method-runner';
import { runMethod } from './method-runner';
import type { Params } from './request-params';
import { readParams, toLoggable } from './request-params';
import { AUTH_PARAMS, authenticate, operatingClient, requestedAuthKind } from './rest-auth';
import type { RestErrorCode } from './rest-errors';
import { REST_ERRORS } from './rest-errors';
import type { RestRoute } from './rest-route';
import { parseRestPath } from './rest-route';

/** What happens to the connection: an answer (possibly late), silence, or a dropped socket. */
type Outcome = { kind: 'reply'; reply: Reply; delayMs: number } | { kind: 'hang' } | { kind: 'reset' };

interface RestRequest {
  route: RestRoute | undefined;
  params: Params;
  authorization: string | undefined;
  ip: string;
  arrivedAt: number;
  entry: CallLogEntry;
}

/** The /rest/ pipeline: rate limit, route, auth, fault, method; every request lands in the call log. */
export async function handleRest(
  portal: EmulatorPortal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request = await readRestRequest(req, portal.nowSec());
  const outcome = decide(portal, request);
  portal.calls.add(request.entry);
  deliver(outcome, req, res);
}

async function readRestRequest(req: IncomingMessage, arrivedAt: number): Promise<RestRequest> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const route = parseRestPath(url.pathname);
  const params = readParams(url.search, req.headers['content-type'], body);
  const authorization = req.headers.authorization;
  const entry: CallLogEntry = {
    method: route?.method ?? '',
    userId: null,
    authKind: requestedAuthKind(route, authorization, params),
    params: toLoggable(params, AUTH_PARAMS),
    status: null,
    error: null,
    applied: false,
    fault: null,
    timestamp: new Date(arrivedAt * 1000).toISOString(),
  };
  return { route, params, authorization, ip: req.socket.remoteAddress ?? 'unknown', arrivedAt, entry };
}

function decide(portal: EmulatorPortal, request: RestRequest): Outcome {
  const { route, entry } = request;
  if (!portal.admit(request.ip)) return failWith(entry, 'QUERY_LIMIT_EXCEEDED');
  if (!route) return failWith(entry, 'ERROR_METHOD_NOT_FOUND');
  const auth = authenticate(route, request.authorization, request.params, portal.state, portal.clock());
  entry.userId = auth.userId;
  if (auth.error !== null) return failWith(entry, auth.error);
  const caller = { userId: auth.userId, client: operatingClient(route) };
  const fault = portal.faults.take(route.method);
  entry.fault = fault?.kind ?? null;
  const call = { portal, request, method: route.method, caller };
  return fault ? withFault(call, fault) : invoke(call, 0);
}

/** An authenticated request on its way to its method. */
interface Invocation {
  portal: EmulatorPortal;
  request: RestRequest;
  method: string;
  caller: Caller;
}

function withFault(call: Invocation, fault: Fault): Outcome {
  const { entry } = call.request;
  switch (fault.kind) {
    case 'error': {
      const { status, error, error_description } = fault;
      return answer(entry, jsonReply(status, { error, error_description }), error);
    }
    case 'raw':
      return answer(entry, rawReply(fault), null);
    case 'hang':
      return { kind: 'hang' };
    case 'delay':
      return invoke(call, fault.ms);
    case 'reset':
      if (fault.phase === 'after-apply') invoke(call, 0);
      entry.status = null;
      entry.error = null;
      return { kind: 'reset' };
  }
}

function invoke({ portal, request, method, caller }: Invocation, delayMs: number): Outcome {
  const { params, entry } = request;
  const outcome = runMethod(portal, caller, method, params, request.arrivedAt);
  if (!outcome.ok) return failWith(entry, outcome.error, delayMs);
  entry.applied = outcome.applied;
  if (outcome.commands) entry.commands = outcome.commands;
  return answer(entry, jsonReply(200, successEnvelope(outcome.result, outcome.time)), null, delayMs);
}

function failWith(entry: CallLogEntry, code: RestErrorCode, delayMs = 0): Outcome {
  return answer(entry, jsonReply(REST_ERRORS[code].status, errorEnvelope(code)), code, delayMs);
}

function answer(entry: CallLogEntry, reply: Reply, error: string | null, delayMs = 0): Outcome {
  entry.status = reply.status;
  entry.error = error;
  return { kind: 'reply', reply, delayMs };
}

function rawReply(fault: Extract<Fault, { kind: 'raw' }>): Reply {
  const contentType: Record<string, string> = fault.contentType ? { 'content-type': fault.contentType } : {};
  return { status: fault.status, body: fault.body ?? '', headers: { ...contentType, ...fault.headers } };
}

function deliver(outcome: Outcome, req: IncomingMessage, res: ServerResponse): void {
  if (outcome.kind === 'hang') return; // the server's close() destroys the socket eventually
  if (outcome.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  const { reply, delayMs } = outcome;
  if (delayMs <= 0) return sendReply(res, reply);
  const timer = setTimeout(() => sendReply(res, reply), delayMs);
  res.once('close', () => clearTimeout(timer));
}
