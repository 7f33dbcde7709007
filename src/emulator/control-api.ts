import type { IncomingMessage } from 'node:http';
import { likes, reactions, setReaction } from './control-messages';
import type { ControlRequest } from './control-request';
import { BadRequest, OK, validate } from './control-request';
import { faultSchema, optionsSchema, resetSchema, setupSchema, webhookSchema } from './control-schemas';
import { applySetup } from './control-setup';
import type { EmulatorPortal } from './emulator-portal';
import type { Reply } from './http-io';
import { jsonReply, readBody } from './http-io';

interface Route {
  method: string;
  path: RegExp;
  handle(request: ControlRequest): Reply;
}

const ROUTES: readonly Route[] = [
  { method: 'POST', path: /^\/reset$/, handle: reset },
  { method: 'POST', path: /^\/setup$/, handle: setup },
  { method: 'POST', path: /^\/webhooks$/, handle: webhook },
  { method: 'GET', path: /^\/likes\/([^/]+)$/, handle: likes },
  { method: 'GET', path: /^\/reactions\/([^/]+)$/, handle: reactions },
  { method: 'PUT', path: /^\/reactions$/, handle: setReaction },
  {
    method: 'GET',
    path: /^\/calls$/,
    handle: ({ portal }) => jsonReply(200, { calls: portal.calls.list() }),
  },
  { method: 'DELETE', path: /^\/calls$/, handle: ({ portal }) => (portal.calls.clear(), OK) },
  { method: 'GET', path: /^\/options$/, handle: ({ portal }) => jsonReply(200, currentOptions(portal)) },
  { method: 'PUT', path: /^\/options$/, handle: setOptions },
  {
    method: 'GET',
    path: /^\/faults$/,
    handle: ({ portal }) => jsonReply(200, { faults: portal.faults.pending() }),
  },
  { method: 'POST', path: /^\/faults$/, handle: addFault },
  { method: 'DELETE', path: /^\/faults$/, handle: ({ portal }) => (portal.faults.clear(), OK) },
];

/** JSON routes under /_emulator/ that tests and people use to arrange and inspect the portal. */
export async function handleControl(
  portal: EmulatorPortal,
  origin: string,
  req: IncomingMessage,
): Promise<Reply> {
  const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname.replace(/^\/_emulator/, '');
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (!match || route.method !== req.method) continue;
    try {
      return route.handle({ portal, origin, match, body: parseJson(await readBody(req)) });
    } catch (error) {
      if (error instanceof BadRequest)
        return jsonReply(400, { error: 'BAD_REQUEST', message: error.message });
      throw error;
    }
  }
  return jsonReply(404, { error: 'NOT_FOUND', message: `No control route ${req.method} /_emulator${path}` });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('Body is not valid JSON');
  }
}

function reset({ portal, body }: ControlRequest): Reply {
  portal.reset(validate(resetSchema, body).seed ?? true);
  return OK;
}

function setup({ portal, body }: ControlRequest): Reply {
  applySetup(portal.state, validate(setupSchema, body), portal.clock());
  return OK;
}

function webhook({ portal, origin, body }: ControlRequest): Reply {
  const { userId, code } = validate(webhookSchema, body);
  return jsonReply(200, { url: `${origin}/rest/${userId}/${portal.webhookCode(userId, code)}/` });
}

function setOptions({ portal, body }: ControlRequest): Reply {
  const options = validate(optionsSchema, body);
  if (options.rateLimit !== undefined) portal.setRateLimit(options.rateLimit);
  if (options.legacyParamsError !== undefined) portal.options.legacyParamsError = options.legacyParamsError;
  if (options.operatingLimitSec !== undefined) portal.operating.limitSec = options.operatingLimitSec;
  if (options.operatingSecondsPerCall !== undefined)
    portal.operating.secondsPerCall = options.operatingSecondsPerCall;
  return OK;
}

function currentOptions(portal: EmulatorPortal): object {
  return {
    rateLimit: portal.currentRateLimit(),
    legacyParamsError: portal.options.legacyParamsError,
    operatingLimitSec: portal.operating.limitSec,
    operatingSecondsPerCall: portal.operating.secondsPerCall,
  };
}

function addFault({ portal, body }: ControlRequest): Reply {
  portal.faults.add(validate(faultSchema, body));
  return OK;
}
